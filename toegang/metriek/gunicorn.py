"""gunicorn hooks for Prometheus' multiprocess mode: `gunicorn -c python:toegang.metriek.gunicorn`.

With several gunicorn workers each one counts its own requests; a scrape reaches one worker.
With PROMETHEUS_MULTIPROC_DIR set, prometheus_client writes every worker's metrics to files in
that folder and the metrics endpoint adds them up (views.registry). The folder must be empty
when gunicorn starts and writable (in Kubernetes an emptyDir, since the root filesystem is
read-only). Without the variable these hooks do nothing.
"""

import os
from pathlib import Path
from typing import Any

from prometheus_client import multiprocess


def _map() -> Path | None:
    waarde = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
    return Path(waarde) if waarde else None


def on_starting(server: Any) -> None:
    """Start from an empty folder: files of an earlier run would add old counts."""
    map_ = _map()
    if map_ is None:
        return
    map_.mkdir(parents=True, exist_ok=True)
    # The files, not the folder: it may be a mounted volume.
    for bestand in map_.glob("*.db"):
        bestand.unlink()


def child_exit(server: Any, worker: Any) -> None:
    """A worker that ended no longer counts in the live gauges."""
    if _map() is not None:
        multiprocess.mark_process_dead(worker.pid)
