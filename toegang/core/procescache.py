"""Rarely changed configuration rows, kept in memory per process for a short time.

A submission used to read the current consent purpose, the deadline policy and the permission
ids several times, each a round trip. These rows change a few times a year, by a beheerder.
A save or delete in this process clears the cache at once; other processes (gunicorn workers,
Celery) see the change within `ttl` seconds. Routing is deliberately not cached: a changed rule
must hold for the very next intake.
"""

import threading
import time
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from django.db.models import Model
from django.db.models.signals import post_delete, post_migrate, post_save

T = TypeVar("T")

_ALLE: list["ProcesCache[Any]"] = []


class ProcesCache(Generic[T]):
    """A small keyed cache with a time limit, cleared when one of `models` is written."""

    def __init__(self, naam: str, *, ttl: float = 60.0, models: tuple[type[Model], ...] = ()):
        self.naam = naam
        self.ttl = ttl
        self._waarden: dict[Hashable, tuple[float, T]] = {}
        self._lock = threading.Lock()
        for model in models:
            post_save.connect(self._bij_wijziging, sender=model, weak=False)
            post_delete.connect(self._bij_wijziging, sender=model, weak=False)
        _ALLE.append(self)

    def get(self, key: Hashable, maak: Callable[[], T]) -> T:
        nu = time.monotonic()
        hit = self._waarden.get(key)
        if hit is not None and hit[0] > nu:
            return hit[1]
        waarde = maak()
        with self._lock:
            self._waarden[key] = (nu + self.ttl, waarde)
        return waarde

    def wis(self) -> None:
        with self._lock:
            self._waarden.clear()

    def _bij_wijziging(self, **kwargs: Any) -> None:
        self.wis()


def alles_wissen(**kwargs: Any) -> None:
    """Forget everything (after a flush or migration, and between tests)."""
    for cache in _ALLE:
        cache.wis()


post_migrate.connect(alles_wissen, weak=False, dispatch_uid="procescache_wissen")
