"""How often each Celery task succeeded, failed or was retried, counted in the worker and
read by the web process when Prometheus scrapes it.

The worker is another process (often another pod) than the web server that answers the
scrape, so a counter in the worker's memory cannot be read there. Each outcome is one atomic
increment of a cache key instead: Redis (`CACHE_URL`) in production, shared by every worker
and web process. A restart of Redis starts the counts from zero again, which Prometheus reads
as a counter reset (`rate()` and `increase()` handle it).
"""

import logging
from collections.abc import Iterable
from typing import Any

from celery.signals import task_failure, task_retry, task_success
from django.core.cache import cache

logger = logging.getLogger(__name__)

SUCCEEDED = "succeeded"
FAILED = "failed"
RETRIED = "retried"
UITKOMSTEN = (SUCCEEDED, FAILED, RETRIED)

PREFIX = "metriek:taak"


def _sleutel(taak: str, uitkomst: str) -> str:
    return f"{PREFIX}:{uitkomst}:{taak}"


def taak_tellen(*, taak: str, uitkomst: str) -> None:
    """Count one outcome of a task. A cache that does not answer costs the count, never the
    task: the failure is logged and the task goes on."""
    sleutel = _sleutel(taak, uitkomst)
    try:
        cache.add(sleutel, 0, timeout=None)
        cache.incr(sleutel)
    except Exception:
        logger.warning("taakteller niet bijgewerkt taak=%s uitkomst=%s", taak, uitkomst,
                       exc_info=True)


def taak_tellingen(*, taken: Iterable[str]) -> dict[tuple[str, str], int]:
    """The counts per (task, outcome) for these task names, in one round trip to the cache;
    0 for what never happened."""
    paren = [(taak, uitkomst) for taak in taken for uitkomst in UITKOMSTEN]
    gevonden = cache.get_many([_sleutel(t, u) for t, u in paren])
    return {(t, u): int(gevonden.get(_sleutel(t, u), 0)) for t, u in paren}


def _naam(sender: Any) -> str:
    return str(getattr(sender, "name", None) or sender or "onbekend")


def _bij_succes(sender: Any = None, **kwargs: Any) -> None:
    taak_tellen(taak=_naam(sender), uitkomst=SUCCEEDED)


def _bij_fout(sender: Any = None, **kwargs: Any) -> None:
    taak_tellen(taak=_naam(sender), uitkomst=FAILED)


def _bij_nieuwe_poging(sender: Any = None, **kwargs: Any) -> None:
    taak_tellen(taak=_naam(sender), uitkomst=RETRIED)


def koppelen() -> None:
    """Listen to Celery's task signals (from MetriekConfig.ready(), in every process; only the
    worker runs tasks, or the web process in eager mode). Idempotent: Celery's signals keep
    one receiver per dispatch_uid."""
    task_success.connect(_bij_succes, weak=False, dispatch_uid="metriek-taak-succes")
    task_failure.connect(_bij_fout, weak=False, dispatch_uid="metriek-taak-fout")
    task_retry.connect(_bij_nieuwe_poging, weak=False, dispatch_uid="metriek-taak-opnieuw")
