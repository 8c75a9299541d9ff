"""Appointments in a real browser, by keyboard: the regiehouder plans a keukentafelgesprek
(first in the past: the error summary links to the date, what was typed stays), the resident
confirms it in Mijn toegang, asks another time for a second one, and after the conversation
the regiehouder records it as held; the first-contact clock is met. Every page is scanned
with axe."""

import datetime as dt
import re
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from casussen.afspraken.models import Afspraak, AfspraakStatus
from regie.termijnen.models import Termijn, TermijnSoort, TermijnStatus
from tests.browser.conftest import login
from tests.factories import PASSWORD, CasusFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _dag(dagen: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=dagen)


def test_plan_confirm_and_hold_an_appointment(page, assert_accessible, dijkstad) -> None:  # type: ignore[no-untyped-def]
    pro, inwoner = dijkstad.pro, dijkstad.inwoner
    casus = CasusFactory(opgepakt_door=pro, inwoner=inwoner)

    login(page, pro.username, PASSWORD, staff=True)
    page.wait_for_url("**/werk/")
    page.goto(f"/werk/casussen/{casus.pk}/")
    page.get_by_role("link", name="Afspraak plannen").click()
    assert_accessible(page)
    # A date in the past, typed with the keyboard: refused, the summary links to the field.
    page.get_by_label("Datum").focus()
    page.keyboard.type(f"{_dag(-1):%d%m%Y}")
    page.get_by_label("Tijd").fill("10:00")
    page.get_by_label("Wie komen er van het wijkteam of de gemeente?").fill(
        "Anna Jansen en Kees Bos")
    page.get_by_label("Wat wilt u de inwoner nog laten weten? (niet verplicht)").fill(
        "Neem uw post van de zorgverzekeraar mee.")
    page.get_by_role("button", name="Afspraak plannen en uitnodiging sturen").press("Enter")
    samenvatting = page.locator("[data-error-summary]")
    assert "Dit moment is al voorbij" in samenvatting.inner_text()
    assert samenvatting.get_by_role("link").first.get_attribute("href") == "#id_datum"
    assert page.get_by_label("Wat wilt u de inwoner nog laten weten? (niet verplicht)"
                             ).input_value() == "Neem uw post van de zorgverzekeraar mee."
    assert_accessible(page)
    page.get_by_label("Datum").fill(f"{_dag(3):%Y-%m-%d}")
    page.get_by_label("Er is een tolk nodig").check()
    page.get_by_label("Welke taal? (als er een tolk nodig is)").fill("Turks")
    page.get_by_role("button", name="Afspraak plannen en uitnodiging sturen").press("Enter")
    assert urlparse(page.url).path == f"/werk/casussen/{casus.pk}/afspraken/"
    expect(page.get_by_text("De afspraak is gepland.")).to_be_visible()
    expect(page.get_by_text("gepland, wacht op de inwoner")).to_be_visible()
    assert_accessible(page)
    afspraak = Afspraak.objects.get(casus=casus)
    assert (afspraak.tolk_taal, timezone.localtime(afspraak.start).date()) == ("Turks", _dag(3))
    page.get_by_role("button", name="Uitloggen").click()

    # The resident confirms from the message in their inbox.
    login(page, inwoner.username, PASSWORD, staff=False)
    page.wait_for_url("**/mijn/")
    page.get_by_role("link", name="Berichten").click()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"^Bekijken\W+Uitnodiging: Keukentafelgesprek")
                     ).click()
    assert urlparse(page.url).path == f"/mijn/casussen/{casus.pk}/afspraken/{afspraak.pk}/"
    page.goto(f"/mijn/aanvragen/{casus.intake_id}/")
    expect(page.get_by_role("heading", name="Uw afspraken")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Bevestig of vraag een andere tijd").click()
    expect(page.get_by_text("bij u thuis").first).to_be_visible()
    expect(page.get_by_text("Er is een tolk bij (Turks).")).to_be_visible()
    assert_accessible(page)
    # Asking for another time without saying when: refused, linked to the field.
    page.get_by_role("button", name="Vraag een andere tijd").click()
    assert page.locator("[data-error-summary]").get_by_role("link").first.get_attribute(
        "href") == "#id_vraag"
    assert_accessible(page)
    page.get_by_role("button", name="Ja, ik kom").click()
    expect(page.get_by_text("Dank u. Wij zien u graag op")).to_be_visible()
    expect(page.get_by_text("bevestigd door de inwoner")).to_be_visible()
    assert_accessible(page)
    afspraak.refresh_from_db()
    assert afspraak.status == AfspraakStatus.BEVESTIGD
    page.get_by_role("button", name="Uitloggen").click()

    # The conversation took place (two hours ago); the regiehouder records it.
    Afspraak.objects.filter(pk=afspraak.pk).update(
        start=timezone.now() - dt.timedelta(hours=2))
    login(page, pro.username, PASSWORD, staff=True)
    page.wait_for_url("**/werk/")
    page.goto(f"/werk/casussen/{casus.pk}/afspraken/")
    page.get_by_role("link", name="Uitkomst vastleggen").click()
    assert_accessible(page)
    page.get_by_label("Ja").check()
    page.get_by_label("Wat is er besproken en afgesproken?").fill(
        "Samen de post doorgenomen; aanmelding bij schuldhulp.")
    page.get_by_role("button", name="Uitkomst opslaan").click()
    expect(page.get_by_text("De uitkomst staat op de tijdlijn.")).to_be_visible()
    page.goto(f"/werk/casussen/{casus.pk}/")
    expect(page.get_by_text("Samen de post doorgenomen").first).to_be_visible()
    assert_accessible(page)
    termijn = Termijn.objects.get(intake=casus.intake, soort=TermijnSoort.EERSTE_CONTACT)
    assert termijn.status == TermijnStatus.AFGEHANDELD
