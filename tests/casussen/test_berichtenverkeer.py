"""The berichtenverkeer end to end, in both iWmo and iJw: a decision's 301 goes through the
outbox to the `uit/` folder, the provider simulator answers (302, 305, 307, 315, 317, 320),
`ophalen` stores and acts on every answer once, the retours go back, the clocks run and are
met. Also the rules for changes (verlenging, verkorting, correction, intrekking)."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from casussen.besluit import services as besluit
from casussen.besluit.models import Besluit, Levering
from casussen.toewijzing import ontvangst, toewijzen, verzending
from casussen.toewijzing.models import (
    Bericht,
    BerichtStatus,
    Quarantaine,
    Richting,
    Toewijzing,
    ToewijzingStatus,
    Verzoek,
    VerzoekSoort,
    VerzoekStatus,
)
from casussen.toewijzing.verzending import versturen
from intake.models import Intake, Kanaal
from regie.termijnen.models import TermijnSoort, TermijnStatus
from tests.besluitpad import Catalogus, catalogus_make
from tests.factories import CasusFactory
from toegang.core.bsn import tekst_decrypt
from toegang.core.werkdagen import werkdagen_na
from toegang.inzage.selectors import inzage_data
from toegang.istandaarden import berichten as codec
from toegang.istandaarden.simulator import Aanbieder
from toegang.istandaarden.transport import MapTransport

BSN = "111222333"
WETTEN = [("WMO", codec.Standaard.IWMO), ("JEUGDWET", codec.Standaard.IJW)]
PREFIX = {codec.Standaard.IWMO: "WMO", codec.Standaard.IJW: "JW"}


def _in_map(kanaal: MapTransport) -> list[str]:
    """The message codes waiting in in/, from the file names ("WMO302_…")."""
    return sorted(p.name.split("_")[0] for p in (Path(kanaal.root) / "in").glob("*.xml"))


@pytest.fixture
def kanaal(settings, tmp_path: Path) -> MapTransport:  # type: ignore[no-untyped-def]
    settings.ISTANDAARDEN_MAP = str(tmp_path / "ggk")
    settings.ISTANDAARDEN_GEMEENTECODE = "1999"
    return MapTransport()


@pytest.fixture
def cat(db) -> Catalogus:  # type: ignore[no-untyped-def]
    return catalogus_make()


@pytest.fixture
def casus(stad):  # type: ignore[no-untyped-def]
    return CasusFactory(opgepakt_door=stad.pro, intake__bsn=BSN,
                        intake__straat="Dorpsstraat 12a", intake__postcode="7511AB")


def _sim(cat: Catalogus, kanaal: MapTransport, standaard: codec.Standaard | None = None
         ) -> Aanbieder:
    return Aanbieder(agb=cat.aanbieder.agb_code, root=Path(kanaal.root), gemeentecode="1999",
                     standaard=standaard)


def _product(cat: Catalogus, wet: str):  # type: ignore[no-untyped-def]
    return cat.begeleiding if wet == "WMO" else cat.jeugdhulp


def _neem(pro, casus, cat: Catalogus, wet: str, *, volume: str = "3",  # type: ignore[no-untyped-def]
          begin: dt.date | None = None, einde: dt.date | None = None, pgb: bool = False):
    beschikking = besluit.beschikking_draft(user=pro, casus=casus, wet=wet, motivering="Nodig.")
    besluit.toekenning_add(user=pro, beschikking=beschikking, regel=besluit.Regel(
        product=_product(cat, wet), besluit=Besluit.TOEGEKEND, volume=Decimal(volume),
        begindatum=begin or timezone.localdate(), einddatum=einde,
        levering=Levering.PGB if pgb else Levering.NATURA,
        aanbieder=None if pgb else cat.aanbieder))
    return besluit.beschikking_take(user=pro, beschikking=beschikking)


def _inhoud(rij: Bericht) -> codec.Bericht:
    return codec.lees(tekst_decrypt(rij.inhoud).encode())


def _uit(code: str) -> list[Bericht]:
    return list(Bericht.objects.filter(richting=Richting.UIT, code=code).order_by("id"))


# --- Outgoing ------------------------------------------------------------------------------


@pytest.mark.parametrize(("wet", "standaard"), WETTEN)
def test_decision_with_natura_line_puts_a_valid_301_in_the_outbox(  # type: ignore[no-untyped-def]
        stad, casus, cat, kanaal, wet, standaard) -> None:
    _neem(stad.pro, casus, cat, wet, volume="1.5")
    toewijzing = Toewijzing.objects.get()
    rij = Bericht.objects.get()
    assert (rij.richting, rij.code, rij.status) == (Richting.UIT, "301", BerichtStatus.TE_VERSTUREN)
    assert rij.retour_uiterlijk == werkdagen_na(timezone.localdate(), 3)
    bericht = _inhoud(rij)  # parses and validates against the schema
    assert bericht.header.standaard == standaard
    assert bericht.header.ontvanger == cat.aanbieder.agb_code
    assert bericht.client is not None and bericht.client.bsn == BSN
    product = bericht.toegewezen[0]
    assert product.toewijzingnummer == toewijzing.pk
    # 1.5 uur per week goes as 90 minutes: messages carry whole numbers.
    assert product.omvang == codec.Omvang(volume=90, eenheid="01", frequentie="2")
    assert product.code == _product(cat, wet).productcode


def test_pgb_line_and_resident_without_bsn_send_nothing(stad, cat, kanaal) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(opgepakt_door=stad.pro)  # no BSN known
    _neem(stad.pro, casus, cat, "WMO")
    assert not Bericht.objects.exists() and not Toewijzing.objects.exists()
    met_bsn = CasusFactory(opgepakt_door=stad.pro, intake__bsn=BSN)
    _neem(stad.pro, met_bsn, cat, "WMO", pgb=True)
    assert not Bericht.objects.exists()


# --- Round trip with the simulated provider -------------------------------------------------


@pytest.mark.parametrize(("wet", "standaard"), WETTEN)
def test_round_trip_301_302_305_306_307_308(stad, casus, cat, kanaal, wet, standaard) -> None:  # type: ignore[no-untyped-def]
    _neem(stad.pro, casus, cat, wet)
    assert versturen(via=kanaal) == 1
    sim = _sim(cat, kanaal)
    assert [b.header.bericht for b in sim.verwerk_uit()] == ["301"]
    assert _in_map(kanaal) == [f"{PREFIX[standaard]}302", f"{PREFIX[standaard]}305"]
    assert ontvangst.ophalen(via=kanaal) == 2
    heen = _uit("301")[0]
    heen.refresh_from_db()
    assert heen.status == BerichtStatus.RETOUR_OK and heen.retour_klaar_op is not None
    toewijzing = Toewijzing.objects.get()
    assert toewijzing.begonnen_op == timezone.localdate()
    start = Bericht.objects.get(richting=Richting.IN, code="305")
    assert start.status == BerichtStatus.VERWERKT and start.casus == casus
    retour = Bericht.objects.get(richting=Richting.UIT, code="306")
    assert retour.retour_op == start and start.retour_klaar_op is not None
    assert _inhoud(retour).header.identificatie_retour == start.identificatie
    # Stop of care: 307 → stored, acted on, 308 back.
    sim.stop_zorg(_client(), codec.StopProduct(
        toewijzingnummer=toewijzing.pk, begindatum=toewijzing.begonnen_op,
        einddatum=timezone.localdate(), reden_beeindiging="31",
        categorie=toewijzing.product.productcategorie, code=toewijzing.product.productcode,
        toewijzing_ingangsdatum=toewijzing.ingangsdatum), standaard)
    assert ontvangst.ophalen(via=kanaal) == 1
    toewijzing.refresh_from_db()
    assert (toewijzing.gestopt_op, toewijzing.reden_beeindiging) == (timezone.localdate(), "31")
    assert len(_uit("308")) == 1
    # Our retours reach the provider; nothing waits.
    assert versturen(via=kanaal) == 2
    assert not Bericht.objects.filter(status=BerichtStatus.TE_VERSTUREN).exists()


def _client(bsn: str = BSN) -> codec.Client:
    return codec.Client(bsn=bsn, geboortedatum=dt.date(2015, 3, 14), geslacht="2",
                        naam=codec.Naam(achternaam="Bakker", voornamen="Noor"))


def _verzoek_van(sim: Aanbieder, standaard: codec.Standaard, *, bsn: str = BSN,
                 code: str | None = None, categorie: str = "", ref: str = "REF-1") -> None:
    sim.verzoek_om_toewijzing(
        _client(bsn),
        codec.AangevraagdProduct(
            referentie_aanbieder=ref, toewijzing_ingangsdatum=timezone.localdate(),
            categorie=categorie, code=code or "",
            omvang=codec.Omvang(volume=3, eenheid="04", frequentie="2"),
            verwijzer_type="02", verwijzer_naam="Dokter Jansen"), standaard)


@pytest.mark.parametrize(("wet", "standaard"), WETTEN)
def test_315_becomes_a_task_with_a_clock_and_a_refusal_goes_out_as_319(  # type: ignore[no-untyped-def]
        stad, casus, cat, kanaal, wet, standaard) -> None:
    product = _product(cat, wet)
    sim = _sim(cat, kanaal, standaard)
    _verzoek_van(sim, standaard, code=product.productcode, categorie=product.productcategorie)
    assert ontvangst.ophalen(via=kanaal) == 1
    verzoek = Verzoek.objects.get()
    assert (verzoek.casus, verzoek.team, verzoek.product) == (casus, casus.team, product)
    assert verzoek.soort == VerzoekSoort.TOEWIJZING and verzoek.verwijzer.endswith("Dokter Jansen")
    termijn = verzoek.termijn
    assert termijn is not None and termijn.soort == TermijnSoort.VERZOEK_ANTWOORD
    assert timezone.localdate(termijn.deadline) == werkdagen_na(timezone.localdate(), 5)
    assert "Verzoek om toewijzing van Zorg Dichtbij voor Noor Bakker" in termijn.omschrijving
    assert len(_uit("316")) == 1
    toewijzen.verzoek_afwijzen(user=stad.pro, verzoek=verzoek, reden="3",
                               toelichting="Geen contract voor dit product.")
    verzoek.refresh_from_db()
    termijn.refresh_from_db()
    assert verzoek.status == VerzoekStatus.AFGEWEZEN and termijn.status == TermijnStatus.AFGEHANDELD
    antwoord = _inhoud(_uit("319")[0])
    assert antwoord.antwoord == codec.Antwoord(referentie_aanbieder="REF-1",
                                               verzoek_antwoord="1", reden_afwijzing="3")
    versturen(via=kanaal)
    assert [b.header.bericht for b in sim.verwerk_uit()] == ["316", "319"]
    assert _in_map(kanaal) == [f"{PREFIX[standaard]}320"]
    ontvangst.ophalen(via=kanaal)
    heen = _uit("319")[0]
    heen.refresh_from_db()
    assert heen.status == BerichtStatus.RETOUR_OK


def test_315_for_an_unknown_resident_becomes_a_referral_in_the_queue(  # type: ignore[no-untyped-def]
        stad, cat, kanaal) -> None:
    sim = _sim(cat, kanaal, codec.Standaard.IJW)
    _verzoek_van(sim, codec.Standaard.IJW, bsn="123456782", code="45A01", categorie="45")
    ontvangst.ophalen(via=kanaal)
    verzoek = Verzoek.objects.get()
    intake = verzoek.intake
    assert intake.kanaal == Kanaal.VERWIJZING and intake.verwijzing.soort == "zorgaanbieder"
    assert intake.verwijzing.organisatie == "Zorg Dichtbij" and intake.over_kind
    # A 315 carries no address: the routing's rule for intakes without a wijk decides.
    assert verzoek.casus is None and verzoek.team_id == intake.team_id
    with pytest.raises(ValidationError, match="Pak eerst de aanmelding op"):
        toewijzen.verzoek_toewijzen(user=stad.pro_jeugd, verzoek=verzoek)
    # The same file again: processed once.
    assert Intake.objects.count() == 1


@pytest.mark.parametrize(("wet", "standaard"), WETTEN)
def test_granting_a_315_sends_a_301_with_the_providers_reference(  # type: ignore[no-untyped-def]
        stad, casus, cat, kanaal, wet, standaard) -> None:
    product = _product(cat, wet)
    sim = _sim(cat, kanaal, standaard)
    _verzoek_van(sim, standaard, code=product.productcode, categorie=product.productcategorie,
                 ref="VOT-77")
    ontvangst.ophalen(via=kanaal)
    verzoek = Verzoek.objects.get()
    concept = toewijzen.verzoek_toewijzen(user=stad.pro, verzoek=verzoek)
    regel = concept.toekenningen.get()
    assert (regel.product, regel.aanbieder, regel.volume) == (product, cat.aanbieder,
                                                               Decimal("3"))
    besluit.beschikking_take(user=stad.pro, beschikking=concept)
    verzoek.refresh_from_db()
    assert verzoek.status == VerzoekStatus.TOEGEWEZEN
    assert verzoek.termijn is not None and verzoek.termijn.status == TermijnStatus.AFGEHANDELD
    gestuurd = _inhoud(_uit("301")[0]).toegewezen[0]
    assert gestuurd.referentie_aanbieder == "VOT-77"


def test_in_onderzoek_answers_within_5_days_and_starts_8_weeks(stad, casus, cat, kanaal) -> None:  # type: ignore[no-untyped-def]
    sim = _sim(cat, kanaal, codec.Standaard.IWMO)
    _verzoek_van(sim, codec.Standaard.IWMO, code="07A01", categorie="07")
    ontvangst.ophalen(via=kanaal)
    verzoek = Verzoek.objects.get()
    vijf_dagen = verzoek.termijn
    toewijzen.verzoek_onderzoeken(user=stad.pro, verzoek=verzoek)
    verzoek.refresh_from_db()
    vijf_dagen.refresh_from_db()  # type: ignore[union-attr]
    assert vijf_dagen.status == TermijnStatus.AFGEHANDELD  # type: ignore[union-attr]
    assert verzoek.status == VerzoekStatus.IN_ONDERZOEK
    assert verzoek.termijn.soort == TermijnSoort.VERZOEK_ONDERZOEK  # type: ignore[union-attr]
    assert _inhoud(_uit("319")[0]).antwoord.verzoek_antwoord == "2"  # type: ignore[union-attr]


@pytest.mark.parametrize(("wet", "standaard"), WETTEN)
def test_317_change_request_leads_to_a_new_toewijzing_and_ends_the_old(  # type: ignore[no-untyped-def]
        stad, casus, cat, kanaal, wet, standaard) -> None:
    _neem(stad.pro, casus, cat, wet, begin=timezone.localdate() - dt.timedelta(days=30))
    oud = Toewijzing.objects.get()
    oud.begonnen_op = oud.ingangsdatum
    oud.save()
    sim = _sim(cat, kanaal, standaard)
    sim.verzoek_om_wijziging(_client(), codec.Wijzigingsverzoek(
        referentie_aanbieder="VOW-1", reden_verzoek="2",
        te_wijzigen=(codec.TeWijzigenProduct(
            toewijzingnummer=oud.pk, gewenste_ingangsdatum=timezone.localdate(),
            omvang=codec.Omvang(volume=5, eenheid="04", frequentie="2")),)), standaard)
    ontvangst.ophalen(via=kanaal)
    verzoek = Verzoek.objects.get()
    assert verzoek.soort == VerzoekSoort.WIJZIGING and verzoek.casus == casus
    assert verzoek.wijzigingen[0]["volume"] == 5 and len(_uit("318")) == 1
    herziening = toewijzen.verzoek_toewijzen(user=stad.pro, verzoek=verzoek)
    regel = herziening.toekenningen.get()
    besluit.toekenning_remove(user=stad.pro, toekenning=regel)
    besluit.toekenning_add(user=stad.pro, beschikking=herziening, regel=besluit.Regel(
        product=_product(cat, wet), besluit=Besluit.TOEGEKEND, volume=Decimal("5"),
        begindatum=timezone.localdate(), levering=Levering.NATURA, aanbieder=cat.aanbieder))
    besluit.beschikking_take(user=stad.pro, beschikking=herziening)
    oud.refresh_from_db()
    assert oud.status == ToewijzingStatus.GEWIJZIGD and oud.reden_wijziging == "05"
    assert oud.einddatum == timezone.localdate() - dt.timedelta(days=1)
    nieuw = Toewijzing.objects.exclude(pk=oud.pk).get()
    assert (nieuw.volume, nieuw.reden_wijziging) == (5, "12")
    nummers = [_inhoud(b).toegewezen[0].toewijzingnummer for b in _uit("301")]
    assert nummers == [oud.pk, oud.pk, nieuw.pk]  # first grant, its end, the new one


def test_only_a_new_end_date_keeps_the_number(stad, casus, cat, kanaal) -> None:  # type: ignore[no-untyped-def]
    vandaag = timezone.localdate()
    genomen = _neem(stad.pro, casus, cat, "WMO", einde=vandaag + dt.timedelta(days=90))
    oud = Toewijzing.objects.get()
    herziening = besluit.beschikking_revise(user=stad.pro, beschikking=genomen, reden="Langer.")
    regel = herziening.toekenningen.get()
    besluit.toekenning_remove(user=stad.pro, toekenning=regel)
    besluit.toekenning_add(user=stad.pro, beschikking=herziening, regel=besluit.Regel(
        product=cat.begeleiding, besluit=Besluit.TOEGEKEND, volume=Decimal("3"),
        begindatum=vandaag, einddatum=vandaag + dt.timedelta(days=180),
        levering=Levering.NATURA, aanbieder=cat.aanbieder))
    besluit.beschikking_take(user=stad.pro, beschikking=herziening)
    assert Toewijzing.objects.count() == 1
    oud.refresh_from_db()
    assert (oud.einddatum, oud.reden_wijziging) == (vandaag + dt.timedelta(days=180), "04")
    laatste = _inhoud(_uit("301")[-1]).toegewezen[0]
    assert (laatste.toewijzingnummer, laatste.reden_wijziging) == (oud.pk, "04")
    assert laatste.ingangsdatum == oud.ingangsdatum


def test_correction_before_start_withdraws_with_13_and_sends_a_new_number(  # type: ignore[no-untyped-def]
        stad, casus, cat, kanaal) -> None:
    morgen = timezone.localdate() + dt.timedelta(days=1)
    genomen = _neem(stad.pro, casus, cat, "WMO", begin=morgen)
    oud = Toewijzing.objects.get()
    herziening = besluit.beschikking_revise(user=stad.pro, beschikking=genomen, reden="Fout.")
    besluit.toekenning_remove(user=stad.pro, toekenning=herziening.toekenningen.get())
    besluit.toekenning_add(user=stad.pro, beschikking=herziening, regel=besluit.Regel(
        product=cat.begeleiding, besluit=Besluit.TOEGEKEND, volume=Decimal("2"),
        begindatum=morgen, levering=Levering.NATURA, aanbieder=cat.aanbieder))
    besluit.beschikking_take(user=stad.pro, beschikking=herziening)
    oud.refresh_from_db()
    assert oud.status == ToewijzingStatus.VERWIJDERD
    assert (oud.einddatum, oud.reden_wijziging) == (oud.ingangsdatum, "13")
    nieuw = Toewijzing.objects.exclude(pk=oud.pk).get()
    assert nieuw.volume == 2 and nieuw.pk != oud.pk


def test_withdrawal_ends_a_running_toewijzing_the_day_before(stad, casus, cat, kanaal) -> None:  # type: ignore[no-untyped-def]
    vandaag = timezone.localdate()
    genomen = _neem(stad.pro, casus, cat, "JEUGDWET", begin=vandaag - dt.timedelta(days=10))
    besluit.beschikking_withdraw(user=stad.pro, beschikking=genomen,
                                 per=vandaag + dt.timedelta(days=5), reden="Verhuisd.")
    toewijzing = Toewijzing.objects.get()
    assert toewijzing.einddatum == vandaag + dt.timedelta(days=4)
    laatste = _inhoud(_uit("301")[-1]).toegewezen[0]
    assert (laatste.einddatum, laatste.reden_wijziging) == (vandaag + dt.timedelta(days=4),
                                                            "05")


# --- Received twice, hostile files ----------------------------------------------------------


def test_the_same_file_twice_is_stored_and_acted_on_once(stad, casus, cat, kanaal) -> None:  # type: ignore[no-untyped-def]
    sim = _sim(cat, kanaal, codec.Standaard.IWMO)
    _verzoek_van(sim, codec.Standaard.IWMO, code="07A01", categorie="07")
    inbak = Path(kanaal.root) / "in"
    bestand = next(inbak.glob("*.xml"))
    kopie = bestand.read_bytes()
    ontvangst.ophalen(via=kanaal)
    (inbak / ("nogmaals-" + bestand.name)).write_bytes(kopie)
    ontvangst.ophalen(via=kanaal)
    assert Bericht.objects.filter(richting=Richting.IN).count() == 1
    assert Verzoek.objects.count() == 1 and len(_uit("316")) == 1
    assert not Quarantaine.objects.exists()


def test_another_message_under_a_used_identificatie_goes_to_quarantine(  # type: ignore[no-untyped-def]
        stad, casus, cat, kanaal) -> None:
    sim = _sim(cat, kanaal, codec.Standaard.IWMO)
    _verzoek_van(sim, codec.Standaard.IWMO, code="07A01", categorie="07")
    inbak = Path(kanaal.root) / "in"
    bestand = next(inbak.glob("*.xml"))
    anders = bestand.read_bytes().replace(b"REF-1", b"REF-2")
    ontvangst.ophalen(via=kanaal)
    (inbak / ("anders-" + bestand.name)).write_bytes(anders)
    ontvangst.ophalen(via=kanaal)
    assert Verzoek.objects.count() == 1
    fout = Quarantaine.objects.get()
    assert "9056" in fout.reden
    assert (Path(kanaal.root) / "quarantaine" / ("anders-" + bestand.name)).exists()


def test_start_for_an_unknown_toewijzing_is_refused_with_9019(stad, casus, cat, kanaal) -> None:  # type: ignore[no-untyped-def]
    sim = _sim(cat, kanaal, codec.Standaard.IWMO)
    sim.meld_start(_client(), codec.StartProduct(
        toewijzingnummer=999999, begindatum=timezone.localdate(), categorie="07",
        code="07A01", toewijzing_ingangsdatum=timezone.localdate()), codec.Standaard.IWMO)
    ontvangst.ophalen(via=kanaal)
    rij = Bericht.objects.get(richting=Richting.IN)
    assert rij.status == BerichtStatus.AFGEKEURD and "999999" in rij.fout
    retour = _inhoud(_uit("306")[0])
    assert "9019" in retour.start[0].retourcodes


def test_message_from_an_unknown_provider_goes_to_quarantine(stad, cat, kanaal) -> None:  # type: ignore[no-untyped-def]
    sim = Aanbieder(agb="12345678", root=Path(kanaal.root), gemeentecode="1999",
                    standaard=codec.Standaard.IJW)
    _verzoek_van(sim, codec.Standaard.IJW, code="45A01", categorie="45")
    ontvangst.ophalen(via=kanaal)
    assert not Bericht.objects.exists()
    assert "12345678" in Quarantaine.objects.get().reden


@pytest.mark.parametrize(("naam", "inhoud", "woord"), [
    ("kapot.xml", b"<Bericht><Header>", "XML"),
    ("vreemd.xml", b'<?xml version="1.0"?><Bericht xmlns="urn:iets-anders"/>', "namespace"),
    ("xxe.xml", b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b"<Bericht>&x;</Bericht>", "DOCTYPE"),
])
def test_hostile_files_end_in_quarantine_with_a_reason(  # type: ignore[no-untyped-def]
        db, kanaal, naam, inhoud, woord) -> None:
    inbak = Path(kanaal.root) / "in"
    inbak.mkdir(parents=True, exist_ok=True)
    (inbak / naam).write_bytes(inhoud)
    ontvangst.ophalen(via=kanaal)
    rij = Quarantaine.objects.get()
    assert rij.bestandsnaam == naam and woord.lower() in rij.reden.lower()
    assert "root:" not in rij.reden  # the entity was never resolved
    assert (Path(kanaal.root) / "quarantaine" / naam).exists()
    assert not (inbak / naam).exists()


def test_a_50_mb_file_is_quarantined_unread(db, kanaal) -> None:  # type: ignore[no-untyped-def]
    inbak = Path(kanaal.root) / "in"
    inbak.mkdir(parents=True, exist_ok=True)
    with (inbak / "groot.xml").open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    ontvangst.ophalen(via=kanaal)
    rij = Quarantaine.objects.get()
    assert "te groot" in rij.reden and rij.grootte == 50 * 1024 * 1024


def test_a_failure_while_acting_leaves_the_message_to_be_acted_on_once(  # type: ignore[no-untyped-def]
        stad, casus, cat, kanaal, monkeypatch) -> None:
    sim = _sim(cat, kanaal, codec.Standaard.IWMO)
    _verzoek_van(sim, codec.Standaard.IWMO, code="07A01", categorie="07")

    def kapot(rij: Bericht, bericht: codec.Bericht) -> list[str]:
        rij.fout = "half gedaan"  # the act starts, then fails half-way
        rij.save(update_fields=["fout"])
        raise RuntimeError("database went away")

    monkeypatch.setattr(ontvangst, "_verzoek_om_toewijzing", kapot)
    assert ontvangst.ophalen(via=kanaal) == 0
    rij = Bericht.objects.get()
    assert rij.status == BerichtStatus.ONTVANGEN and not Verzoek.objects.exists()
    assert rij.fout == ""  # the half-done act was rolled back
    monkeypatch.undo()
    assert ontvangst.ophalen(via=kanaal) == 1
    assert ontvangst.ophalen(via=kanaal) == 0
    assert Verzoek.objects.count() == 1 and len(_uit("316")) == 1


def test_transport_failure_backs_off_then_gives_up(stad, casus, cat, kanaal) -> None:  # type: ignore[no-untyped-def]
    class Dicht:
        def verstuur(self, naam: str, inhoud: bytes) -> None:
            raise verzending.TransportFout("GGk niet bereikbaar")

    _neem(stad.pro, casus, cat, "WMO")
    rij = Bericht.objects.get()
    for poging in range(1, verzending.MAX_POGINGEN + 1):
        Bericht.objects.filter(pk=rij.pk).update(volgende_poging_op=timezone.now())
        assert versturen(via=Dicht()) == 0  # type: ignore[arg-type]
        rij.refresh_from_db()
        assert rij.pogingen == poging
    assert rij.status == BerichtStatus.MISLUKT and "GGk" in rij.fout
    verzending.opnieuw_versturen(rij)
    assert versturen(via=kanaal) == 1
    rij.refresh_from_db()
    assert rij.status == BerichtStatus.VERSTUURD


def test_the_residents_data_download_lists_the_toewijzingen(stad, cat, kanaal) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro, intake__bsn=BSN)
    _neem(stad.pro, casus, cat, "WMO")
    toewijzing = Toewijzing.objects.get()
    Toewijzing.objects.filter(pk=toewijzing.pk).update(begonnen_op=timezone.localdate())
    data = inzage_data(user=stad.inwoner)
    rijen = [t for i in data["intakes"] for t in i["casus"]["toewijzingen"]]
    assert [(t["nummer"], t["aanbieder"], t["zorg_gestart_op"]) for t in rijen] == [
        (toewijzing.pk, "Zorg Dichtbij", timezone.localdate().isoformat())]


def test_the_households_cost_view_shows_start_and_stop_of_care(  # type: ignore[no-untyped-def]
        client, stad, casus, cat, kanaal) -> None:
    _neem(stad.pro, casus, cat, "WMO")
    client.force_login(stad.pro)
    url = f"/werk/casussen/{casus.pk}/besluit/"
    assert "nog niet gestart" in client.get(url).content.decode()
    versturen(via=kanaal)
    _sim(cat, kanaal).verwerk_uit()
    ontvangst.ophalen(via=kanaal)
    vandaag = timezone.localdate()
    assert f"gestart op {vandaag.day} " in client.get(url).content.decode()
