"""Issue 15's journey in a real browser, from a resident's request to a bezwaar:

1. the professional picks the Wmo request up, starts the onderzoek clock, records the
   onderzoek (filled from what the resident wrote) and sends the verslag: that clock is met;
2. the resident reads the verslag and asks for the support in it with the keyboard alone:
   the decision clock starts;
3. the professional drafts a beschikking on that aanvraag with one natura line (a contracted
   provider) and one pgb line, and takes it: the decision clock is met;
4. the resident reads the decision in plain words, downloads the letter (a PDF) and reads the
   page about natura and pgb;
5. the professional records a bezwaar (its clock starts at the end of the bezwaar term), and
   a Jeugdwet decision with a provider on a paper aanvraag (its clock met).

The resident's pages on the way (verslag, aanvragen and besluiten, the decision, the pgb
page) and the professional's decision pages are scanned with axe."""

import re
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import cast
from urllib.parse import urlparse

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from casussen.besluit.models import (
    Aanvraag,
    AanvraagVia,
    Beschikking,
    BeschikkingStatus,
    Bezwaar,
    Levering,
)
from intake.models import Intake
from regie.termijnen.models import Termijn, TermijnSoort, TermijnStatus
from regie.termijnen.services import wettelijke_deadline
from tests.besluitpad import catalogus_make
from tests.browser.conftest import Dijkstad, login
from tests.factories import PASSWORD, IntakeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# `assert_accessible` (tests/browser/conftest.py): axe-core finds nothing on the page.
AxeCheck = Callable[[Page], None]
# How the line form names natura and pgb.
NATURA = "In natura: een zorgaanbieder met een contract"
PGB = "Als pgb: de inwoner regelt de zorg zelf"


@pytest.fixture
def inwoner_page(chromium: Browser, live_server: LiveServer) -> Iterator[Page]:
    """The resident's own browser (own cookies), next to the professional's `page`."""
    context = chromium.new_context(base_url=live_server.url, locale="nl-NL",
                                   viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _tab_to(page: Page, selector: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"keyboard could not reach {selector} on {page.url}")


def _klok(intake_id: int, soort: str) -> Termijn:
    return Termijn.objects.get(intake_id=intake_id, soort=soort)


def _vandaag() -> str:
    return f"{timezone.localdate():%Y-%m-%d}"  # how a date field takes a typed date


def _product_toevoegen(page: Page, *, product_id: int, volume: str, levering: str,
                       aanbieder_id: int | None = None, scan: AxeCheck | None = None) -> None:
    """One granted product line on the draft's page, starting today (the form scanned with
    `scan` when given)."""
    page.get_by_role("link", name="Product toevoegen").click()
    if scan is not None:
        scan(page)
    page.get_by_role("combobox", name="Product").select_option(str(product_id))
    page.get_by_label("Omvang").fill(volume)
    page.get_by_label("Begindatum").fill(_vandaag())
    page.get_by_label(levering).check()
    if aanbieder_id is not None:
        page.get_by_label("Zorgaanbieder (bij zorg in natura)").select_option(str(aanbieder_id))
    page.get_by_role("button", name="Product toevoegen").click()
    expect(page.get_by_text(re.compile(r"is toegevoegd: € [\d.]+,\d\d per maand"))).to_be_visible()


def test_wmo_from_intake_to_bezwaar_and_a_jeugdwet_decision(
        page: Page, inwoner_page: Page, assert_accessible: AxeCheck, dijkstad: Dijkstad) -> None:
    pro, inwoner = dijkstad.pro, dijkstad.inwoner
    cat = catalogus_make()
    intake = cast(Intake, IntakeFactory(
        inwoner=inwoner, voornaam="Sanne",
        vraag="Ik kom mijn dag niet door sinds mijn man overleed.",
        wat_gaat_goed="Koken en boodschappen lukken.", wie_helpt="Mijn zus komt elke week."))

    # 1. The professional picks the request up and starts the Wmo onderzoek clock.
    login(page, pro.username, PASSWORD, staff=True)
    page.wait_for_url("**/werk/")
    page.get_by_role("link", name=intake.referentie).click()
    page.get_by_role("button", name="Oppakken: ik word regiehouder").click()
    expect(page.get_by_text("U bent nu regiehouder van deze casus.")).to_be_visible()
    intake.refresh_from_db()
    casus = intake.casus
    page.get_by_role("link", name="Wettelijke termijn starten").click()
    page.get_by_label("Wmo: onderzoek binnen 6 weken na de melding (art. 2.3.2)").check()
    page.get_by_role("button", name="Termijn starten").click()
    expect(page.get_by_text("De termijn loopt.")).to_be_visible()
    assert _klok(intake.pk, TermijnSoort.WMO_ONDERZOEK).status == TermijnStatus.LOPEND

    # The onderzoek, filled with what the resident already wrote.
    page.get_by_role("link", name="Onderzoek, aanvragen en besluiten").click()
    assert urlparse(page.url).path == f"/werk/casussen/{casus.pk}/besluit/"
    assert_accessible(page)
    page.get_by_role("link", name="Onderzoek vastleggen").click()
    assert "Ik kom mijn dag niet door" in page.get_by_label("Wat is de hulpvraag?").input_value()
    assert page.get_by_label("Wat kan de inwoner zelf?").input_value() == \
        "Koken en boodschappen lukken."
    assert_accessible(page)
    page.get_by_role("group", name="Is ondersteuning op maat nodig").get_by_label("Ja").check()
    page.get_by_label("Welke ondersteuning is nodig en waarom?").fill(
        "Begeleiding, 3 uur per week, om structuur in de dag te houden.")
    page.get_by_label("een persoonsgebonden budget (pgb): ik regel de zorg zelf").check()
    page.get_by_role("button", name="Onderzoek opslaan").click()
    expect(page.get_by_text("Het onderzoek is opgeslagen.")).to_be_visible()

    # The verslag goes to the resident: the onderzoek clock is met.
    page.get_by_role("link", name=re.compile(r"^Verslag versturen")).click()
    expect(page.get_by_text("Begeleiding, 3 uur per week")).to_be_visible()  # what she will read
    assert_accessible(page)
    page.get_by_role("button", name="Ja, verslag versturen").click()
    expect(page.get_by_text("Het verslag is verstuurd.")).to_be_visible()
    assert _klok(intake.pk, TermijnSoort.WMO_ONDERZOEK).status == TermijnStatus.AFGEHANDELD

    # 2. The resident reads the verslag and asks for the support, by keyboard only.
    login(inwoner_page, inwoner.username, PASSWORD, staff=False)
    inwoner_page.wait_for_url("**/mijn/")
    inwoner_page.get_by_role("link", name=f"Aanvraag {intake.referentie}").click()
    inwoner_page.get_by_role("link", name=re.compile(r"^Verslag van uw gesprek op")).click()
    assert inwoner_page.get_by_role("heading", level=1).inner_text() == \
        "Het verslag van uw gesprek"
    expect(inwoner_page.get_by_text("Begeleiding, 3 uur per week")).to_be_visible()
    assert_accessible(inwoner_page)
    # The wish from the verslag is chosen; the arrow key changes it to natura.
    _tab_to(inwoner_page, "input[name=vormwens]")
    assert inwoner_page.evaluate("document.activeElement.value") == "pgb"
    inwoner_page.keyboard.press("ArrowUp")
    assert inwoner_page.locator("input[name=vormwens][value=natura]").is_checked()
    _tab_to(inwoner_page, "#id_toelichting")
    inwoner_page.keyboard.type("Liefst op de ochtend.")
    _tab_to(inwoner_page, "form[action$='/aanvragen/'] button[type=submit]")
    with inwoner_page.expect_navigation():
        inwoner_page.keyboard.press("Enter")
    assert urlparse(inwoner_page.url).path == f"/mijn/casussen/{casus.pk}/besluiten/"
    expect(inwoner_page.get_by_text("Dank u. Wij hebben uw aanvraag ontvangen.")).to_be_visible()
    expect(
        inwoner_page.get_by_text(re.compile(r"U krijgt ons besluit uiterlijk op"))
    ).to_be_visible()
    assert_accessible(inwoner_page)
    aanvraag = Aanvraag.objects.get(casus=casus, wet="WMO")
    assert (aanvraag.via, aanvraag.vormwens, aanvraag.toelichting, aanvraag.door) == (
        AanvraagVia.MIJN_TOEGANG, "natura", "Liefst op de ochtend.", inwoner)
    assert _klok(intake.pk, TermijnSoort.WMO_BESCHIKKING).status == TermijnStatus.LOPEND

    # 3. A beschikking on that aanvraag: begeleiding in natura and as a pgb.
    page.goto(f"/werk/casussen/{casus.pk}/besluit/")
    page.get_by_role("link", name="Besluit opstellen").click()
    assert_accessible(page)
    page.get_by_role("group", name="Wet", exact=True).get_by_label("Wmo 2015").check()
    page.get_by_label("Op welke aanvraag? (niet verplicht)").select_option(str(aanvraag.pk))
    page.get_by_label("Motivering (kan ook later)").fill(
        "Begeleiding helpt u structuur in de dag te houden.")
    page.get_by_role("button", name="Concept maken").click()
    expect(page.get_by_text("Het concept is gemaakt.")).to_be_visible()
    wmo = Beschikking.objects.get(casus=casus, wet="WMO")
    assert urlparse(page.url).path == f"/werk/casussen/{casus.pk}/besluit/beschikkingen/{wmo.pk}/"
    _product_toevoegen(page, product_id=cat.begeleiding.pk, volume="3", levering=NATURA,
                       aanbieder_id=cat.aanbieder.pk, scan=assert_accessible)
    assert_accessible(page)  # the draft with its first line
    _product_toevoegen(page, product_id=cat.begeleiding.pk, volume="2,5", levering=PGB)
    page.get_by_role("button", name="Besluit nemen").click()
    expect(page.get_by_text("Het besluit is genomen.")).to_be_visible()
    assert_accessible(page)
    wmo.refresh_from_db()
    assert wmo.status == BeschikkingStatus.GENOMEN and wmo.aanvraag == aanvraag
    assert sorted((t.levering, t.volume, t.aanbieder_id) for t in wmo.toekenningen.all()) == [
        (Levering.NATURA, Decimal("3"), cat.aanbieder.pk), (Levering.PGB, Decimal("2.5"), None)]
    assert _klok(intake.pk, TermijnSoort.WMO_BESCHIKKING).status == TermijnStatus.AFGEHANDELD

    # 4. The resident reads the decision, downloads the letter and reads about pgb.
    inwoner_page.reload()
    expect(inwoner_page.get_by_text("Wij hebben een besluit genomen.")).to_be_visible()
    assert_accessible(inwoner_page)
    inwoner_page.get_by_role("link", name=re.compile(r"^Besluit Wmo 2015 van")).click()
    assert inwoner_page.get_by_role("heading", level=1).inner_text() == "Ons besluit (Wmo 2015)"
    assert inwoner_page.get_by_role(
        "heading", name="Begeleiding individueel: u krijgt dit").count() == 2
    expect(inwoner_page.get_by_text("Uw zorgaanbieder is Zorg Dichtbij.")).to_be_visible()
    expect(inwoner_page.get_by_text(re.compile(r"Uw budget is € [\d.]+,\d\d per maand")
                                    )).to_be_visible()
    expect(inwoner_page.get_by_role("heading", name="U krijgt een pgb. Wat moet u doen?"
                                    )).to_be_visible()
    expect(inwoner_page.get_by_text(re.compile(r"bezwaar maken tot en met", re.I))).to_be_visible()
    assert_accessible(inwoner_page)
    brief = inwoner_page.get_by_role("link", name="Download de brief met dit besluit (PDF)")
    with inwoner_page.expect_download() as download:
        brief.click()
    assert download.value.suggested_filename.endswith(".pdf")
    pdf = inwoner_page.request.get(brief.get_attribute("href") or "")
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    inwoner_page.get_by_role("link", name="Wat is het verschil tussen natura en een pgb?"
                             ).first.click()
    assert urlparse(inwoner_page.url).path == "/natura-of-pgb/"
    assert inwoner_page.get_by_role("heading", level=1).inner_text() == \
        "Zorg in natura of een pgb?"
    assert_accessible(inwoner_page)

    # 5. The resident objects in a letter; the professional records the bezwaar.
    page.get_by_role("link", name="Bezwaar vastleggen").click()
    assert_accessible(page)
    page.get_by_label("Waar gaat het bezwaar over?").fill("Ik wil meer uren begeleiding.")
    page.get_by_role("button", name="Bezwaar vastleggen").click()
    expect(page.get_by_text("Het bezwaar is vastgelegd.")).to_be_visible()
    expect(page.get_by_text("Ik wil meer uren begeleiding.").first).to_be_visible()
    bezwaar = Bezwaar.objects.get(beschikking=wmo)
    assert bezwaar.ontvangen_op == timezone.localdate() and not bezwaar.is_te_laat
    klok = _klok(intake.pk, TermijnSoort.BEZWAAR)
    assert (klok.pk, klok.status, klok.casus_id) == (bezwaar.termijn_id, TermijnStatus.LOPEND,
                                                      casus.pk)
    # Six weeks (Awb 7:10) from the end of the bezwaar term, not from today.
    assert wmo.bezwaar_tot is not None
    assert klok.deadline == wettelijke_deadline(soort=TermijnSoort.BEZWAAR,
                                                start=wmo.bezwaar_tot)

    # A Jeugdwet aanvraag on paper, and its decision with a provider.
    page.goto(f"/werk/casussen/{casus.pk}/besluit/")
    page.get_by_role("link", name="Aanvraag vastleggen (papier of mondeling)").click()
    assert_accessible(page)
    page.get_by_role("group", name="Voor welke wet is de aanvraag?").get_by_label(
        "Jeugdwet").check()
    page.get_by_label("Ontvangen op").fill(_vandaag())
    page.get_by_label("op papier of per brief").check()
    page.get_by_label("zorg in natura: de gemeente regelt de zorg").check()
    page.get_by_label("Wat vraagt de inwoner aan? (niet verplicht)").fill(
        "Hulp voor haar zoon bij de rouw.")
    page.get_by_role("button", name="Aanvraag vastleggen").click()
    expect(page.get_by_text("De aanvraag is vastgelegd.")).to_be_visible()
    jeugd_aanvraag = Aanvraag.objects.get(casus=casus, wet="JEUGDWET")
    assert jeugd_aanvraag.via == AanvraagVia.PAPIER
    assert _klok(intake.pk, TermijnSoort.JEUGD_BESCHIKKING).status == TermijnStatus.LOPEND
    page.get_by_role("link", name="Besluit opstellen").click()
    page.get_by_role("group", name="Wet", exact=True).get_by_label("Jeugdwet").check()
    page.get_by_label("Op welke aanvraag? (niet verplicht)").select_option(
        str(jeugd_aanvraag.pk))
    page.get_by_label("Motivering (kan ook later)").fill(
        "Ambulante jeugdhulp helpt uw zoon bij de rouw.")
    page.get_by_role("button", name="Concept maken").click()
    _product_toevoegen(page, product_id=cat.jeugdhulp.pk, volume="1", levering=NATURA,
                       aanbieder_id=cat.aanbieder.pk)
    page.get_by_role("button", name="Besluit nemen").click()
    expect(page.get_by_text("Het besluit is genomen.")).to_be_visible()
    jeugd = Beschikking.objects.get(casus=casus, wet="JEUGDWET")
    assert (jeugd.status, jeugd.aanvraag) == (BeschikkingStatus.GENOMEN, jeugd_aanvraag)
    [regel] = jeugd.toekenningen.all()
    assert (regel.product, regel.levering, regel.aanbieder) == (
        cat.jeugdhulp, Levering.NATURA, cat.aanbieder)
    assert _klok(intake.pk, TermijnSoort.JEUGD_BESCHIKKING).status == TermijnStatus.AFGEHANDELD
    # The overview holds both decisions and the household's cost.
    page.get_by_role("link", name="Terug naar de besluiten").click()
    for beschikking, wet in ((wmo, "Wmo 2015"), (jeugd, "Jeugdwet")):
        expect(page.get_by_role("link", name=f"Besluit {beschikking.kenmerk} ({wet})",
                                exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile(r"Alles samen: € [\d.]+,\d\d per maand"))).to_be_visible()
    assert_accessible(page)

    # The resident sees the bezwaar received and the Jeugdwet decision.
    inwoner_page.goto(f"/mijn/casussen/{casus.pk}/besluiten/")
    expect(inwoner_page.get_by_role("link", name=re.compile(r"^Besluit Jeugdwet van")
                                    )).to_be_visible()
    inwoner_page.get_by_role("link", name=re.compile(r"^Besluit Wmo 2015 van")).click()
    expect(inwoner_page.get_by_text("Wij beslissen nog over uw bezwaar.")).to_be_visible()
    assert_accessible(inwoner_page)
