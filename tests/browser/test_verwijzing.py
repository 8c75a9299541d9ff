"""A referrer in a real browser: logs in with its code, sends a referral (with a mistake first),
and sees only the status of what it sent; the form can be completed with the keyboard alone.
Every page is scanned with axe."""

import uuid

import pytest
from playwright.sync_api import expect

from intake.gegevens import VerwijzingGegevens
from intake.verwijzing.services import verwijzing_send
from tests.browser.conftest import login
from tests.factories import (
    PASSWORD,
    RoutingRegelFactory,
    TeamFactory,
    VerwijzerFactory,
    WijkFactory,
    intake_gegevens,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def verwijzer():  # type: ignore[no-untyped-def]
    centrum = WijkFactory(naam="Centrum", postcodes=["7511", "7512"])
    TeamFactory(naam="Wijkteam Centrum", soort="wijkteam", wetten=["WMO"], wijken=[centrum])
    RoutingRegelFactory(volgorde=90, team_soort="wijkteam")
    return VerwijzerFactory(organisatie="Huisartsenpraktijk De Linde", agb_code="01123456")


def _andere_verwijzing() -> str:
    ander = VerwijzerFactory(organisatie="Huisartsenpraktijk Anders")
    intake = verwijzing_send(
        verwijzer=ander, user=ander.user, indien_sleutel=uuid.uuid4(),
        gegevens=intake_gegevens(voornaam="Kees", email="kees@example.nl",
                                 verwijzing=VerwijzingGegevens(
                                     soort="huisarts", organisatie="x",
                                     ontvangen_via="formulier", inwoner_akkoord=True)))
    return intake.referentie


def test_referrer_logs_in_sends_a_referral_and_sees_only_its_status(  # type: ignore[no-untyped-def]
        page, assert_accessible, verwijzer) -> None:
    andere = _andere_verwijzing()
    login(page, verwijzer.user.username, PASSWORD, staff=True)
    page.wait_for_url("**/verwijzen/")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn verwijzingen"
    expect(page.get_by_text("U heeft nog niemand verwezen.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("main").get_by_role("link", name="Nieuwe verwijzing").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Nieuwe verwijzing"
    expect(page.get_by_text("Huisartsenpraktijk De Linde").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Voornaam").fill("Sanne")
    page.get_by_label("Achternaam").fill("de Vries")
    page.get_by_label("Straat en huisnummer").fill("Dorpsstraat 1")
    page.get_by_label("Postcode").fill("7511 AB")
    page.get_by_label("Woonplaats").fill("Dijkstad")
    page.get_by_label("Telefoonnummer van de inwoner").fill("06 12345678")
    page.get_by_label("E-mailadres van de inwoner").fill("sanne@example.nl")
    page.check("input[name=contact_voorkeur][value=telefoon]")
    page.get_by_label("Wat is de vraag van de inwoner? Waarom verwijst u?").fill(
        "Mevrouw zoekt hulp bij haar administratie.")
    page.check("input[name=over_kind][value=nee]")
    page.check("input[name=veiligheid][value=veilig]")
    page.check("input[name=urgentie][value=normaal]")
    page.get_by_label("De inwoner weet van deze verwijzing en is het ermee eens").check()
    page.get_by_role("button", name="Verwijzing versturen").click()

    # Forgot the date of birth: the error summary, linked, and nothing lost.
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible() and page.title().startswith("Fout:")
    assert "Vul de geboortedatum van de inwoner in." in summary.inner_text()
    assert page.get_by_label("Voornaam").input_value() == "Sanne"
    assert page.get_by_label("De inwoner weet van deze verwijzing en is het ermee eens") \
        .is_checked()
    assert_accessible(page)
    assert summary.get_by_role("link", name="Geboortedatum").get_attribute("href") == \
        "#id_geboortedatum"
    page.get_by_label("Geboortedatum").fill("12-04-1985")
    page.get_by_role("button", name="Verwijzing versturen").click()

    page.wait_for_url("**/verwijzen/*/verstuurd/")
    assert page.get_by_role("heading", level=1).inner_text() == "De verwijzing is verstuurd"
    referentie = page.locator(".referentie").inner_text()
    assert referentie.startswith("TG-")
    assert "Sanne" not in page.content()
    assert_accessible(page)

    page.get_by_role("link", name="Naar mijn verwijzingen").click()
    rij = page.get_by_role("row", name=referentie)
    expect(rij.get_by_text("ontvangen")).to_be_visible()
    content = page.content()
    assert andere not in content and "Sanne" not in content and "administratie" not in content
    assert_accessible(page)


def _tab_to(page, selector: str, limit: int = 120) -> None:  # type: ignore[no-untyped-def]
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"keyboard could not reach {selector}")


def _typ(page, selector: str, text: str) -> None:  # type: ignore[no-untyped-def]
    _tab_to(page, selector)
    page.keyboard.type(text)


def _kies(page, selector: str) -> None:  # type: ignore[no-untyped-def]
    """A radio group or a checkbox: tab to it and press space (the first option)."""
    _tab_to(page, selector)
    page.keyboard.press("Space")


def test_keyboard_only_through_the_referral_form(page, verwijzer) -> None:  # type: ignore[no-untyped-def]
    login(page, verwijzer.user.username, PASSWORD, staff=True)
    page.wait_for_url("**/verwijzen/")
    _tab_to(page, "main a[href='/verwijzen/nieuw/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _typ(page, "#id_voornaam", "Ali")
    _typ(page, "#id_achternaam", "Yilmaz")
    _typ(page, "#id_geboortedatum", "01-02-1970")
    _typ(page, "#id_straat", "Kerkweg 4")
    _typ(page, "#id_postcode", "7512 CD")
    _typ(page, "#id_woonplaats", "Dijkstad")
    _typ(page, "#id_telefoon", "0612345678")
    _kies(page, "input[name=contact_voorkeur]")  # bellen
    _typ(page, "#id_vraag", "Meneer voelt zich eenzaam.")
    _tab_to(page, "input[name=over_kind]")
    page.keyboard.press("ArrowDown")  # moves to and selects "Nee"
    assert page.locator("input[name=over_kind][value=nee]").is_checked()
    _kies(page, "input[name=veiligheid]")
    _kies(page, "input[name=urgentie]")
    _kies(page, "#id_inwoner_akkoord")
    assert page.locator("#id_inwoner_akkoord").is_checked()
    _tab_to(page, "button[type=submit].btn-lg")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/verstuurd/" in page.url
    assert page.get_by_role("heading", level=1).inner_text() == "De verwijzing is verstuurd"
