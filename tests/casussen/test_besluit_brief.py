"""The decision letter (PDF): what it says, read back by text extraction, and the staff's
download with its gate and access-log row."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from casussen.besluit import services
from casussen.besluit.brief import beschikking_pdf, omvang_tekst, periode_tekst
from casussen.besluit.models import AanvraagVia, Besluit, Levering, Toekenning, Vormwens
from tests.besluitpad import Catalogus, besluitpad_make, catalogus_make
from tests.factories import CasusFactory
from toegang.audit.models import Toegangslog
from toegang.thema.models import Thema
from toegang.thema.services import thema_activeren

pytestmark = pytest.mark.django_db


def _tekst(pdf: bytes) -> str:
    """The letter's text on one line, whitespace collapsed (lines wrap anywhere)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
                    .split())


def _datum(dag: dt.date) -> str:
    maanden = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
               "september", "oktober", "november", "december"]
    return f"{dag.day} {maanden[dag.month - 1]} {dag.year}"


@pytest.fixture
def cat(db) -> Catalogus:  # type: ignore[no-untyped-def]
    return catalogus_make()


@pytest.fixture
def casus(stad):  # type: ignore[no-untyped-def]
    return CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro,
                        intake__voornaam="Jozef", intake__achternaam="Bakker-Øström",
                        intake__straat="Kerkweg 12", intake__woonplaats="Dijkstad")


def test_the_letter_carries_the_active_themes_name_address_and_phone(  # type: ignore[no-untyped-def]
        stad, casus, cat) -> None:
    """The theme holds the municipality's name and contact details (what the pages show), so
    its letters say the same; without a theme they come from the settings (above)."""
    thema = Thema.objects.create(
        naam="Zeevliet", gemeentenaam="Gemeente Zeevliet", telefoonnummer="14 0999",
        website="www.zeevliet.example.nl", postadres="Postbus 8\n4500 AA  Zeevliet\n")
    thema_activeren(thema=thema)
    pad = besluitpad_make(casus=casus, pro=stad.pro, inwoner=stad.inwoner, catalogus=cat)
    tekst = _tekst(beschikking_pdf(casus=casus, beschikking=pad.beschikking))
    assert "Gemeente Dijkstad" not in tekst and "Stadhuisplein" not in tekst
    for deel in ["Gemeente Zeevliet Postbus 8 4500 AA Zeevliet Telefoon 14 0999",
                 "Retouradres: Postbus 8, 4500 AA Zeevliet",
                 "Stuur een brief naar Gemeente Zeevliet, Postbus 8, 4500 AA Zeevliet.",
                 "Met vriendelijke groet, Gemeente Zeevliet"]:
        assert deel in tekst, deel


def test_the_letter_names_the_resident_product_volume_period_and_bezwaar_date(  # type: ignore[no-untyped-def]
        stad, casus, cat) -> None:
    pad = besluitpad_make(casus=casus, pro=stad.pro, inwoner=stad.inwoner, catalogus=cat)
    tekst = _tekst(beschikking_pdf(casus=casus, beschikking=pad.beschikking))
    vandaag = timezone.localdate()
    # Letterhead and address.
    assert "Gemeente Dijkstad" in tekst and "Stadhuisplein 1" in tekst
    assert "Beste Jozef Bakker-Øström," in tekst
    assert "Kerkweg 12 7511 AB DIJKSTAD" in tekst  # as on an envelope, whatever was typed
    assert f"Kenmerk {pad.beschikking.kenmerk}" in tekst
    assert "Besluit op uw aanvraag Wmo 2015" in tekst
    assert f"Uw aanvraag van {_datum(pad.aanvraag.ontvangen_op)}" in tekst
    # What was decided.
    assert "Begeleiding individueel: u krijgt dit" in tekst
    assert "Hoeveel: 3 uur per week." in tekst and "Hoeveel: 2 uur per week." in tekst
    assert f"vanaf {_datum(vandaag)}, zolang het nodig is" in tekst
    assert "Uw zorgaanbieder is Zorg Dichtbij." in tekst
    pgb = pad.beschikking.toekenningen.get(levering=Levering.PGB)
    bedrag = f"{pgb.kosten_per_maand:.2f}".replace(".", ",")
    assert f"€ {bedrag} per maand" in tekst
    # Why, on which basis, the pgb steps and the bezwaar clause.
    assert "Begeleiding helpt bij structuur." in tekst
    assert "Wmo 2015), artikel 2.3.5" in tekst
    assert "Sociale Verzekeringsbank (SVB)" in tekst and "budgetplan" in tekst
    tot = pad.beschikking.bezwaar_tot
    assert f"Dan kunt u bezwaar maken tot en met {_datum(tot)}." in tekst
    assert "artikel 6:7 en 6:8" in tekst
    assert "CONCEPT" not in tekst


def test_a_refused_line_gives_its_reason_and_each_wet_its_legal_basis(stad, cat) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro_jeugd,
                         intake__over_kind=True)
    vandaag = timezone.localdate()
    aanvraag = services.aanvraag_submit(user=stad.pro_jeugd, casus=casus, wet="JEUGDWET",
                                        ontvangen_op=vandaag, via=AanvraagVia.PAPIER,
                                        vormwens=Vormwens.NATURA)
    beschikking = services.beschikking_draft(user=stad.pro_jeugd, casus=casus, wet="JEUGDWET",
                                             aanvraag=aanvraag, motivering="Zie het gesprek.")
    services.toekenning_add(user=stad.pro_jeugd, beschikking=beschikking, regel=services.Regel(
        product=cat.jeugdhulp, besluit=Besluit.AFGEWEZEN,
        reden="De school biedt deze hulp <al> & gratis."))
    beschikking = services.beschikking_take(user=stad.pro_jeugd, beschikking=beschikking)
    tekst = _tekst(beschikking_pdf(casus=casus, beschikking=beschikking))
    assert "Besluit op uw aanvraag Jeugdwet" in tekst
    assert "Jeugdhulp ambulant: u krijgt dit niet" in tekst
    assert "Waarom niet: De school biedt deze hulp <al> & gratis." in tekst
    assert "Jeugdwet, artikel 2.3 en artikel 2.9" in tekst
    assert "Sociale Verzekeringsbank" not in tekst  # no pgb, no pgb steps


def test_a_draft_comes_out_marked_as_a_concept(stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    pad = besluitpad_make(casus=casus, pro=stad.pro, inwoner=stad.inwoner, catalogus=cat)
    tekst = _tekst(beschikking_pdf(casus=casus, beschikking=pad.concept))
    assert "CONCEPT - dit is nog geen besluit." in tekst
    assert "binnen 6 weken na de datum van deze brief" in tekst


def test_a_herziening_says_which_decision_it_replaces_and_why(stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    pad = besluitpad_make(casus=casus, pro=stad.pro, inwoner=stad.inwoner, catalogus=cat)
    nieuw = services.beschikking_revise(user=stad.pro, beschikking=pad.beschikking,
                                        reden="Uw situatie is veranderd.")
    nieuw = services.beschikking_take(user=stad.pro, beschikking=nieuw)
    tekst = _tekst(beschikking_pdf(casus=casus, beschikking=nieuw))
    assert f"wij veranderen ons besluit {pad.beschikking.kenmerk}" in tekst
    assert "Uw situatie is veranderd." in tekst


@pytest.mark.parametrize(("volume", "eenheid", "frequentie", "verwacht"), [
    (Decimal("3.00"), "04", "2", "3 uur per week"),
    (Decimal("2.50"), "04", "1", "2,5 uur per dag"),
    (Decimal("1"), "82", "6", "1 stuks in totaal"),
    (Decimal("4"), "16", "2", "4 dagdelen per week"),
])
def test_the_volume_in_words(volume, eenheid, frequentie, verwacht) -> None:  # type: ignore[no-untyped-def]
    regel = Toekenning(besluit=Besluit.TOEGEKEND, volume=volume, eenheid=eenheid,
                       frequentie=frequentie)
    assert omvang_tekst(regel) == verwacht


def test_the_period_in_words() -> None:
    regel = Toekenning(begindatum=dt.date(2026, 3, 1), einddatum=dt.date(2026, 8, 31))
    assert periode_tekst(regel) == "van 1 maart 2026 tot en met 31 augustus 2026"
    regel.einddatum = None
    assert periode_tekst(regel) == "vanaf 1 maart 2026, zolang het nodig is"


# --- The staff download -------------------------------------------------------------------------


def _url(casus, beschikking) -> str:  # type: ignore[no-untyped-def]
    return f"/werk/casussen/{casus.pk}/besluiten/{beschikking.pk}/brief.pdf"


def test_the_team_downloads_the_letter_and_it_is_logged(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    pad = besluitpad_make(casus=casus, pro=stad.pro, inwoner=stad.inwoner, catalogus=cat)
    client.force_login(stad.pro)
    response = client.get(_url(casus, pad.beschikking))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert "Begeleiding individueel" in _tekst(response.content)
    assert Toegangslog.objects.filter(user_id=stad.pro.pk, object_type="beschikking",
                                      object_id=pad.beschikking.pk, actie="exporteren",
                                      casus_id=casus.pk).count() == 1
    # A draft too, marked as such.
    assert "CONCEPT" in _tekst(client.get(_url(casus, pad.concept)).content)


def test_staff_without_access_and_residents_get_not_found(client, stad, casus, cat) -> None:  # type: ignore[no-untyped-def]
    pad = besluitpad_make(casus=casus, pro=stad.pro, inwoner=stad.inwoner, catalogus=cat)
    for user in (stad.pro_noord, stad.manager, stad.inwoner):
        client.force_login(user)
        assert client.get(_url(casus, pad.beschikking)).status_code == 404
    # Another casus' decision is not found through one's own casus.
    ander = CasusFactory(opgepakt_door=stad.pro)
    client.force_login(stad.pro)
    assert client.get(_url(ander, pad.beschikking)).status_code == 404
    assert not Toegangslog.objects.filter(object_type="beschikking",
                                          actie="exporteren").exists()
