"""Issue 5's journey in a real browser: a professional picks up an intake from the queue,
records a contact and a ZRM, writes a plan; the resident agrees; the case is handed over and
the resident sees the new regiehouder. Every professional page is scanned with axe."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from casussen.services import ave_set
from tests.browser.conftest import login
from tests.factories import PASSWORD, CasusFactory, IntakeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logout(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Uitloggen").click()


def test_pick_up_contact_zrm_plan_akkoord_handover(page, assert_accessible,  # type: ignore[no-untyped-def]
                                                   dijkstad) -> None:
    pro, kees, inwoner = dijkstad.pro, dijkstad.collega, dijkstad.inwoner
    intake = IntakeFactory(inwoner=inwoner, voornaam="Sanne")

    # The professional finds the intake in the queue and picks it up.
    login(page, pro.username, PASSWORD, staff=True)
    page.wait_for_url("**/werk/")
    assert_accessible(page)
    page.get_by_role("link", name=intake.referentie).click()
    assert_accessible(page)
    page.get_by_role("button", name="Oppakken: ik word regiehouder").click()
    expect(page.get_by_text("U bent nu regiehouder van deze casus.")).to_be_visible()
    assert_accessible(page)

    # A contact, shared with the resident.
    page.get_by_label("Verslag").fill("Kennismaking aan de keukentafel.")
    page.get_by_label("gedeeld met de inwoner").first.check()
    page.get_by_role("button", name="Vastleggen").click()
    expect(page.get_by_text("Het contactmoment staat op de tijdlijn.")).to_be_visible()

    # A ZRM assessment.
    page.get_by_role("link", name="Zelfredzaamheid (ZRM): metingen en verloop").click()
    page.get_by_role("link", name="Nieuwe meting vastleggen").click()
    assert_accessible(page)
    page.get_by_role("group", name="Financiën").get_by_label("2 – niet zelfredzaam").check()
    page.get_by_role("group", name="Huisvesting").get_by_label("4 – voldoende zelfredzaam").check()
    page.get_by_role("button", name="Meting opslaan").click()
    expect(page.get_by_role("img", name="Verloop van Financiën")).to_be_visible()
    assert_accessible(page)

    # A plan, shared with the resident.
    page.goto(f"/werk/casussen/{intake.casus.pk}/")
    page.get_by_role("link", name="Ondersteuningsplan").first.click()
    page.get_by_role("link", name="Plan opstellen").click()
    page.get_by_label("Waar gaat het om?").fill("Rust in de geldzaken.")
    page.get_by_label("Levensgebied").select_option("financien")
    page.get_by_label("Wat wil de inwoner bereiken?").fill("Overzicht over de schulden")
    page.get_by_label("ZRM-niveau nu").select_option("2")
    page.get_by_label("ZRM-niveau als doel").select_option("4")
    page.get_by_label("Wat gaat er gebeuren?").fill("Aanmelden bij de schuldhulp")
    page.get_by_label("Klaar op").fill("2027-01-15")
    page.get_by_role("button", name="Concept opslaan").click()
    page.get_by_role("button", name="Delen met de inwoner").click()
    expect(page.get_by_text("Versie 1 is gedeeld met de inwoner.")).to_be_visible()
    _logout(page)

    # The resident reads the plan and agrees.
    login(page, inwoner.username, PASSWORD, staff=False)
    page.wait_for_url("**/mijn/")
    page.get_by_role("link", name=f"Aanvraag {intake.referentie}").click()
    expect(page.get_by_text("Kennismaking aan de keukentafel.")).to_be_visible()
    expect(page.get_by_text(pro.get_full_name()).first).to_be_visible()
    page.get_by_role("link", name="Lees uw plan en geef uw mening").click()
    page.get_by_role("button", name="Ik ga akkoord met dit plan").click()
    expect(page.get_by_text("Dank u. U gaf akkoord op uw plan.")).to_be_visible()
    _logout(page)

    # The regiehouder proposes a handover; the colleague accepts.
    login(page, pro.username, PASSWORD, staff=True)
    page.goto(f"/werk/casussen/{intake.casus.pk}/")
    page.get_by_role("link", name="Overdragen aan een collega").click()
    expect(page.get_by_role("heading", name="Overdragen aan een collega", level=1)).to_be_visible()
    expect(page.get_by_text(f"Casus {intake.referentie}: Sanne")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Aan wie draagt u over?").select_option(str(kees.pk))
    page.get_by_label("De situatie nu").fill("Plan loopt, akkoord gegeven.")
    page.get_by_label("Wat is al geprobeerd").fill("Budgetcoach.")
    page.get_by_label("Lopende afspraken").fill("Schuldhulp aangemeld.")
    page.get_by_label("Risico's en aandachtspunten").fill("Huurachterstand.")
    page.get_by_label("Volgende stappen").fill("Evaluatie in juni.")
    page.get_by_role("button", name="Overdracht voorstellen").click()
    expect(page.get_by_text("U blijft regiehouder tot uw collega accepteert")).to_be_visible()
    _logout(page)

    login(page, kees.username, PASSWORD, staff=True)
    page.wait_for_url("**/werk/")
    page.get_by_role("link", name=f"wil casus {intake.referentie} aan u overdragen").click()
    expect(page.get_by_text("Huurachterstand.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ik neem de casus over").click()
    expect(page.get_by_text("U bent nu regiehouder.")).to_be_visible()
    _logout(page)

    login(page, inwoner.username, PASSWORD, staff=False)
    page.wait_for_url("**/mijn/")
    page.get_by_role("link", name=f"Aanvraag {intake.referentie}").click()
    status = page.locator("#status-kop").locator("xpath=..")
    assert "Kees Bos" in status.inner_text()
    assert "14 0123 100" in status.inner_text()


def test_team_page_is_accessible(page, assert_accessible, dijkstad) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(opgepakt_door=dijkstad.pro)
    ave_set(user=dijkstad.pro, casus=casus, fase=3, reden="Vastgelopen")
    login(page, dijkstad.teamleider.username, PASSWORD, staff=True)
    page.wait_for_url("**/werk/team/")
    expect(page.get_by_role("heading", name="Escalaties (AVE-fase 3 en 4)")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/werk/casussen/{casus.pk}/")
    assert_accessible(page)
    # Direct assignment has a page of its own; without a choice the error summary shows.
    page.get_by_role("link", name="Toewijzen (teamleider)").click()
    page.get_by_label("Waarom wijst u de casus toe?").fill("Ziekte van de regiehouder")
    page.get_by_role("button", name="Toewijzen").click()
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible() and page.title().startswith("Fout: Toewijzen (teamleider)")
    assert page.get_by_label("Waarom wijst u de casus toe?").input_value() == \
        "Ziekte van de regiehouder"
    assert_accessible(page)
    summary.get_by_role("link", name="Nieuwe regiehouder").click()
    page.get_by_label("Nieuwe regiehouder").select_option(str(dijkstad.collega.pk))
    page.get_by_role("button", name="Toewijzen").click()
    assert urlparse(page.url).path == f"/werk/casussen/{casus.pk}/"
    expect(page.get_by_text("De casus heeft een nieuwe regiehouder.")).to_be_visible()
    regie = page.locator("#regie-kop").locator("xpath=..")
    assert "Kees Bos" in regie.inner_text()
