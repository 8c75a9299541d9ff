"""The big-city seeding for benchmarks writes what the services would write."""

import pytest

from casussen.models import Casus, CasusGroupObjectPermission, CasusUserObjectPermission
from intake.grants import intake_grants_sync
from intake.models import (
    Huishoudlid,
    Intake,
    IntakeGroupObjectPermission,
    IntakeUserObjectPermission,
)
from regie.termijnen.models import Termijn
from toegang.audit.models import Toegangslog
from toegang.core.bsn import bsn_decrypt, bsn_hash, bsn_is_valid
from toegang.core.namen import naam_sleutel
from toegang.demo.groot import (
    seed_casussen_bulk,
    seed_stad_groot,
    seed_termijnen_bulk,
    seed_toegangslog_bulk,
)
from toegang.demo.intakes import seed_intakes_bulk
from toegang.demo.personen import straat_bij

pytestmark = pytest.mark.django_db


def _rows() -> set[tuple]:
    rows: set[tuple] = set()
    for model, owner in [(IntakeGroupObjectPermission, "group_id"),
                         (IntakeUserObjectPermission, "user_id"),
                         (CasusGroupObjectPermission, "group_id"),
                         (CasusUserObjectPermission, "user_id")]:
        queue = (("in_werkvoorraad", "volgorde") if model.__name__.startswith("Intake")
                 else ())
        rows |= {(model.__name__, *r) for r in model.objects.values_list(
            owner, "permission__codename", "content_object_id", "grond", "geldig_tot", *queue)}
    return rows


def test_big_city_and_bulk_casework_match_the_services() -> None:
    sizes = seed_stad_groot(wijken=12, teams=30, professionals=150)
    assert sizes == {"wijken": 12, "teams": 30, "professionals": 150}
    assert seed_stad_groot(wijken=12, teams=30, professionals=150) == sizes  # idempotent
    seed_intakes_bulk(n=400, seed=5, years=0.3)
    made = seed_casussen_bulk(n_open=120)
    assert made == Casus.objects.count() == 120  # enough picked-up intakes for all 120
    before = _rows()
    for casus in Casus.objects.select_related("intake__team", "intake__wijk"):
        intake_grants_sync(intake=casus.intake)
    assert _rows() == before
    assert seed_termijnen_bulk(n_open=Termijn.objects.filter(status="lopend").count() + 50) == 50
    assert seed_toegangslog_bulk(n=500) == 500 and Toegangslog.objects.count() == 500


def test_bulk_intakes_fill_what_matching_reads_as_in_life() -> None:
    seed_stad_groot(wijken=8, teams=20, professionals=20)
    seed_intakes_bulk(n=600, seed=5, years=0.3)
    intakes = list(Intake.objects.all())
    assert all(i.zoeknaam == naam_sleutel(i.achternaam) for i in intakes)
    # A postcode is written as the forms write it, and is one street.
    assert all(len(i.postcode) == 7 and i.postcode[4] == " " for i in intakes)
    assert all(i.straat.rsplit(" ", 1)[0] == straat_bij(i.postcode, 1).rsplit(" ", 1)[0]
               for i in intakes)
    met_bsn = [i for i in intakes if i.bsn_hash]
    assert 0.3 < len(met_bsn) / len(intakes) < 0.5
    for intake in met_bsn:
        bsn = bsn_decrypt(intake.bsn_versleuteld)
        assert bsn_is_valid(bsn) and bsn_hash(bsn) == intake.bsn_hash
    # Some residents asked more than once; one BSN is one resident.
    personen = {(i.voornaam, i.achternaam, i.geboortedatum) for i in intakes}
    assert len(personen) < 0.9 * len(intakes)
    per_bsn: dict[str, set[tuple]] = {}
    for intake in met_bsn:
        per_bsn.setdefault(intake.bsn_hash, set()).add(
            (intake.voornaam, intake.achternaam, intake.geboortedatum))
    assert all(len(p) == 1 for p in per_bsn.values())
    assert any(len([i for i in met_bsn if i.bsn_hash == h]) > 1 for h in per_bsn)
    assert Huishoudlid.objects.filter(relatie="kind").exists()
    assert Huishoudlid.objects.filter(relatie="partner").exists()
