"""Several counts in one query (`toegang.core.tellen`)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intake.models import Intake
from tests.factories import IntakeFactory
from toegang.accounts.models import User
from toegang.core.tellen import tellingen

pytestmark = pytest.mark.django_db


def test_each_count_matches_its_own_count_in_one_query(stad) -> None:  # type: ignore[no-untyped-def]
    IntakeFactory.create_batch(3)
    IntakeFactory(urgent=True)
    querysets = {
        "alle": Intake.objects.all(),
        "urgent": Intake.objects.filter(urgentie="urgent"),
        # DISTINCT over a join that repeats rows is counted as its own .count() does.
        "teams": User.objects.filter(lidmaatschappen__isnull=False).distinct(),
        "geen": Intake.objects.filter(referentie="bestaat-niet"),
    }
    verwacht = {naam: qs.count() for naam, qs in querysets.items()}
    with CaptureQueriesContext(connection) as queries:
        gekregen = tellingen(querysets)
    assert gekregen == verwacht
    assert gekregen["alle"] == 4 and gekregen["geen"] == 0
    assert len(queries.captured_queries) == 1


def test_an_empty_queryset_costs_no_query(db) -> None:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as queries:
        assert tellingen({"niets": Intake.objects.none()}) == {"niets": 0}
    assert queries.captured_queries == []
