"""The support plan in a real browser: a professional writes and shares it, the resident reads
it and agrees. Every page (and every error state) is scanned with axe."""

import pytest
from playwright.sync_api import expect

from casussen.models import CasusStatus
from casussen.plan.models import PlanStatus, PlanVersie
from regie.termijnen.models import Termijn, TermijnSoort
from tests.browser.conftest import login
from tests.factories import PASSWORD, CasusFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_professional_shares_a_plan_and_the_resident_agrees(page, assert_accessible,  # type: ignore[no-untyped-def]
                                                           dijkstad) -> None:
    casus = CasusFactory(opgepakt_door=dijkstad.pro, inwoner=dijkstad.inwoner)
    intake = casus.intake
    login(page, dijkstad.pro.username, PASSWORD, staff=True)
    page.wait_for_url("**/werk/")
    page.goto(f"/werk/casussen/{casus.pk}/")
    page.get_by_role("link", name="Ondersteuningsplan").click()
    assert_accessible(page)
    page.get_by_role("link", name="Plan opstellen").click()
    assert_accessible(page)

    # A goal that aims below where it is now: the error summary, then fix it.
    page.get_by_label("Waar gaat het om?").fill("Sanne wil rust in haar geldzaken.")
    page.get_by_label("Levensgebied").select_option("financien")
    page.get_by_label("Wat wil de inwoner bereiken?").fill("Overzicht over de schulden")
    page.get_by_label("ZRM-niveau nu").select_option("4")
    page.get_by_label("ZRM-niveau als doel").select_option("2")
    page.get_by_label("Wat gaat er gebeuren?").fill("Aanmelden bij de schuldhulp")
    page.get_by_label("Klaar op").fill("2027-01-15")
    page.get_by_role("button", name="Concept opslaan").click()
    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_visible()
    assert page.title().startswith("Fout:")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)
    summary.get_by_role("link", name="Doel 1, ZRM-niveau als doel").click()
    expect(page.locator("#id_doel-0-zrm_doel")).to_be_focused()
    assert page.get_by_label("Wat gaat er gebeuren?").input_value() == \
        "Aanmelden bij de schuldhulp"  # what was typed is kept
    page.get_by_label("ZRM-niveau als doel").select_option("4")

    # Another action: the page comes back with one more row and the focus on it (also after
    # an error link put a fragment in the address).
    page.get_by_role("button", name="Nog een actie toevoegen").click()
    page.locator("#id_actie-1-omschrijving").wait_for()
    expect(page.locator("#id_actie-1-omschrijving")).to_be_focused()
    page.locator("#id_actie-1-omschrijving").fill("Samen de post doorlopen")
    page.locator("#id_actie-1-eigenaar").select_option("netwerk")
    page.get_by_label("Welke hulp?").fill("Huishoudelijke hulp")
    page.get_by_label("Wet").select_option("WMO")
    page.get_by_label("Vorm").select_option("natura")
    page.get_by_role("button", name="Concept opslaan").click()
    expect(page.get_by_text("Het concept van versie 1 is opgeslagen.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Delen met de inwoner").click()
    expect(page.get_by_text("Versie 1 is gedeeld met de inwoner.")).to_be_visible()
    assert Termijn.objects.filter(casus=casus, soort=TermijnSoort.PLAN_ACTIE).count() == 1
    page.get_by_role("button", name="Uitloggen").click()

    login(page, dijkstad.inwoner.username, PASSWORD, staff=False)
    page.wait_for_url("**/mijn/")
    page.goto(f"/mijn/aanvragen/{intake.pk}/")
    page.get_by_role("link", name="Lees uw plan en geef uw mening").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Uw plan"
    expect(page.get_by_text("Overzicht over de schulden")).to_be_visible()
    expect(page.get_by_text("Geld en schulden")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Opmerking versturen").click()  # empty: an error
    expect(page.locator("[data-error-summary]")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Ik ga akkoord met dit plan").click()
    expect(page.get_by_text("Dank u. U gaf akkoord op uw plan.")).to_be_visible()
    assert_accessible(page)

    assert PlanVersie.objects.get().status == PlanStatus.AKKOORD
    casus.refresh_from_db()
    assert casus.status == CasusStatus.UITVOERING
