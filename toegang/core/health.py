"""Health of the database and the broker, for load balancers and the beheerder."""

import contextlib
from datetime import datetime, timedelta

from django.db import connection
from django.utils import timezone

from toegang.celery import app as celery_app

from .models import WorkerHeartbeat

WORKER_FRESH = timedelta(minutes=5)


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        # Drop the broken connection so the next request opens a fresh one.
        with contextlib.suppress(Exception):
            connection.close()
        return False


def broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


def worker_last_seen() -> datetime | None:
    beat = WorkerHeartbeat.objects.order_by("-last_seen").only("last_seen").first()
    return beat.last_seen if beat else None


def _report() -> tuple[bool, bool, dict]:
    db = database_ok()
    broker = broker_ok()
    last = worker_last_seen() if db else None
    report = {
        "database": "ok" if db else "unavailable",
        "broker": "ok" if broker else "unavailable",
        "worker_last_seen": last.isoformat() if last else None,
        "worker_recent": bool(last and timezone.now() - last < WORKER_FRESH),
    }
    return db, broker, report


def health_report() -> tuple[bool, dict]:
    """Return (healthy, report); healthy means database and broker both answer."""
    db, broker, report = _report()
    return db and broker, report


def readiness_report() -> tuple[bool, dict]:
    """Return (ready, report); ready means the database answers. A web process serves
    residents and staff without the broker: tasks wait in the database outboxes and the
    scans pick them up once it is back (tests/intake/test_redis_down.py). Taking every web
    pod out of service during a Redis outage would turn a delay into a closed front door."""
    db, _broker, report = _report()
    return db, report
