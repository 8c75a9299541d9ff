"""Health of the database and the broker, for load balancers and the beheerder."""

import contextlib
from dataclasses import dataclass
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


def health_report() -> tuple[bool, dict]:
    """Return (healthy, report); healthy means database and broker both answer."""
    db = database_ok()
    broker = broker_ok()
    last = worker_last_seen() if db else None
    report = {
        "database": "ok" if db else "unavailable",
        "broker": "ok" if broker else "unavailable",
        "worker_last_seen": last.isoformat() if last else None,
        "worker_recent": bool(last and timezone.now() - last < WORKER_FRESH),
    }
    return db and broker, report


@dataclass(frozen=True)
class Postvak:
    """The state of the e-mail outbox, for the beheerder (no content, no full addresses)."""

    wachtend: int                       # not sent yet
    opnieuw: int                        # of which refused at least once: retried with backoff
    opgegeven: int                      # given up after the last attempt
    oudste_wachtend: datetime | None
    volgende_poging: datetime | None    # the next retry of a refused one
    laatste_fout: str                   # of the most recent refused one, addresses masked


def postvak_stand() -> Postvak:
    """Counts and the latest error of the outbox, in three queries."""
    from django.db.models import Count, Min, Q

    from toegang.berichten.maskeren import adressen_maskeren
    from toegang.berichten.models import Email, EmailStatus

    wacht = Q(status=EmailStatus.WACHT)
    telling = Email.objects.aggregate(
        wachtend=Count("pk", filter=wacht),
        opnieuw=Count("pk", filter=wacht & Q(pogingen__gt=0)),
        opgegeven=Count("pk", filter=Q(status=EmailStatus.MISLUKT)),
        oudste=Min("created_at", filter=wacht),
        volgende=Min("volgende_poging_op", filter=wacht & Q(pogingen__gt=0)))
    fout = (Email.objects.exclude(laatste_fout="").exclude(status=EmailStatus.VERZONDEN)
            .order_by("-volgende_poging_op").values_list("laatste_fout", flat=True).first())
    return Postvak(wachtend=telling["wachtend"], opnieuw=telling["opnieuw"],
                   opgegeven=telling["opgegeven"], oudste_wachtend=telling["oudste"],
                   volgende_poging=telling["volgende"],
                   laatste_fout=adressen_maskeren(fout or "")[:300])
