"""Celery tasks of the core: a heartbeat that proves a worker reaches the database."""

import socket

from celery import shared_task
from django.utils import timezone

from .models import WorkerHeartbeat


@shared_task(name="toegang.core.tasks.worker_heartbeat")
def worker_heartbeat(hostname: str = "") -> str:
    """Record that a worker is alive and can write to the database."""
    host = hostname or socket.gethostname()
    WorkerHeartbeat.objects.update_or_create(hostname=host,
                                             defaults={"last_seen": timezone.now()})
    return host
