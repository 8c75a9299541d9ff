"""The big-city seeding for benchmarks writes what the services would write."""

import pytest

from casussen.models import Casus, CasusGroupObjectPermission, CasusUserObjectPermission
from intake.grants import intake_grants_sync
from intake.models import IntakeGroupObjectPermission, IntakeUserObjectPermission
from regie.termijnen.models import Termijn
from toegang.audit.models import Toegangslog
from toegang.demo.groot import (
    seed_casussen_bulk,
    seed_stad_groot,
    seed_termijnen_bulk,
    seed_toegangslog_bulk,
)
from toegang.demo.intakes import seed_intakes_bulk

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
