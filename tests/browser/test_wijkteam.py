"""A resident finds their wijkteam on the start page by postcode, with the keyboard alone and
on a phone-sized screen; each page scanned with axe."""

from datetime import time

import pytest
from playwright.sync_api import Page, expect

from toegang.organisatie.services import team_contact_set, team_inlooptijd_add

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def met_inloop(dijkstad):  # type: ignore[no-untyped-def]
    team_contact_set(team=dijkstad.wijkteam, straat_huisnummer="Marktstraat 12",
                     postcode="7511 AB", plaats="Dijkstad",
                     introductie="Wij zijn het wijkteam van Centrum. Kom gerust langs.")
    team_inlooptijd_add(team=dijkstad.wijkteam, weekdag=2, van=time(9), tot=time(12))
    team_inlooptijd_add(team=dijkstad.wijkteam, weekdag=4, van=time(13, 30),
                        tot=time(16, 30), locatie="Buurthuis De Es")
    return dijkstad


def _tab_to(page: Page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"keyboard could not reach {selector} on {page.url}")


def test_resident_finds_their_wijkteam_with_the_keyboard(in_elk_thema, page, assert_accessible,  # type: ignore[no-untyped-def]
                                                        met_inloop) -> None:
    page.goto("/")
    expect(page.get_by_role("heading", name="Welk wijkteam hoort bij mij?")).to_be_visible()
    assert_accessible(page)
    # A typo first: the summary says what is wrong, links to the field and keeps the input.
    _tab_to(page, "input[name=postcode]")
    page.keyboard.type("75111")
    page.keyboard.press("Enter")
    page.wait_for_url("**/wijkteam/?postcode=75111")
    expect(page.locator("[data-error-summary]")).to_be_visible()
    expect(page.get_by_role("link", name="Uw postcode: Dit is geen postcode.")).to_be_visible()
    expect(page.get_by_label("Uw postcode")).to_have_value("75111")
    assert_accessible(page)

    page.get_by_role("link", name="Uw postcode: Dit is geen postcode.").press("Enter")
    expect(page.get_by_label("Uw postcode")).to_be_focused()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type("7511ab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/wijkteam/?postcode=7511ab")
    expect(page.get_by_role("heading", name="Uw wijkteam bij postcode 7511 AB")).to_be_visible()
    expect(page.get_by_text("Marktstraat 12, 7511 AB Dijkstad")).to_be_visible()
    expect(page.get_by_text("13.30 tot 16.30 uur (Buurthuis De Es)")).to_be_visible()
    expect(page.locator("dd", has_text="9.00 tot 12.00 uur")).to_be_visible()
    expect(page.locator(".crisisbox")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Vraag hulp").click()
    page.wait_for_url("**/hulp-vragen/")


def test_the_wijkteam_page_works_on_a_phone(mobile_page, assert_accessible, met_inloop) -> None:  # type: ignore[no-untyped-def]
    page = mobile_page
    page.goto("/")
    page.get_by_label("Uw postcode").fill("7511 AB")
    page.get_by_role("button", name="Zoek mijn wijkteam").click()
    page.wait_for_url("**/wijkteam/?postcode=7511+AB")
    expect(page.get_by_text("Marktstraat 12, 7511 AB Dijkstad")).to_be_visible()
    # Nothing wider than the screen (WCAG 1.4.10 reflow).
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)
    # An unknown postcode: a clear message, at 375 px too.
    page.get_by_label("Uw postcode").fill("1234 AB")
    page.get_by_role("button", name="Zoek mijn wijkteam").click()
    page.wait_for_url("**/wijkteam/?postcode=1234+AB")
    expect(page.locator("[data-error-summary]")).to_contain_text(
        "Bij deze postcode vinden we geen wijkteam.")
    assert_accessible(page)
