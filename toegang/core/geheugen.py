"""Python's garbage collector tuned for a long-running web process (toegang/wsgi.py).

A page that reads a large object from the cache (the dashboard's figures) creates tens of
thousands of objects per request. With Python's default thresholds (700, 10, 10) that sets off
a full collection every ten or so of those requests, and a full collection walks every object
in the process, Django's own included: 100–275 ms on the benchmark machine, which made the
dashboard's p95 351 ms at a p50 of 42 ms (docs/performance.md). Two remedies, both standard:

- `gc.freeze()` once everything that lives as long as the process is loaded (settings, apps,
  the URLconf with every view, the templates' code): those objects move to a permanent
  generation that no collection walks again.
- A higher first threshold, so short-lived objects of one request are mostly freed by
  reference counting before a collection looks at them.

Reference cycles are still collected, only less often; memory stays bounded (measured in the
capacity run, docs/performance.md).
"""

import gc

from django.urls import get_resolver

DREMPELS = (10_000, 10, 10)


def gc_afstemmen(drempels: tuple[int, int, int] = DREMPELS) -> None:
    """Freeze what is loaded now and raise the collector's first threshold."""
    gc.collect()  # leave no garbage in the frozen generation
    gc.freeze()
    gc.set_threshold(*drempels)


def web_proces_afstemmen() -> None:
    """For a web process once Django is set up: load every view (the URLconf imports them),
    then freeze and raise the threshold."""
    get_resolver().url_patterns  # noqa: B018 (the attribute imports the URLconf)
    gc_afstemmen()
