"""Hulp in de buurt in a real browser: from the start page a resident finds the buurthuis in
their wijk, on a phone (375 px) and with the keyboard only; every page scanned with axe."""

import pytest
from playwright.sync_api import expect

from tests.socialekaart.conftest import maak

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

THEMA = "Contact met familie, vrienden of buren"


@pytest.fixture
def kaart(dijkstad):  # type: ignore[no-untyped-def]
    kroon = maak("Buurthuis De Kroon", themas=["sociaal_netwerk"], wijken=[dijkstad.centrum],
                 organisatie="Stichting Welzijn Dijkstad", telefoon="053 480 12 12",
                 openingstijden="Maandag tot en met vrijdag 9.00–17.00 uur", kosten="Gratis")
    maak("Buurtkamer Noorderlicht", themas=["sociaal_netwerk"], wijken=[dijkstad.noord])
    maak("Geldloket", themas=["financien"], organisatie="Schuldhulp Dijkstad")
    return kroon


def test_resident_finds_the_buurthuis_on_a_phone(mobile_page, assert_accessible, kaart  # type: ignore[no-untyped-def]
                                                 ) -> None:
    page = mobile_page
    page.goto("/")
    page.get_by_role("link", name="Zoek hulp in de buurt").click()
    page.wait_for_url("**/hulp-in-de-buurt/")
    expect(page.get_by_role("heading", level=1, name="Hulp in de buurt")).to_be_visible()
    assert_accessible(page)

    # A wrong postcode: the summary on top links to the field, what was typed stays.
    page.get_by_label("Uw postcode").fill("75")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.get_by_label("Uw postcode")).to_have_value("75")
    assert_accessible(page)

    page.get_by_label("Uw postcode").fill("7511 AK")
    page.get_by_label("Waar zoekt u hulp bij?").select_option(label=THEMA)
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", name="1 plek voor de wijk Centrum en de hele gemeente")) \
        .to_be_visible()
    expect(page.get_by_role("link", name="Buurtkamer Noorderlicht")).to_have_count(0)
    assert_accessible(page)
    # Nothing is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375

    page.get_by_role("link", name="Buurthuis De Kroon").click()
    expect(page.get_by_role("heading", level=1, name="Buurthuis De Kroon")).to_be_visible()
    expect(page.get_by_text("053 480 12 12")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def _tab_to(page, check: str, limit: int = 60) -> None:  # type: ignore[no-untyped-def]
    """Press Tab until the focused element satisfies the JavaScript expression `check`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(el => {check})(document.activeElement)"):
            return
    raise AssertionError(f"never reached with Tab: {check}")


def test_resident_finds_the_buurthuis_with_the_keyboard_only(  # type: ignore[no-untyped-def]
        in_elk_thema, page, assert_accessible, kaart) -> None:
    page.goto("/")
    _tab_to(page, "el.textContent.trim() === 'Zoek hulp in de buurt'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/hulp-in-de-buurt/")
    _tab_to(page, "el.id === 'id_postcode'")
    page.keyboard.type("7511AK")
    _tab_to(page, "el.id === 'id_thema'")
    page.keyboard.type("Contact")  # a focused select picks the option by typing
    expect(page.locator("#id_thema")).to_have_value("sociaal_netwerk")
    _tab_to(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Zoeken'")
    page.keyboard.press("Enter")
    page.wait_for_url("**/hulp-in-de-buurt/?postcode=7511AK&thema=sociaal_netwerk")
    assert_accessible(page)
    _tab_to(page, "el.textContent.trim() === 'Buurthuis De Kroon'")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/hulp-in-de-buurt/{kaart.pk}/?**")
    expect(page.get_by_role("heading", level=1, name="Buurthuis De Kroon")).to_be_visible()
    assert_accessible(page)
