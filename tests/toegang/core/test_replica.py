"""The optional read replica: reads of the dashboard rebuild and of the dashboard exports go
there when one is configured, every write goes to the primary, and without one nothing
changes. In the tests the replica is a second connection to the test database (Django's
test mirror); the tests that read through it commit their data (transaction=True), as a
replica only ever sees committed rows, and run on PostgreSQL only (a replica is a PostgreSQL
standby; two connections to SQLite's shared in-memory test database lock each other out)."""

import pytest
from django.db import DEFAULT_DB_ALIAS, connections, router
from django.test.utils import CaptureQueriesContext

from regie.stuur.models import StuurInstroom, StuurVerversing
from regie.stuur.refresh import stuurinformatie_refresh
from tests.factories import IntakeFactory, WijkFactory
from toegang.core.db_router import van_replica
from toegang.organisatie.models import Wijk

REPLICA = pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, "replica"])
SCHRIJVEN = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def met_replica(settings):  # type: ignore[no-untyped-def]
    settings.DATABASE_REPLICA_ALIAS = "replica"


def _sql(ctx: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in ctx.captured_queries]


def _schrijft(sql: list[str]) -> list[str]:
    return [s for s in sql if s.lstrip().upper().startswith(SCHRIJVEN)]


def test_without_a_replica_everything_goes_to_the_primary(db) -> None:  # type: ignore[no-untyped-def]
    with van_replica():
        assert router.db_for_read(Wijk) == DEFAULT_DB_ALIAS
        assert router.db_for_write(Wijk) == DEFAULT_DB_ALIAS
        with CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as ctx:
            assert not Wijk.objects.filter(naam="Nergens").exists()
    assert len(ctx.captured_queries) == 1


def test_only_reads_inside_van_replica_go_to_the_replica(met_replica) -> None:  # type: ignore[no-untyped-def]
    assert router.db_for_read(Wijk) == DEFAULT_DB_ALIAS
    with van_replica():
        assert router.db_for_read(Wijk) == "replica"
        assert router.db_for_write(Wijk) == DEFAULT_DB_ALIAS
    assert router.allow_migrate("replica", "organisatie") is False


@REPLICA
def test_inside_van_replica_writes_still_go_to_the_primary(met_replica, on_postgres) -> None:  # type: ignore[no-untyped-def]
    WijkFactory(naam="Oost", postcodes=["7531"])
    with CaptureQueriesContext(connections["replica"]) as replica, \
            CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primair, van_replica():
        wijk = Wijk.objects.get(naam="Oost")            # read: the replica
        assert wijk._state.db == "replica"
        wijk.naam = "Oost-Zuid"
        wijk.save()                                     # a row read there, saved here
        Wijk.objects.filter(pk=wijk.pk).update(naam="Oost")
        WijkFactory(naam="West", postcodes=["7541"])    # create
        Wijk.objects.filter(naam="West").delete()
    assert _sql(replica) and not _schrijft(_sql(replica))
    assert len(_schrijft(_sql(primair))) >= 4
    assert Wijk.objects.using(DEFAULT_DB_ALIAS).get(pk=wijk.pk).naam == "Oost"


@REPLICA
def test_the_dashboard_rebuild_reads_from_the_replica_and_writes_to_the_primary(  # type: ignore[no-untyped-def]
        stad, met_replica, on_postgres) -> None:
    for _n in range(3):
        IntakeFactory(inwoner=stad.inwoner)
    with CaptureQueriesContext(connections["replica"]) as replica, \
            CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primair:
        verversing = stuurinformatie_refresh()
    gelezen, geschreven = _sql(replica), _sql(primair)
    # The operational tables are read on the replica, never on the primary ...
    assert any('FROM "intake_intake"' in s for s in gelezen)
    assert not any('FROM "intake_intake"' in s for s in geschreven)
    assert not _schrijft(gelezen)
    # ... and the summary tables are written on the primary, with figures from the replica.
    assert any(s.startswith('INSERT INTO "regie_stuurinstroom"') for s in geschreven)
    assert sum(StuurInstroom.objects.values_list("aantal", flat=True)) == 3
    assert StuurVerversing.objects.using(DEFAULT_DB_ALIAS).filter(pk=verversing.pk).exists()


@REPLICA
def test_a_dashboard_export_reads_its_figures_from_the_replica(  # type: ignore[no-untyped-def]
        client, stad, met_replica, on_postgres) -> None:
    IntakeFactory(inwoner=stad.inwoner)
    stuurinformatie_refresh()
    client.force_login(stad.manager)
    with CaptureQueriesContext(connections["replica"]) as replica, \
            CaptureQueriesContext(connections[DEFAULT_DB_ALIAS]) as primair:
        response = client.get("/dashboard/export/instroom_maand.csv")
    assert response.status_code == 200
    assert any('"regie_stuurinstroom"' in s for s in _sql(replica))
    assert not any('"regie_stuurinstroom"' in s for s in _sql(primair))
    assert not _schrijft(_sql(replica))
