"""Issue 6's journey in a real browser: the resident asks for a call-back in Mijn toegang, the
regiehouder sees it in Mijn termijnen, the clock passes (frozen time in this process, then
the reminder scan), and the teamleider finds the escalation in the inbox. Every page on the
way (inbox, e-mail settings, Mijn termijnen, team overview, casus page) is scanned with axe."""

import datetime as dt
import re
from urllib.parse import urlparse

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from regie.termijnen.services import herinneringen_scan
from tests.browser.conftest import login
from tests.factories import PASSWORD, CasusFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logout(page) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("button", name="Uitloggen").click()


def test_call_back_request_to_escalation(page, assert_accessible, dijkstad) -> None:  # type: ignore[no-untyped-def]
    pro, inwoner = dijkstad.pro, dijkstad.inwoner
    casus = CasusFactory(opgepakt_door=pro, inwoner=inwoner, eerste_contact_gehad=True)
    intake = casus.intake

    # The resident asks to be called back.
    login(page, inwoner.username, PASSWORD, staff=False)
    page.wait_for_url("**/mijn/")
    page.get_by_role("link", name=f"Aanvraag {intake.referentie}").click()
    page.get_by_role("link", name="Bel mij terug").click()
    assert_accessible(page)
    page.get_by_label("Wanneer kunnen we u het beste bellen").fill("Na 14.00 uur graag")
    page.get_by_role("button", name="Bel mij terug").click()
    expect(page.get_by_text("Uw verzoek is doorgegeven.")).to_be_visible()
    vooruit = page.locator("#vooruit-kop").locator("xpath=..").inner_text()
    assert "Wij bellen u uiterlijk" in vooruit and "terug." in vooruit
    assert_accessible(page)
    page.get_by_role("link", name="Berichten").click()
    assert_accessible(page)
    page.get_by_role("link", name="Wanneer krijg ik een e-mail?").click()
    page.get_by_label("Eén keer per dag").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Uw keuze is opgeslagen.")).to_be_visible()
    assert_accessible(page)
    _logout(page)

    # The regiehouder sees it in Mijn termijnen and on the casus page.
    login(page, pro.username, PASSWORD, staff=True)
    page.wait_for_url("**/werk/")
    page.get_by_role("link", name="Mijn termijnen").click()
    tabel = page.locator("table.termijnen", has_text=intake.referentie)
    assert "terugbelafspraak" in tabel.inner_text()
    assert "gevraagd door de inwoner" in tabel.inner_text()
    assert_accessible(page)
    page.get_by_role("link", name=intake.referentie).first.click()
    expect(page.get_by_text("Na 14.00 uur graag").first).to_be_visible()
    # Starting a legal term on its own page: first without a choice (error summary), then
    # properly, back on the casus page.
    page.get_by_role("link", name="Wettelijke termijn starten").click()
    expect(page.get_by_role("heading", name="Wettelijke termijn starten", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Termijn starten").click()
    expect(page.get_by_text("Kies een termijn.").first).to_be_visible()
    assert page.title().startswith("Fout: Wettelijke termijn starten")
    assert_accessible(page)
    page.get_by_label("Wmo: beschikking binnen 2 weken").check()
    page.get_by_role("button", name="Termijn starten").click()
    assert urlparse(page.url).path == f"/werk/casussen/{casus.pk}/"
    expect(page.get_by_text("De termijn loopt.")).to_be_visible()
    assert_accessible(page)
    # Suspending that term is a link at the clock, to a page that names the clock.
    page.get_by_role("link", name=re.compile(r"^Opschorten\W+Wmo-beschikking")).click()
    expect(page.get_by_text("Wmo-beschikking (2 weken na de aanvraag)")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Waarom staat de termijn stil?").fill("Wacht op het advies")
    page.get_by_role("button", name="Termijn opschorten").click()
    expect(page.get_by_text("De termijn staat stil tot u hem hervat.")).to_be_visible()
    expect(
        page.get_by_role("link", name=re.compile(r"^Hervatten\W+Wmo-beschikking"))
    ).to_be_visible()
    _logout(page)

    # The clock passes: a week later the scan sends what is due.
    with time_machine.travel(timezone.now() + dt.timedelta(days=7)):
        herinneringen_scan()

    # The teamleider finds the escalation in the inbox and opens the casus from it.
    login(page, dijkstad.teamleider.username, PASSWORD, staff=True)
    page.wait_for_url("**/werk/team/")
    nav = page.get_by_role("navigation", name="Hoofdmenu")
    nav.get_by_role("link", name="Berichten 1 ongelezen", exact=True).click()
    bericht = page.locator("li.kaart", has_text="Escalatie")
    assert intake.referentie in bericht.inner_text()
    assert "terugbelafspraak" in bericht.inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Termijnen team").click()
    escalaties = page.locator("#escalaties-kop").locator("xpath=..")
    assert intake.referentie in escalaties.inner_text()
    assert_accessible(page)
    page.goto("/berichten/")
    bericht = page.locator("li.kaart", has_text="Escalatie")
    bericht.get_by_role("button", name="Bekijken").click()
    page.wait_for_url(f"**/werk/casussen/{casus.pk}/")
    # Opened, so read: the count is gone from the menu.
    assert "ongelezen" not in page.get_by_role("navigation", name="Hoofdmenu").text_content()
    expect(page.get_by_role("heading", name="Termijnen")).to_be_visible()
    assert_accessible(page)
