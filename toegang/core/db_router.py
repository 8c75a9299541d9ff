"""An optional read replica for heavy reads that may lag a little (docs/decisions.md, 32).

With `DATABASE_REPLICA_URL` set, the settings add a second database alias and name it in
`DATABASE_REPLICA_ALIAS`. Reads go there only inside `van_replica()`, which the dashboard
rebuild and the dashboard exports put around their work; every other read, and every write
everywhere, goes to the primary ("default"). Without the setting nothing changes.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

_van_replica: ContextVar[bool] = ContextVar("van_replica", default=False)


@contextmanager
def van_replica() -> Iterator[None]:
    """Reads in this block may come from the replica, when one is configured: for work that
    reads much and can live with data a few seconds old. Writes still go to the primary."""
    token = _van_replica.set(True)
    try:
        yield
    finally:
        _van_replica.reset(token)


def replica_alias() -> str | None:
    """The alias reads go to now: the replica inside `van_replica()`, else None."""
    alias = getattr(settings, "DATABASE_REPLICA_ALIAS", "")
    return alias if alias and _van_replica.get() else None


class ReplicaRouter:
    """Sends reads inside `van_replica()` to the replica; writes always to the primary."""

    def db_for_read(self, model: type, **hints: Any) -> str | None:
        return replica_alias()

    def db_for_write(self, model: type, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        # A row read from the replica is the same row as on the primary.
        databases = {DEFAULT_DB_ALIAS, getattr(settings, "DATABASE_REPLICA_ALIAS", "")}
        if obj1._state.db in databases and obj2._state.db in databases:
            return True
        return None

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        # Only the primary is migrated: a replica follows its schema through replication
        # (also the test mirror, whose reads are off while DATABASE_REPLICA_ALIAS is empty,
        # so `makemigrations --check` never asks it).
        return db == DEFAULT_DB_ALIAS
