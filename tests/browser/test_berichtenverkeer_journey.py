"""The berichtenverkeer with zorgaanbieders in a real browser:

1. a professional of Wijkteam Centrum finds two providers' requests (315) from the
   werkvoorraad, refuses the first one with the keyboard alone (first forgetting the reason:
   the error summary links to it), and grants the second one: the draft decision it makes is
   taken, and the casus' toewijzingen page shows the toewijzing with its 301;
2. the functioneel beheerder reads the warning on Diagnose, finds a message by its
   ToewijzingNummer with the keyboard, reads what its retour codes mean, sends a failed
   message again and marks a file in quarantine as dealt with; on a phone the list of
   messages fits the screen.

Every page on the way is scanned with axe, the verzoek page also with its error summary."""

import re
from collections.abc import Callable
from pathlib import Path
from typing import cast
from urllib.parse import urlparse

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from casussen.besluit.models import Beschikking, BeschikkingStatus
from casussen.models import Casus
from casussen.toewijzing.models import (
    Bericht,
    BerichtStatus,
    Quarantaine,
    Richting,
    Toewijzing,
    ToewijzingStatus,
    VerzoekStatus,
)
from casussen.toewijzing.verzending import versturen
from regie.termijnen.models import TermijnStatus
from tests.besluitpad import catalogus_make
from tests.browser.conftest import Dijkstad, login
from tests.factories import PASSWORD, CasusFactory
from tests.toewijzingpad import BSN, BSN_ANDER, bericht_make, verzoek_make
from toegang.core.werkdagen import werkdagen_na

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# `assert_accessible` (tests/browser/conftest.py): axe-core finds nothing on the page.
AxeCheck = Callable[[Page], None]
VERZOEK = "Verzoek om toewijzing van Zorg Dichtbij"


@pytest.fixture
def kanaal(settings: Settings, tmp_path: Path) -> Path:
    """The folder pair a GGk connector reads and fills, for this test alone."""
    settings.ISTANDAARDEN_MAP = str(tmp_path / "ggk")
    settings.ISTANDAARDEN_GEMEENTECODE = "1999"
    return tmp_path / "ggk"


# --- The keyboard ---------------------------------------------------------------------------


def _tab_to(page: Page, selector: str, limit: int = 150) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"keyboard could not reach {selector} on {page.url}")


def _typ(page: Page, selector: str, text: str) -> None:
    _tab_to(page, selector)
    page.keyboard.type(text)


def _enter(page: Page, selector: str) -> None:
    """Tab to a link or button and press Enter; wait for the next page."""
    _tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def _h1(page: Page) -> str:
    return page.get_by_role("heading", level=1).inner_text()


def _pad(page: Page) -> str:
    return urlparse(page.url).path


def _past_op_scherm(page: Page) -> bool:
    """Nothing sticks out sideways: the page is exactly as wide as the screen."""
    return cast(bool, page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"))


# --- 1. The professional answers the providers' requests ------------------------------------


def test_professional_refuses_one_request_by_keyboard_and_grants_another(
        page: Page, assert_accessible: AxeCheck, dijkstad: Dijkstad, kanaal: Path) -> None:
    pro = dijkstad.pro
    cat = catalogus_make()
    sanne = cast(Casus, CasusFactory(opgepakt_door=pro, intake__bsn=BSN,
                                     intake__voornaam="Sanne", intake__achternaam="Visser"))
    piet = cast(Casus, CasusFactory(opgepakt_door=pro, intake__bsn=BSN_ANDER,
                                    intake__voornaam="Piet", intake__achternaam="Mulder"))
    af = verzoek_make(intake=sanne.intake, casus=sanne, aanbieder=cat.aanbieder,
                      product=cat.begeleiding, referentie="ZD-2024-017")
    toe = verzoek_make(intake=piet.intake, casus=piet, aanbieder=cat.aanbieder,
                       product=cat.begeleiding, referentie="ZD-2024-018")

    # The werkvoorraad counts the requests and links to them.
    login(page, pro.username, PASSWORD, staff=True)
    page.wait_for_url("**/werk/")
    assert_accessible(page)
    page.get_by_role("link", name="2 verzoeken van zorgaanbieders wachten op antwoord").click()
    page.wait_for_url("**/werk/verzoeken/")
    assert _h1(page) == "Verzoeken van zorgaanbieders"
    rijen = page.get_by_role("table").get_by_role("row")
    assert rijen.count() == 3  # the header and one row per request
    for casus in (sanne, piet):
        expect(page.get_by_role("link", name=f"{VERZOEK} voor {casus.intake.naam}")).to_be_visible()
    expect(rijen.nth(1).get_by_text("Begeleiding individueel (07A01)")).to_be_visible()
    assert_accessible(page)

    # The first request: refused, by keyboard alone, first without a reason.
    _enter(page, f"a[href='/werk/verzoeken/{af.pk}/']")
    assert _pad(page) == f"/werk/verzoeken/{af.pk}/"
    assert _h1(page) == VERZOEK
    expect(page.get_by_text("ZD-2024-017")).to_be_visible()
    expect(page.get_by_text("Sanne Visser")).to_be_visible()
    assert_accessible(page)
    _enter(page, "form[action$='/afwijzen/'] button[type=submit]")
    summary = page.locator("[data-error-summary]")
    assert summary.is_visible() and page.title().startswith("Fout:")
    assert "Reden van de afwijzing" in summary.inner_text()
    # At the top: before the heading, and it has the focus for a screen reader to announce.
    assert page.evaluate(
        "document.querySelector('[data-error-summary]').compareDocumentPosition("
        "document.querySelector('h1')) & Node.DOCUMENT_POSITION_FOLLOWING")
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert_accessible(page)
    _tab_to(page, "[data-error-summary] a[href='#afwijzen_reden_0']")
    page.keyboard.press("Enter")
    expect(page.locator("#afwijzen_reden_0")).to_be_focused()
    page.keyboard.press("ArrowDown")  # moves to and chooses the second reason
    assert page.locator("input[name=reden][value='2']").is_checked()
    _typ(page, "#afwijzen_toelichting", "Het budget voor dit jaar is op.")
    _enter(page, "form[action$='/afwijzen/'] button[type=submit]")
    assert _pad(page) == f"/werk/verzoeken/{af.pk}/"  # back from …/afwijzen/
    expect(page.get_by_text("Het verzoek is afgewezen.")).to_be_visible()
    expect(page.get_by_text("2 – past niet in het budget")).to_be_visible()
    assert_accessible(page)
    af.refresh_from_db()
    assert (af.status, af.reden_afwijzing, af.toelichting_antwoord, af.beantwoord_door) == (
        VerzoekStatus.AFGEWEZEN, "2", "Het budget voor dit jaar is op.", pro)
    assert af.antwoord is not None and af.antwoord.code == "319"
    assert af.termijn is not None and af.termijn.status == TermijnStatus.AFGEHANDELD

    # The second request: granted; the draft decision it makes is taken.
    page.get_by_role("link", name="Terug naar de verzoeken van zorgaanbieders").click()
    page.wait_for_url("**/werk/verzoeken/")
    assert page.get_by_role("table").get_by_role("row").count() == 2  # only Piet's is left
    page.get_by_role("link", name=f"{VERZOEK} voor Piet Mulder").click()
    page.wait_for_url(f"**/werk/verzoeken/{toe.pk}/")
    page.get_by_role("button", name="Toewijzen").click()
    page.wait_for_url(f"**/werk/casussen/{piet.pk}/besluit/beschikkingen/*/")
    beschikking = Beschikking.objects.get(casus=piet)
    assert _pad(page) == f"/werk/casussen/{piet.pk}/besluit/beschikkingen/{beschikking.pk}/"
    expect(page.get_by_text("Er is een concept-besluit gemaakt met het gevraagde product"
                            )).to_be_visible()
    expect(page.get_by_text("Begeleiding individueel").first).to_be_visible()
    page.get_by_role("button", name="Besluit nemen").click()
    page.get_by_text("Het besluit is genomen.").wait_for()
    beschikking.refresh_from_db()
    toe.refresh_from_db()
    assert beschikking.status == BeschikkingStatus.GENOMEN
    assert (toe.status, toe.beschikking) == (VerzoekStatus.TOEGEWEZEN, beschikking)
    toewijzing = Toewijzing.objects.get(casus=piet)
    assert (toewijzing.aanbieder, toewijzing.product, toewijzing.status) == (
        cat.aanbieder, cat.begeleiding, ToewijzingStatus.ACTUEEL)
    # Beat's scan sends what a worker has not sent yet (a worker may have done so already).
    versturen()
    [heen] = Bericht.objects.filter(casus=piet, richting=Richting.UIT, code="301")
    assert heen.status == BerichtStatus.VERSTUURD
    assert heen.toewijzingnummers == str(toewijzing.pk)
    assert (kanaal / "uit" / heen.bestandsnaam).is_file()

    # The casus' toewijzingen: the toewijzing, its 301 on its way, the answered request.
    page.get_by_role("link", name="Terug naar de besluiten").click()
    page.wait_for_url(f"**/werk/casussen/{piet.pk}/besluit/")
    page.get_by_role("link", name=re.compile(r"^Toewijzingen en berichten met zorgaanbieders")
                     ).click()
    page.wait_for_url(f"**/werk/casussen/{piet.pk}/toewijzingen/")
    expect(page.get_by_role(
        "heading", name=f"Toewijzing {toewijzing.pk}: Begeleiding individueel")).to_be_visible()
    berichten = page.get_by_role("table", name=f"Berichten over toewijzing {toewijzing.pk}",
                                  exact=True)
    [rij] = berichten.get_by_role("row").all()[1:]
    assert rij.get_by_role("rowheader").inner_text() == "301"
    cellen = [c.inner_text() for c in rij.get_by_role("cell").all()]
    assert cellen[:2] == ["naar de aanbieder", "verstuurd"]
    with translation.override("nl"):  # the provider's retour is due in 3 working days
        uiterlijk = date_format(werkdagen_na(timezone.localdate(), 3), "j M Y")
    assert cellen[4] == f"uiterlijk {uiterlijk}"
    verzoeken = page.get_by_role("region", name="Verzoeken van zorgaanbieders")
    expect(verzoeken.get_by_role("link", name=VERZOEK)).to_be_visible()
    expect(verzoeken.get_by_text("toegewezen", exact=True)).to_be_visible()
    assert_accessible(page)
    # On a phone the tables of messages scroll inside their box, also by keyboard.
    page.set_viewport_size({"width": 375, "height": 740})
    assert _past_op_scherm(page)
    assert_accessible(page)


# --- 2. The functioneel beheerder keeps the traffic running ---------------------------------


@pytest.fixture
def verkeer(dijkstad: Dijkstad, kanaal: Path) -> dict[str, Bericht]:
    """Messages in different states, a file in quarantine."""
    cat = catalogus_make()
    ok = bericht_make(aanbieder=cat.aanbieder, status=BerichtStatus.RETOUR_OK,
                      toewijzingnummers="4711", verstuurd_op=timezone.now(),
                      retour_klaar_op=timezone.now())
    bericht_make(code="302", richting=Richting.IN, status=BerichtStatus.VERWERKT,
                 aanbieder=cat.aanbieder, retour_op=ok, retourcodes="0200",
                 toewijzingnummers="4711", verwerkt_op=timezone.now())
    afgekeurd = bericht_make(aanbieder=cat.aanbieder, status=BerichtStatus.RETOUR_FOUT,
                             toewijzingnummers="4712", retourcodes="9019,9340",
                             verstuurd_op=timezone.now(), retour_klaar_op=timezone.now())
    mislukt = bericht_make(aanbieder=cat.aanbieder, status=BerichtStatus.MISLUKT,
                           toewijzingnummers="4713", pogingen=8,
                           fout="[Errno 13] Permission denied: '/srv/ggk/uit/WMO301.xml'")
    bericht_make(code="315", richting=Richting.IN, status=BerichtStatus.ONTVANGEN,
                 aanbieder=cat.aanbieder)
    Quarantaine.objects.create(bestandsnaam="WMO302_kapot.xml", grootte=812,
                               reden="Het bestand is geen leesbaar XML-bericht.")
    return {"afgekeurd": afgekeurd, "mislukt": mislukt}


def test_beheerder_finds_a_message_sends_a_failed_one_again_and_clears_quarantine(
        page: Page, assert_accessible: AxeCheck, dijkstad: Dijkstad,
        verkeer: dict[str, Bericht]) -> None:
    afgekeurd, mislukt = verkeer["afgekeurd"], verkeer["mislukt"]
    login(page, dijkstad.beheerder.username, PASSWORD, staff=True)
    page.wait_for_url("**/beheer/")

    # Diagnose warns about the failed message, the rejected one and the file in quarantine.
    page.goto("/diagnose/")
    waarschuwing = page.get_by_role("status").filter(
        has_text="Het berichtenverkeer vraagt aandacht:")
    expect(waarschuwing).to_be_visible()
    tekst = waarschuwing.inner_text()
    assert "1 bericht kon niet worden verstuurd." in tekst
    assert "1 bericht is door de aanbieder afgekeurd en moet worden hersteld." in tekst
    assert "1 ontvangen bestand staat in quarantaine." in tekst
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^Naar het berichtenverkeer")).click()
    page.wait_for_url("**/berichtenverkeer/")
    assert _h1(page) == "Berichtenverkeer met zorgaanbieders"
    berichten = page.get_by_role("table", name="Berichten", exact=True)
    assert berichten.get_by_role("row").count() == 6  # the header and five messages
    assert_accessible(page)

    # Found by its ToewijzingNummer, with the keyboard.
    _typ(page, "#id_zoek", "4712")
    _enter(page, "form.filters button[type=submit]")
    [gevonden] = berichten.get_by_role("row").all()[1:]
    assert afgekeurd.identificatie in gevonden.inner_text()
    assert "retour ontvangen: afgekeurd" in gevonden.inner_text()
    assert_accessible(page)
    _enter(page, f"table a[href='/berichtenverkeer/{afgekeurd.pk}/']")
    assert _h1(page) == f"iWmo 301, identificatie {afgekeurd.identificatie}"
    retourcodes = page.get_by_role("list", name="Retourcodes").inner_text()
    assert "9019: niet te koppelen aan een toewijzing" in retourcodes
    assert "9340: productcode wijkt af van de toewijzing" in retourcodes
    assert page.get_by_role("button", name="Opnieuw versturen").count() == 0  # not failed
    assert_accessible(page)

    # The failed message, sent again.
    page.get_by_role("link", name="Terug naar het berichtenverkeer").click()
    page.wait_for_url("**/berichtenverkeer/")
    page.get_by_label("Stand").select_option(label="verzenden mislukt")
    page.get_by_role("button", name="Zoeken").click()
    page.wait_for_url("**/berichtenverkeer/?*stand=mislukt*")
    [gevonden] = berichten.get_by_role("row").all()[1:]
    assert mislukt.identificatie in gevonden.inner_text()
    gevonden.get_by_role("link").click()
    page.wait_for_url(f"**/berichtenverkeer/{mislukt.pk}/")
    expect(page.get_by_text("Permission denied")).to_be_visible()  # the whole error
    assert_accessible(page)
    page.get_by_role("button", name="Opnieuw versturen").click()
    page.get_by_text("Het bericht staat weer klaar om te versturen.").wait_for()
    assert _pad(page) == f"/berichtenverkeer/{mislukt.pk}/"
    mislukt.refresh_from_db()
    # A worker sends it at once (here Celery runs eagerly) into the connector's folder.
    assert (mislukt.status, mislukt.fout) == (BerichtStatus.VERSTUURD, "")
    assert page.locator(".status-label").inner_text() == "verstuurd"
    assert page.get_by_role("button", name="Opnieuw versturen").count() == 0
    assert_accessible(page)

    # The file in quarantine, dealt with.
    page.get_by_role("link", name="Terug naar het berichtenverkeer").click()
    page.get_by_role("link", name="Bestanden in quarantaine (1 open)").click()
    page.wait_for_url("**/berichtenverkeer/quarantaine/")
    assert _h1(page) == "Bestanden in quarantaine"
    bestanden = page.get_by_role("table", name="Bestanden in quarantaine, de open bestanden eerst")
    [rij] = bestanden.get_by_role("row").all()[1:]
    assert "Het bestand is geen leesbaar XML-bericht." in rij.inner_text()
    assert_accessible(page)
    rij.get_by_role("button", name="Afgehandeld (WMO302_kapot.xml)").click()
    page.get_by_text("WMO302_kapot.xml staat als afgehandeld.").wait_for()
    [rij] = bestanden.get_by_role("row").all()[1:]
    beheerder = dijkstad.beheerder
    assert (beheerder.get_full_name() or beheerder.username) in rij.inner_text()
    assert rij.get_by_role("button").count() == 0
    assert_accessible(page)
    quarantaine = Quarantaine.objects.get()
    assert quarantaine.opgelost_door == dijkstad.beheerder and quarantaine.opgelost_op

    # Diagnose now warns only about the rejected message, which the provider must resend.
    page.goto("/diagnose/")
    assert [li.inner_text() for li in waarschuwing.get_by_role("listitem").all()] == [
        "1 bericht is door de aanbieder afgekeurd en moet worden hersteld."]


def test_berichtenverkeer_fits_a_phone(mobile_page: Page, assert_accessible: AxeCheck,
                                      dijkstad: Dijkstad, verkeer: dict[str, Bericht]) -> None:
    """At 375 px the wide tables scroll inside their own box, not the page, and what
    scrolls can be read with the keyboard."""
    login(mobile_page, dijkstad.beheerder.username, PASSWORD, staff=True)
    mobile_page.wait_for_url("**/beheer/")
    for url in ["/diagnose/", "/berichtenverkeer/", "/berichtenverkeer/?zoek=4713",
                f"/berichtenverkeer/{verkeer['mislukt'].pk}/",
                f"/berichtenverkeer/{verkeer['afgekeurd'].pk}/",
                "/berichtenverkeer/quarantaine/"]:
        mobile_page.goto(url)
        assert _past_op_scherm(mobile_page), url
        assert_accessible(mobile_page)
    # The long line of the failed message's error wraps on a phone: all of it is readable
    # without scrolling sideways, and the box can still be reached by keyboard.
    mobile_page.goto(f"/berichtenverkeer/{verkeer['mislukt'].pk}/")
    fout = mobile_page.get_by_role("region", name="Fout", exact=True)
    assert fout.evaluate("e => e.scrollWidth <= e.clientWidth")
    _tab_to(mobile_page, "pre")
    assert mobile_page.evaluate("document.activeElement.tagName") == "PRE"
