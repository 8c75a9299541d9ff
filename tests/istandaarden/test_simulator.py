"""The simulated zorgaanbieder answers the gemeente's files as a provider would."""

from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
import time_machine

from tests.istandaarden.voorbeelden import AGB, CLIENT, GEMEENTE, heen, retour_van
from toegang.istandaarden.berichten import (
    AangevraagdProduct,
    StopProduct,
    Wijzigingsverzoek,
    bestandsnaam,
    lees,
    maak,
)
from toegang.istandaarden.codes import Standaard
from toegang.istandaarden.simulator import Aanbieder
from toegang.istandaarden.transport import MapTransport

VANDAAG = date(2026, 3, 12)


@pytest.fixture
def gemeente(tmp_path: Path) -> MapTransport:
    return MapTransport(tmp_path)


@pytest.fixture
def aanbieder(tmp_path: Path) -> Aanbieder:
    return Aanbieder(AGB, tmp_path, GEMEENTE)


def _stuur(gemeente: MapTransport, bericht) -> None:
    gemeente.verstuur(bestandsnaam(bericht), maak(bericht))


def _ontvangen(gemeente: MapTransport) -> dict[str, object]:
    return {(b := lees(o.inhoud)).header.bericht: b for o in gemeente.ophalen()}


@time_machine.travel(VANDAAG, tick=False)
def test_a_301_gets_a_302_and_a_start_of_care(gemeente: MapTransport,
                                              aanbieder: Aanbieder) -> None:
    toewijzing = heen(Standaard.IJW, "301")
    _stuur(gemeente, toewijzing)
    genomen = aanbieder.verwerk_uit()
    assert genomen == [toewijzing]
    assert [p.name for p in gemeente.uit.iterdir() if p.is_file()] == []
    assert (gemeente.uit / "opgehaald" / bestandsnaam(toewijzing)).is_file()

    ontvangen = _ontvangen(gemeente)
    assert set(ontvangen) == {"302", "305"}
    antwoord, start = ontvangen["302"], ontvangen["305"]
    assert antwoord.header.identificatie_retour == "H0001"
    assert (antwoord.header.afzender, antwoord.header.ontvanger) == (GEMEENTE, AGB)
    assert antwoord.is_goedgekeurd and antwoord.alle_retourcodes == ("0200",)
    assert (start.header.afzender, start.header.ontvanger) == (AGB, GEMEENTE)
    assert start.client.bsn == CLIENT.bsn
    # Ingangsdatum 9 March lies before today (12 March): care starts today. 3002 carries a
    # RedenWijziging (04, verlenging): a toewijzing sent before, not started again.
    assert [(p.toewijzingnummer, p.begindatum, p.toewijzing_ingangsdatum)
            for p in start.start] == [(3001, VANDAAG, date(2026, 3, 9))]
    assert len(start.header.identificatie) <= 12
    assert start.header.identificatie != antwoord.header.identificatie


@time_machine.travel(VANDAAG, tick=False)
def test_no_start_for_withdrawn_ended_or_already_started_toewijzingen(
        gemeente: MapTransport, aanbieder: Aanbieder) -> None:
    toewijzing = heen(Standaard.IWMO, "301")
    later = replace(toewijzing.toegewezen[0], toewijzingnummer=3003,
                    ingangsdatum=date(2026, 4, 1), einddatum=None)
    ingetrokken = replace(toewijzing.toegewezen[0], toewijzingnummer=3004,
                          einddatum=date(2026, 3, 9), reden_wijziging="13")
    voorbij = replace(toewijzing.toegewezen[0], toewijzingnummer=3005,
                      einddatum=date(2026, 3, 10))
    _stuur(gemeente, replace(toewijzing, toegewezen=(later, ingetrokken, voorbij)))
    aanbieder.verwerk_uit()
    start = _ontvangen(gemeente)["305"]
    assert [(p.toewijzingnummer, p.begindatum) for p in start.start] == [
        (3003, date(2026, 4, 1))]

    # The same toewijzing sent again (by this simulator started already) does not start twice.
    verlengd = replace(later, einddatum=date(2026, 12, 31), toewijzingstijd=time(10, 0))
    _stuur(gemeente, replace(toewijzing, header=replace(toewijzing.header,
                                                        identificatie="H0002"),
                             toegewezen=(verlengd,)))
    for o in gemeente.ophalen():
        gemeente.afgehandeld(o)
    aanbieder.verwerk_uit()
    assert set(_ontvangen(gemeente)) == {"302"}


def test_start_of_care_can_be_switched_off(gemeente: MapTransport, tmp_path: Path) -> None:
    _stuur(gemeente, heen(Standaard.IJW, "301"))
    Aanbieder(AGB, tmp_path, GEMEENTE, start_zorg=False).verwerk_uit()
    assert set(_ontvangen(gemeente)) == {"302"}


def test_header_only_retour_when_asked(gemeente: MapTransport, tmp_path: Path) -> None:
    _stuur(gemeente, heen(Standaard.IJW, "319"))
    Aanbieder(AGB, tmp_path, GEMEENTE, retour_alleen_header=True).verwerk_uit()
    antwoord = _ontvangen(gemeente)["320"]
    assert antwoord.antwoord is None and antwoord.header.retourcodes == ()


def test_other_providers_files_and_other_standaarden_are_left_alone(
        gemeente: MapTransport, tmp_path: Path) -> None:
    ander = heen(Standaard.IJW, "301")
    ander = replace(ander, header=replace(ander.header, ontvanger="87654321"))
    wmo = heen(Standaard.IWMO, "301")
    _stuur(gemeente, ander)
    _stuur(gemeente, wmo)
    (gemeente.uit / "kapot.xml").write_bytes(b"<niet")
    assert Aanbieder(AGB, tmp_path, GEMEENTE, Standaard.IJW).verwerk_uit() == []
    assert sorted(p.name for p in gemeente.uit.iterdir() if p.is_file()) == sorted(
        [bestandsnaam(ander), bestandsnaam(wmo), "kapot.xml"])
    assert gemeente.ophalen() == []


def test_a_319_gets_a_320_and_retours_are_just_taken(gemeente: MapTransport,
                                                     aanbieder: Aanbieder) -> None:
    _stuur(gemeente, heen(Standaard.IJW, "319"))
    _stuur(gemeente, retour_van(Standaard.IWMO, "305"))  # our 306 on their 305
    genomen = aanbieder.verwerk_uit()
    assert sorted(b.header.bericht for b in genomen) == ["306", "319"]
    ontvangen = _ontvangen(gemeente)
    assert set(ontvangen) == {"320"}
    assert ontvangen["320"].antwoord.referentie_aanbieder == "VOT-1"
    assert ontvangen["320"].antwoord.woonplaatsbeginsel == "0363"


@time_machine.travel(VANDAAG, tick=False)
def test_the_providers_own_messages_reach_the_gemeente(gemeente: MapTransport,
                                                       aanbieder: Aanbieder) -> None:
    vot = aanbieder.verzoek_om_toewijzing(
        CLIENT, AangevraagdProduct(referentie_aanbieder="VOT-9",
                                   toewijzing_ingangsdatum=date(2026, 4, 1),
                                   categorie="45", code="45A01", verwijzer_type="02",
                                   verwijzer_naam="Huisarts"), Standaard.IJW)
    vow = aanbieder.verzoek_om_wijziging(
        CLIENT, Wijzigingsverzoek(referentie_aanbieder="VOW-9", reden_verzoek="2",
                                  ongewijzigd=(3001,)), Standaard.IJW)
    stop = aanbieder.stop_zorg(
        CLIENT, StopProduct(begindatum=date(2026, 3, 1), einddatum=date(2026, 3, 11),
                            reden_beeindiging="31", toewijzingnummer=3001), Standaard.IJW)
    ontvangen = _ontvangen(gemeente)
    assert ontvangen == {"315": vot, "317": vow, "307": stop}
    assert ontvangen["315"].client.adres is None  # a 315 carries no address
    assert aanbieder.verstuurd == [vot, vow, stop]


def test_a_message_needs_a_standaard(aanbieder: Aanbieder) -> None:
    with pytest.raises(ValueError):
        aanbieder.stop_zorg(CLIENT, StopProduct(begindatum=date(2026, 3, 1),
                                                einddatum=date(2026, 3, 2),
                                                reden_beeindiging="31"))

