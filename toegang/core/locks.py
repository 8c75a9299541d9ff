"""One run at a time of a periodic scan, however many beats or workers fire it (decision 30)."""

import contextlib
import hashlib
import logging
from collections.abc import Iterator

from django.db import DatabaseError, connection

logger = logging.getLogger(__name__)


def _lock_key(naam: str) -> int:
    """A stable signed 64-bit number for the name, as pg_try_advisory_lock takes it."""
    digest = hashlib.blake2b(naam.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextlib.contextmanager
def scan_lock(naam: str) -> Iterator[bool]:
    """Yield True when this run may do the scan called `naam`, False while another run does.

    On PostgreSQL a session-level advisory lock, held across the scan's own transactions and
    released at the end, or by PostgreSQL when the connection ends: a killed worker never
    leaves it behind. Other databases (SQLite for `make run`: one machine, one beat) always
    yield True; there the row claims alone keep each reminder single.
    """
    if connection.vendor != "postgresql":
        yield True
        return
    key = _lock_key(naam)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        row = cursor.fetchone()
    if not (row and row[0]):
        logger.info("Scan %s skipped: another run holds its lock.", naam)
        yield False
        return
    try:
        yield True
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])
        except DatabaseError:
            # The session is unusable (for instance an aborted transaction): ending it is the
            # only other way to release the lock.
            connection.close()
