"""The access log partitioned by month (PostgreSQL): its shape, where rows land, making the
coming months, retention by whole months, and the migration's conversion of a full table."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import DatabaseError, connection, transaction

from tests.factories import PrivacyFactory
from toegang.audit import partities
from toegang.audit.models import Toegangslog
from toegang.audit.services import (
    Gegeven,
    toegangslog_partities_aanmaken,
    toegangslog_write,
    toegangslog_write_many,
)
from toegang.bewaren.services import toegangslog_delete

TZ = ZoneInfo("Europe/Amsterdam")
# The shortest term the log can have (every wet at its minimum): five years.
VIJF_JAAR = {"JEUGDWET": 1, "WMO": 1, "PARTICIPATIEWET": 1}


def _moment(*args: int) -> datetime:
    return datetime(*args, tzinfo=TZ)


def _schrijf(moment: datetime, *, inwoner_id: int = 1) -> Toegangslog:
    with time_machine.travel(moment, tick=False):
        return toegangslog_write(user=None, actie="bekijken", grond="routering",
                                 object_type="intake", object_id=1, intake_id=1,
                                 inwoner_id=inwoner_id)


def _partitie_van(row: Toegangslog) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT tableoid::regclass::text FROM audit_toegangslog "
                       "WHERE id = %s", [row.pk])
        return cursor.fetchone()[0]


def _bestaat(naam: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [naam])
        return bool(cursor.fetchone()[0])


def _kinderen() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT inhrelid::regclass::text FROM pg_inherits "
                       "WHERE inhparent = 'audit_toegangslog'::regclass")
        return {naam for (naam,) in cursor.fetchall()}


def test_the_access_log_is_partitioned_by_month_on_its_timestamp(db, on_postgres) -> None:  # type: ignore[no-untyped-def]
    toegangslog_partities_aanmaken(now=_moment(2031, 11, 20), maanden_vooruit=3)
    with connection.cursor() as cursor:
        cursor.execute("""SELECT p.partstrat, a.attname FROM pg_partitioned_table p
                          JOIN pg_attribute a ON a.attrelid = p.partrelid
                                             AND a.attnum = p.partattrs[0]
                          WHERE p.partrelid = 'audit_toegangslog'::regclass""")
        assert cursor.fetchall() == [("r", "tijdstip")]
        cursor.execute("""SELECT pg_get_constraintdef(oid) FROM pg_constraint
                          WHERE conrelid = 'audit_toegangslog'::regclass AND contype = 'p'""")
        assert cursor.fetchone()[0] == "PRIMARY KEY (id, tijdstip)"
        # The search's index is on the parent, so on every month, also one made later.
        cursor.execute("""SELECT indexdef FROM pg_indexes
                          WHERE tablename = 'audit_toegangslog_p2032_02'""")
        definities = " ".join(d for (d,) in cursor.fetchall())
    assert {"audit_toegangslog_default", "audit_toegangslog_p2031_11",
            "audit_toegangslog_p2031_12", "audit_toegangslog_p2032_01",
            "audit_toegangslog_p2032_02"} <= _kinderen()
    assert "(inwoner_id, tijdstip DESC)" in definities
    assert "(intake_id, tijdstip DESC)" in definities
    assert [(p.van, p.tot) for p in partities.partities(connection.cursor())
            if p.naam == "audit_toegangslog_p2032_01"] == [
        (_moment(2032, 1, 1), _moment(2032, 2, 1))]


def test_rows_land_in_the_partition_of_their_month(db, on_postgres) -> None:  # type: ignore[no-untyped-def]
    toegangslog_partities_aanmaken(now=_moment(2031, 1, 1), maanden_vooruit=2)
    # Month boundaries are Dutch time: 00:30 on 1 February is still 31 January in UTC.
    assert _partitie_van(_schrijf(_moment(2031, 1, 31, 23, 59))) == "audit_toegangslog_p2031_01"
    assert _partitie_van(_schrijf(_moment(2031, 2, 1, 0, 30))) == "audit_toegangslog_p2031_02"
    assert _partitie_van(_schrijf(_moment(2031, 3, 31, 12))) == "audit_toegangslog_p2031_03"
    # A month no partition exists for yet: the DEFAULT partition holds it.
    assert _partitie_van(_schrijf(_moment(2031, 7, 4))) == "audit_toegangslog_default"


def test_making_the_coming_months_is_idempotent(db, on_postgres) -> None:  # type: ignore[no-untyped-def]
    now = _moment(2033, 5, 14)
    assert toegangslog_partities_aanmaken(now=now, maanden_vooruit=3) == [
        "audit_toegangslog_p2033_05", "audit_toegangslog_p2033_06",
        "audit_toegangslog_p2033_07", "audit_toegangslog_p2033_08"]
    voor = _kinderen()
    assert toegangslog_partities_aanmaken(now=now, maanden_vooruit=3) == []
    assert toegangslog_partities_aanmaken(now=now, maanden_vooruit=1) == []
    assert _kinderen() == voor


def test_a_month_whose_rows_wait_in_default_gets_them_moved_in(db, on_postgres) -> None:  # type: ignore[no-untyped-def]
    vroeg = _schrijf(_moment(2034, 3, 10), inwoner_id=7)
    laat = _schrijf(_moment(2034, 9, 1), inwoner_id=7)
    assert {_partitie_van(vroeg), _partitie_van(laat)} == {"audit_toegangslog_default"}

    gemaakt = toegangslog_partities_aanmaken(now=_moment(2034, 3, 1), maanden_vooruit=1)

    # The months asked for, and the month that had a row waiting in DEFAULT.
    assert gemaakt == ["audit_toegangslog_p2034_03", "audit_toegangslog_p2034_04",
                       "audit_toegangslog_p2034_09"]
    assert _partitie_van(vroeg) == "audit_toegangslog_p2034_03"
    assert _partitie_van(laat) == "audit_toegangslog_p2034_09"
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM audit_toegangslog_default")
        assert cursor.fetchone()[0] == 0
    assert list(Toegangslog.objects.filter(inwoner_id=7).values_list("pk", flat=True)) == [
        laat.pk, vroeg.pk]
    # The moved rows are as append-only as ever: the mode used for the move is off again.
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Toegangslog.objects.filter(pk=vroeg.pk).delete()


def test_retention_drops_whole_months_and_deletes_the_straddling_rows(db) -> None:  # type: ignore[no-untyped-def]
    toegangslog_partities_aanmaken(now=_moment(2026, 4, 1), maanden_vooruit=3)
    april = _schrijf(_moment(2026, 4, 20))
    juni_oud = _schrijf(_moment(2026, 6, 10))
    juni_nieuw = _schrijf(_moment(2026, 6, 20))
    juli = _schrijf(_moment(2026, 7, 2))

    # Five years on, to 15 June 2031: the cut-off is 15 June 2026.
    rijen = toegangslog_delete(now=_moment(2031, 6, 15), jaren=VIJF_JAAR)

    assert set(Toegangslog.objects.filter(pk__in=[april.pk, juni_oud.pk, juni_nieuw.pk,
                                                  juli.pk]).values_list("pk", flat=True)) \
        == {juni_nieuw.pk, juli.pk}
    if connection.vendor == "postgresql":
        # April went as a whole partition; in June only the old row was deleted.
        assert rijen == 1
        assert not _bestaat("audit_toegangslog_p2026_04")
        assert not _bestaat("audit_toegangslog_p2026_05")
        assert _bestaat("audit_toegangslog_p2026_06") and _bestaat("audit_toegangslog_p2026_07")
    else:
        assert rijen == 2


def test_retention_keeps_the_log_as_long_as_the_longest_record_term(db) -> None:  # type: ignore[no-untyped-def]
    row = _schrijf(_moment(2026, 4, 20))
    jaren = {"JEUGDWET": 20, "WMO": 7, "PARTICIPATIEWET": 7}
    toegangslog_delete(now=_moment(2046, 4, 19), jaren=jaren)
    assert Toegangslog.objects.filter(pk=row.pk).exists()
    toegangslog_delete(now=_moment(2046, 4, 21), jaren=jaren)
    assert not Toegangslog.objects.filter(pk=row.pk).exists()


def test_writes_and_the_privacy_search_work_on_the_partitioned_log(client, stad) -> None:  # type: ignore[no-untyped-def]
    een = toegangslog_write(user=stad.pro, actie="bekijken", grond="routering",
                            object_type="intake", object_id=5, intake_id=5,
                            inwoner_id=stad.inwoner.pk)
    veel = toegangslog_write_many(user=stad.pro, actie="exporteren", grond="routering",
                                  object_type="brief",
                                  gegevens=[Gegeven(object_id=n, intake_id=5,
                                                    inwoner_id=stad.inwoner.pk)
                                            for n in range(3)])
    toegangslog_write(user=stad.pro, actie="bekijken", grond="routering",
                      object_type="intake", inwoner_id=stad.andere_inwoner.pk)
    # Ids come back from the INSERT (RETURNING id), also for the bulk insert.
    ids = [een.pk, *(row.pk for row in veel)]
    assert all(ids) and len(set(ids)) == 4
    client.force_login(PrivacyFactory())
    response = client.get("/privacy/toegangslog/", {"inwoner_id": stad.inwoner.pk})
    assert response.status_code == 200
    assert sorted(row.pk for row in response.context["page"]) == sorted(ids)


def test_the_migration_converts_a_table_that_holds_rows(db, on_postgres) -> None:  # type: ignore[no-untyped-def]
    # Back to the plain table of migration 0004 (inside this test's transaction), with rows.
    with connection.cursor() as cursor:
        partities.tabel_ontpartitioneren(cursor)
        assert not partities.is_gepartitioneerd(cursor)
    rows = [_schrijf(moment, inwoner_id=9) for moment in (
        _moment(2024, 11, 3), _moment(2025, 2, 14), _moment(2025, 2, 28, 23, 30))]

    with connection.cursor() as cursor:
        partities.tabel_partitioneren(cursor, now=_moment(2025, 3, 5), maanden_vooruit=2)
        assert partities.is_gepartitioneerd(cursor)
        cursor.execute("SELECT count(*) FROM audit_toegangslog_default")
        assert cursor.fetchone()[0] == 0
        cursor.execute("""SELECT indexname FROM pg_indexes
                          WHERE tablename = 'audit_toegangslog' ORDER BY indexname""")
        indexen = [naam for (naam,) in cursor.fetchall()]

    # Every row kept its id and sits in its month; months with rows, this month and two on.
    assert [_partitie_van(row) for row in rows] == [
        "audit_toegangslog_p2024_11", "audit_toegangslog_p2025_02", "audit_toegangslog_p2025_02"]
    assert {"audit_toegangslog_p2025_03", "audit_toegangslog_p2025_04",
            "audit_toegangslog_p2025_05"} <= _kinderen()
    assert "audit_toegangslog_p2024_12" not in _kinderen()
    # The same index names as before (Django's migrations find them by name).
    assert {"audit_toegangslog_pkey", "log_intake_idx", "log_inwoner_idx",
            "log_user_idx"} <= set(indexen)
    assert any(naam.startswith("audit_toegangslog_tijdstip_") for naam in indexen)
    # The sequence goes on after the last id, and the trigger still guards the rows.
    nieuw = _schrijf(_moment(2025, 3, 6), inwoner_id=9)
    assert nieuw.pk > max(row.pk for row in rows)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        Toegangslog.objects.filter(pk=rows[0].pk).update(actie="wijzigen")


def test_the_daily_task_is_scheduled_and_makes_the_coming_months(db, settings) -> None:  # type: ignore[no-untyped-def]
    from toegang.audit.tasks import toegangslog_partities_aanmaken as taak

    assert settings.CELERY_BEAT_SCHEDULE["toegangslog-partities"]["task"] == taak.name
    with time_machine.travel(_moment(2035, 1, 10), tick=False):
        gemaakt = taak.delay().get()
        assert taak.delay().get() == 0
    if connection.vendor == "postgresql":
        assert gemaakt == 4
        assert {"audit_toegangslog_p2035_01", "audit_toegangslog_p2035_04"} <= _kinderen()
    else:
        assert gemaakt == 0
