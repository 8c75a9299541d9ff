"""Lists filter in the database: a flat number of queries, whatever the number of rows."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casussen.selectors import Filters, werkvoorraad_page
from intake.grants import intake_grants_sync
from intake.models import Intake, IntakeGroupObjectPermission
from tests.factories import IntakeFactory
from toegang.accounts.models import User
from toegang.demo.intakes import seed_intakes_bulk

pytestmark = pytest.mark.django_db


@pytest.fixture
def dijkstad(db):  # type: ignore[no-untyped-def]
    call_command("seed_demo", "--quiet-logins", "--intakes", "0")


def _grant_rows() -> set[tuple]:
    return set(IntakeGroupObjectPermission.objects.values_list(
        "group_id", "permission__codename", "content_object_id", "grond", "geldig_tot",
        "in_werkvoorraad", "volgorde"))


def test_bulk_seed_writes_what_the_services_would(dijkstad) -> None:  # type: ignore[no-untyped-def]
    seed_intakes_bulk(n=300, seed=7, batch=120)
    before = _grant_rows()
    assert len(before) == 1278  # the seed is fixed: so are its permission rows
    for intake in Intake.objects.select_related("team", "wijk"):
        intake_grants_sync(intake=intake)
    assert _grant_rows() == before


def _eerste_pagina(user: User) -> tuple[int, int, int]:
    """The first page of the queue with its total, as the queue page asks for it: (queries,
    rows on the page, total)."""
    with CaptureQueriesContext(connection) as ctx:
        page = werkvoorraad_page(user=user, filters=Filters(), pagina=1)
        rows, total = len(list(page.object_list)), page.paginator.count
    return len(ctx.captured_queries), rows, total


def test_queue_query_count_is_flat_from_1_to_1000_intakes(dijkstad) -> None:  # type: ignore[no-untyped-def]
    pro = User.objects.get(username="demo-professional")
    IntakeFactory(postcode="7511AA")  # Centrum: the demo professional's wijkteam
    _eerste_pagina(pro)  # warm the per-process permission-id cache
    assert _eerste_pagina(pro) == (2, 1, 1)
    seed_intakes_bulk(n=999, seed=2, years=0.05)  # recent, so still open in the queue
    # 88 of the 1000 are in the wijkteam's queue (the seed is fixed): 25 on the page, in the
    # same two queries.
    assert _eerste_pagina(pro) == (2, 25, 88)


def test_werkvoorraad_page_query_count_is_flat(client, dijkstad) -> None:  # type: ignore[no-untyped-def]
    pro = User.objects.get(username="demo-professional")
    client.force_login(pro)
    IntakeFactory(postcode="7511AA")  # Centrum: the demo professional's wijkteam
    client.get("/werk/")  # the first visit of the session copies the saved filters into it
    with CaptureQueriesContext(connection) as small:
        response = client.get("/werk/")
    assert len(response.context["page"].object_list) == 1
    seed_intakes_bulk(n=400, seed=2, years=0.05)  # recent, so still open in the queue
    with CaptureQueriesContext(connection) as large:
        response = client.get("/werk/")
    assert len(response.context["page"].object_list) == 25
    assert len(large.captured_queries) == len(small.captured_queries)


def test_resident_list_and_log_query_counts_are_flat(client, dijkstad) -> None:  # type: ignore[no-untyped-def]
    inwoner = User.objects.get(username="demo.inwoner@example.nl")
    client.force_login(inwoner)
    IntakeFactory(inwoner=inwoner, postcode="7511AA")
    with CaptureQueriesContext(connection) as small:
        client.get("/mijn/")
        client.get("/mijn/wie-keek-mee/")
    for _ in range(5):
        IntakeFactory(inwoner=inwoner, postcode="7511AA")
    with CaptureQueriesContext(connection) as large:
        client.get("/mijn/")
        client.get("/mijn/wie-keek-mee/")
    assert len(large.captured_queries) == len(small.captured_queries)
