"""The access log as a table partitioned by month, on PostgreSQL (docs/decisions.md, 31).

`audit_toegangslog` is `PARTITION BY RANGE (tijdstip)`: one partition per calendar month in
the project's time zone, named `audit_toegangslog_p2027_01`, and a DEFAULT partition
(`audit_toegangslog_default`) that catches a row outside every month made so far. The
primary key is `(id, tijdstip)`, because a unique key on a partitioned table must hold the
partition key; `id` alone still comes from one identity sequence, so it stays unique.

These functions take a database cursor and run the DDL; the migration
`audit/0005_toegangslog_partities` and the services in `services.py` call them. Nothing here
runs on SQLite: the callers check the vendor.
"""

import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.backends.utils import CursorWrapper

TABEL = "audit_toegangslog"
SLEUTEL = "tijdstip"
# Serialises the making of partitions (the daily task, a migration, a second beat).
SLOT = 7018


@dataclass(frozen=True)
class Partitie:
    """One monthly partition: its table and the range [van, tot) it holds."""

    naam: str
    van: datetime
    tot: datetime


def _tz() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def maand_begin(moment: datetime) -> datetime:
    """The first instant of the calendar month of `moment`, in the project's time zone."""
    lokaal = moment.astimezone(_tz())
    return datetime(lokaal.year, lokaal.month, 1, tzinfo=_tz())


def maand_verder(begin: datetime, maanden: int = 1) -> datetime:
    """The first instant of the month `maanden` after the month that starts at `begin`."""
    index = begin.year * 12 + begin.month - 1 + maanden
    return datetime(index // 12, index % 12 + 1, 1, tzinfo=_tz())


def partitie_naam(begin: datetime, *, tabel: str = TABEL) -> str:
    return f"{tabel}_p{begin:%Y_%m}"


def default_naam(tabel: str = TABEL) -> str:
    return f"{tabel}_default"


def _literal(moment: datetime) -> str:
    # Our own datetimes, never input: an ISO timestamp with its offset, quoted.
    return f"'{moment.isoformat()}'"


def is_gepartitioneerd(cursor: CursorWrapper, *, tabel: str = TABEL) -> bool:
    cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_partitioned_table "
                   "WHERE partrelid = to_regclass(%s))", [tabel])
    return bool(cursor.fetchone()[0])


def partities(cursor: CursorWrapper, *, tabel: str = TABEL) -> list[Partitie]:
    """The monthly partitions of `tabel`, oldest first (the DEFAULT partition not included)."""
    cursor.execute(
        r"""SELECT c.relname, b[1]::timestamptz, b[2]::timestamptz
            FROM pg_inherits i
            JOIN pg_class c ON c.oid = i.inhrelid,
            LATERAL regexp_match(pg_get_expr(c.relpartbound, c.oid),
                                 'FROM \(''([^'']+)''\) TO \(''([^'']+)''\)') AS b
            WHERE i.inhparent = to_regclass(%s) AND b IS NOT NULL
            ORDER BY 2""", [tabel])
    return [Partitie(naam, van, tot) for naam, van, tot in cursor.fetchall()]


def _maanden_in(cursor: CursorWrapper, bron: str) -> list[datetime]:
    cursor.execute(f"SELECT DISTINCT date_trunc('month', {SLEUTEL}, %s) FROM {bron}",
                   [settings.TIME_ZONE])
    return [maand_begin(begin) for (begin,) in cursor.fetchall()]


def maanden_aanmaken(cursor: CursorWrapper, *, maanden: Iterable[datetime],
                     tabel: str = TABEL) -> list[str]:
    """Make the partition of every month in `maanden` (month starts) that is missing, and of
    every month that has rows waiting in the DEFAULT partition; returns the names made.

    A new month is made as a plain table and then attached: ATTACH takes a lighter lock on
    the parent than `CREATE TABLE … PARTITION OF`, so searches and writes go on meanwhile.
    PostgreSQL refuses a partition for a range that already has rows in the DEFAULT
    partition, so those rows move into the new month first, in the same transaction. The
    DELETE half of that move passes the append-only trigger in the retention job's mode
    (`toegang.bewaartermijn`), which is switched off again right after: the rows are moved,
    never lost.
    """
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SLOT])
    default = default_naam(tabel)
    gewenst = {maand_begin(m) for m in maanden} | set(_maanden_in(cursor, default))
    gemaakt = []
    for begin in sorted(gewenst):
        naam, tot = partitie_naam(begin, tabel=tabel), maand_verder(begin)
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [naam])
        if cursor.fetchone()[0]:
            continue
        bereik = f"{SLEUTEL} >= {_literal(begin)} AND {SLEUTEL} < {_literal(tot)}"
        cursor.execute(f"CREATE TABLE {naam} (LIKE {tabel} INCLUDING DEFAULTS "
                       f"INCLUDING STORAGE)")
        # Lets ATTACH skip scanning the new table for rows outside the range.
        cursor.execute(f"ALTER TABLE {naam} ADD CONSTRAINT {naam}_bereik "
                       f"CHECK ({SLEUTEL} IS NOT NULL AND {bereik})")
        cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {default} WHERE {bereik})")
        if cursor.fetchone()[0]:
            cursor.execute(f"LOCK TABLE {default} IN ACCESS EXCLUSIVE MODE")
            cursor.execute(f"INSERT INTO {naam} SELECT * FROM {default} WHERE {bereik}")
            cursor.execute("SELECT set_config('toegang.bewaartermijn', 'aan', true)")
            cursor.execute(f"DELETE FROM {default} WHERE {bereik}")
            cursor.execute("SELECT set_config('toegang.bewaartermijn', '', true)")
        cursor.execute(f"ALTER TABLE {tabel} ATTACH PARTITION {naam} "
                       f"FOR VALUES FROM ({_literal(begin)}) TO ({_literal(tot)})")
        cursor.execute(f"ALTER TABLE {naam} DROP CONSTRAINT {naam}_bereik")
        gemaakt.append(naam)
    return gemaakt


def maanden_verwijderen(cursor: CursorWrapper, *, voor: datetime,
                        tabel: str = TABEL) -> list[str]:
    """Drop every monthly partition that ends on or before `voor`; returns their names.

    Dropping a partition needs a short exclusive lock on the parent; a lock timeout keeps
    the night job from queueing every search and write behind one long query (it fails and
    the next night tries again).
    """
    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SLOT])
    cursor.execute("SET LOCAL lock_timeout = '10s'")
    weg = [p.naam for p in partities(cursor, tabel=tabel) if p.tot <= voor]
    for naam in weg:
        cursor.execute(f"DROP TABLE {naam}")
    return weg


def _definities(cursor: CursorWrapper, tabel: str) -> tuple[list[str], list[str]]:
    """The CREATE statements of the table's own indexes (not the primary key) and of its
    own triggers, to be run again on the table that takes its place under the same name."""
    cursor.execute("""SELECT indexdef FROM pg_indexes
                      WHERE schemaname = current_schema() AND tablename = %s
                        AND indexname NOT IN (SELECT conname FROM pg_constraint
                                              WHERE conrelid = to_regclass(%s))
                      ORDER BY indexname""", [tabel, tabel])
    indexen = [definitie for (definitie,) in cursor.fetchall()]
    cursor.execute("""SELECT pg_get_triggerdef(oid) FROM pg_trigger
                      WHERE tgrelid = to_regclass(%s) AND NOT tgisinternal
                        AND tgparentid = 0
                      ORDER BY tgname""", [tabel])
    triggers = [definitie for (definitie,) in cursor.fetchall()]
    return indexen, triggers


def _naar_opvolger(cursor: CursorWrapper, tabel: str, oud: str) -> tuple[list[str], list[str]]:
    """Move `tabel` aside as `oud`, freeing its names (indexes, primary key, sequence) for the
    table that takes its place; returns what to create again on that table."""
    indexen, triggers = _definities(cursor, tabel)
    cursor.execute(f"LOCK TABLE {tabel} IN ACCESS EXCLUSIVE MODE")
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [tabel])
    reeks = cursor.fetchone()[0]
    cursor.execute(f"ALTER TABLE {tabel} RENAME TO {oud}")
    cursor.execute(f"ALTER TABLE {oud} RENAME CONSTRAINT {tabel}_pkey TO {oud}_pkey")
    if reeks:
        cursor.execute(f"ALTER SEQUENCE {reeks} RENAME TO {oud}_id_seq")
    cursor.execute("""SELECT indexname FROM pg_indexes
                      WHERE schemaname = current_schema() AND tablename = %s
                        AND indexname <> %s""", [oud, f"{oud}_pkey"])
    for (index,) in cursor.fetchall():
        cursor.execute(f"DROP INDEX {index}")
    return indexen, triggers


def _afmaken(cursor: CursorWrapper, *, tabel: str, oud: str, indexen: list[str],
             triggers: list[str]) -> None:
    """Carry the rows, the sequence's position, the indexes and the triggers over from
    `oud` to `tabel`, and drop `oud`."""
    cursor.execute(f"SELECT last_value, is_called FROM {oud}_id_seq")
    laatste, gebruikt = cursor.fetchone()
    cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s, %s)",
                   [tabel, laatste, gebruikt])
    cursor.execute(f"INSERT INTO {tabel} SELECT * FROM {oud}")
    cursor.execute(f"DROP TABLE {oud}")
    # Created on the parent after the copy (faster than keeping them up to date row by
    # row); on a partitioned table each index is made on every partition, and on every
    # partition attached later.
    for definitie in indexen + triggers:
        cursor.execute(definitie)
    cursor.execute(f"ANALYZE {tabel}")


def tabel_partitioneren(cursor: CursorWrapper, *, now: datetime, maanden_vooruit: int,
                        tabel: str = TABEL) -> None:
    """Turn the plain table into one partitioned by month, with its rows, its ids and their
    sequence, its indexes (same names) and its triggers; a partition for every month that
    has rows, for this month and the `maanden_vooruit` after it, and a DEFAULT partition.
    Does nothing when the table is already partitioned.

    The table is locked for the duration: the copy of a large log takes minutes, so run
    the migration when few people work (docs/bewaartermijnen.md)."""
    if is_gepartitioneerd(cursor, tabel=tabel):
        return
    oud = f"{tabel}_oud"
    maanden = _maanden_in(cursor, tabel)
    indexen, triggers = _naar_opvolger(cursor, tabel, oud)
    cursor.execute(f"CREATE TABLE {tabel} (LIKE {oud} INCLUDING DEFAULTS INCLUDING IDENTITY "
                   f"INCLUDING STORAGE INCLUDING COMMENTS) PARTITION BY RANGE ({SLEUTEL})")
    cursor.execute(f"ALTER TABLE {tabel} ADD CONSTRAINT {tabel}_pkey "
                   f"PRIMARY KEY (id, {SLEUTEL})")
    cursor.execute(f"CREATE TABLE {default_naam(tabel)} PARTITION OF {tabel} DEFAULT")
    begin = maand_begin(now)
    maanden_aanmaken(cursor, tabel=tabel, maanden=[
        *maanden, *(maand_verder(begin, n) for n in range(maanden_vooruit + 1))])
    _afmaken(cursor, tabel=tabel, oud=oud, indexen=indexen, triggers=triggers)


def tabel_ontpartitioneren(cursor: CursorWrapper, *, tabel: str = TABEL) -> None:
    """The way back: one plain table with the rows, the ids, the indexes and the triggers,
    and the primary key on `id` alone. Does nothing when the table is not partitioned."""
    if not is_gepartitioneerd(cursor, tabel=tabel):
        return
    oud = f"{tabel}_oud"
    indexen, triggers = _naar_opvolger(cursor, tabel, oud)
    cursor.execute(f"CREATE TABLE {tabel} (LIKE {oud} INCLUDING DEFAULTS INCLUDING IDENTITY "
                   f"INCLUDING STORAGE INCLUDING COMMENTS)")
    cursor.execute(f"ALTER TABLE {tabel} ADD CONSTRAINT {tabel}_pkey PRIMARY KEY (id)")
    _afmaken(cursor, tabel=tabel, oud=oud, indexen=indexen, triggers=triggers)
