"""The list selector gives the right answer at 100,000 intakes on PostgreSQL.

The expected sets are computed from the source data (routing team, consents and teams per
wijk and wet) in Python, independently of the permission rows the selector reads.
"""

from collections import defaultdict

import pytest
from django.core.management import call_command
from django.utils import timezone

from intake.models import Intake, Toestemming, ToestemmingStatus
from intake.permissions import intakes_visible_to
from toegang.accounts.models import User
from toegang.demo.intakes import seed_intakes_bulk
from toegang.organisatie.models import Team

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.django_db]

N = 100_000
# The seed is fixed, so is how many intakes each one may read (own team and consents).
# The counts follow from the fixed seed and the demo data and change when either does; the
# sets computed in `_expected` are what proves the selector right.
ZICHTBAAR = {"demo-professional": 6420, "demo-jeugd": 14887, "pro0901": 39522,
             "demo-teamleider": 6420}


def _expected(user: User) -> set[int]:
    teams = list(Team.objects.filter(teamlidmaatschap__user=user).prefetch_related("wetten",
                                                                                  "wijken"))
    own = {t.pk for t in teams}
    serves = {(w.pk, wet.pk) for t in teams for w in t.wijken.all() for wet in t.wetten.all()}
    result = set(Intake.objects.filter(team_id__in=own).values_list("pk", flat=True))
    consents = defaultdict(set)
    for intake_id, wet, wijk_id in Toestemming.objects.filter(
            status=ToestemmingStatus.GEGEVEN, expires_at__gt=timezone.now()).values_list(
            "intake_id", "wet", "intake__wijk_id"):
        consents[(wijk_id, wet)].add(intake_id)
    for key in serves:
        result |= consents.get(key, set())
    return result


def test_selector_is_correct_at_100k_intakes(on_postgres) -> None:  # type: ignore[no-untyped-def]
    call_command("seed_demo", "--quiet-logins", "--intakes", "0")
    seed_intakes_bulk(n=N, seed=11, batch=10_000)
    assert Intake.objects.count() == N
    aantallen = {}
    for username in ZICHTBAAR:
        user = User.objects.get(username=username)
        got = set(intakes_visible_to(user=user).values_list("pk", flat=True))
        assert got == _expected(user), username
        aantallen[username] = len(got)
    assert aantallen == ZICHTBAAR
    assert not intakes_visible_to(user=User.objects.get(username="demo-manager")).exists()
