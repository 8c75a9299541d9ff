"""The human-friendly reference of an intake: TG-2026-000123."""

from datetime import datetime

from django.db import connection
from django.utils import timezone

from ..models import (
    Intake,
    Referentieteller,
)


def referentie_next(*, now: datetime | None = None) -> str:
    """The next human-friendly reference of this year: TG-2026-000123.

    On PostgreSQL a sequence per year hands out the number without locking, so concurrent
    submissions do not wait for each other; a rolled-back submission leaves a gap."""
    jaar = timezone.localtime(now or timezone.now()).year
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT intake_referentie_volgende(%s)", [jaar])
            nummer = cursor.fetchone()[0]
    else:
        nummer = _teller_ophogen(jaar)
    return f"TG-{jaar}-{nummer:06d}"


def _teller_ophogen(jaar: int) -> int:
    # One statement takes the number and locks the row until commit (SQLite and tests).
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Referentieteller._meta.db_table} SET laatste = laatste + 1 "
                       "WHERE jaar = %s RETURNING laatste", [jaar])
        row = cursor.fetchone()
    if row is None:
        Referentieteller.objects.get_or_create(jaar=jaar)
        return _teller_ophogen(jaar)
    return int(row[0])


_REEKSEN = r"intake\_referentie\_%"


def referenties_in_gebruik() -> dict[int, int]:
    """The last reference number taken per year, wherever it is kept (for seeders)."""
    stand = dict(Referentieteller.objects.values_list("jaar", "laatste"))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT sequencename, last_value FROM pg_sequences "
                           "WHERE sequencename LIKE %s AND last_value IS NOT NULL", [_REEKSEN])
            for naam, laatste in cursor.fetchall():
                jaar = int(naam.rsplit("_", 1)[1])
                stand[jaar] = max(stand.get(jaar, 0), int(laatste))
    return stand


def referenties_reserve(*, jaar: int, tot: int) -> None:
    """Numbers up to `tot` of `jaar` are taken (bulk seeders write references themselves)."""
    Referentieteller.objects.update_or_create(jaar=jaar, defaults={"laatste": tot})
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # setval is strict: when the year has no sequence yet, this does nothing and the
            # sequence will start from the counter row on first use.
            cursor.execute("SELECT setval(to_regclass(%s), %s)",
                           [f"intake_referentie_{jaar}", tot])


def referenties_reset() -> None:
    """Start the numbering again when there are no intakes (after a flush in tests)."""
    if (connection.vendor != "postgresql"
            or Intake._meta.db_table not in connection.introspection.table_names()
            or Intake.objects.exists()):
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT sequencename FROM pg_sequences WHERE sequencename LIKE %s",
                       [_REEKSEN])
        for (naam,) in cursor.fetchall():
            cursor.execute(f'DROP SEQUENCE IF EXISTS "{naam}"')

