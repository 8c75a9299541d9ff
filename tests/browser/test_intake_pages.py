"""Resident and staff pages of the single record in a real browser, each scanned with axe."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import login
from tests.factories import PASSWORD, IntakeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_resident_follows_request_adds_info_and_withdraws_consent(page, assert_accessible,
                                                                  dijkstad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=dijkstad.inwoner, met_toestemming_jeugd=True)
    login(page, dijkstad.inwoner.username, PASSWORD, staff=False)
    page.wait_for_url("**/mijn/")
    assert_accessible(page)
    page.get_by_role("link", name=f"Aanvraag {intake.referentie}").click()
    assert page.get_by_role("heading", level=1).inner_text() == \
        f"Uw aanvraag {intake.referentie}"
    assert_accessible(page)

    page.get_by_role("link", name="Iets toevoegen").click()
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Wat wilt u toevoegen?").fill("We zijn verhuisd naar de Kerkweg.")
    page.get_by_role("button", name="Toevoegen").click()
    expect(page.get_by_text("Uw aanvulling is toegevoegd.")).to_be_visible()
    expect(page.get_by_text("We zijn verhuisd naar de Kerkweg.").first).to_be_visible()

    page.get_by_role("link", name="Toestemmingen regelen").click()
    assert_accessible(page)
    page.get_by_role("link", name="Toestemming intrekken").click()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, trek mijn toestemming in").click()
    expect(page.get_by_text("ingetrokken", exact=True).first).to_be_visible()

    page.get_by_role("link", name="Wie keek mee").first.click()
    assert_accessible(page)


def test_staff_intake_page_and_safety_form(page, assert_accessible, dijkstad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=dijkstad.inwoner)
    login(page, dijkstad.pro.username, PASSWORD, staff=True)
    page.wait_for_url("**/werk/")
    assert_accessible(page)
    page.get_by_role("link", name=intake.referentie).click()
    expect(page.get_by_text(intake.vraag)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Zorgen over veiligheid melden").click()
    page.get_by_role("button", name="Melding vastleggen").click()
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Wat maakt u zich zorgen over de veiligheid?").fill("Signalen.")
    page.get_by_label("Jeugdteam").check()
    page.get_by_role("button", name="Melding vastleggen").click()
    expect(page.get_by_text("De veiligheidsmelding is vastgelegd.")).to_be_visible()
