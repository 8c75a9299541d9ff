"""The benchmark's decisions (toegang/demo/besluiten_bulk.py): beschikkingen on the seeded
casussen with lines whose cost is what the catalogue's formula gives, a realistic mix, a top-up
instead of doubling, and figures on the dashboard."""

import datetime as dt

import time_machine
from django.utils import timezone

from casussen.besluit.models import Beschikking, BeschikkingStatus, Besluit, Levering, Toekenning
from regie.stuur.filters import Filters
from regie.stuur.refresh import stuurinformatie_refresh
from regie.stuur.selectors import dashboard
from tests.factories import CasusFactory
from toegang.catalogus.kosten import kosten
from toegang.catalogus.models import Contract
from toegang.demo.besluiten_bulk import seed_besluiten_bulk


def test_bulk_seed_makes_decisions_with_their_costs(stad) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 1, 5, 10, tzinfo=dt.UTC), tick=False):
        for kenmerken in ({}, {"in_noord": True}, {"minderjarig": True}, {"over_werk": True}):
            CasusFactory(**{f"intake__{k}": v for k, v in kenmerken.items()})
    assert seed_besluiten_bulk(n=150, batch=40) == 150
    assert Beschikking.objects.count() == 150
    statussen = set(Beschikking.objects.values_list("status", flat=True))
    assert {BeschikkingStatus.GENOMEN, BeschikkingStatus.HERZIEN,
            BeschikkingStatus.INGETROKKEN} <= statussen
    # Every herziening replaces a decision that reads herzien.
    assert set(Beschikking.objects.filter(vervangt__isnull=False)
               .values_list("vervangt__status", flat=True)) == {BeschikkingStatus.HERZIEN}
    toegekend = Toekenning.objects.filter(besluit=Besluit.TOEGEKEND).select_related("product")
    assert {r.levering for r in toegekend} == {Levering.NATURA, Levering.PGB, Levering.GELD}
    assert {r.product.wet for r in toegekend} == {"WMO", "JEUGDWET", "PARTICIPATIEWET"}
    for regel in toegekend:
        assert regel.kosten_per_maand > 0
        assert regel.kosten_per_maand == kosten(
            volume=regel.volume, tarief=regel.tarief, frequentie=regel.frequentie,
            begin=regel.begindatum, einde=regel.einddatum).per_maand
        assert (regel.aanbieder_id is not None) == (regel.levering == Levering.NATURA)
        assert regel.wijk_id is not None or regel.beschikking.casus.intake.wijk_id is None
    # A second run tops up instead of doubling; the catalogue is made once.
    contracten = Contract.objects.count()
    assert seed_besluiten_bulk(n=150) == 0
    assert seed_besluiten_bulk(n=160) == 10
    assert Contract.objects.count() == contracten

    stuurinformatie_refresh()
    deze_maand = timezone.localdate().replace(day=1)
    tabel = dashboard(Filters(van=deze_maand, tot=deze_maand)).tabellen["besluiten_wet"]
    assert tabel.totaal is not None and tabel.totaal.cellen[0].waarde
