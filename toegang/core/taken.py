"""Enqueue Celery tasks after the surrounding transaction commits, without ever failing it."""

import logging
from typing import Any

from celery import Task
from django.db import transaction

logger = logging.getLogger(__name__)


def enqueue_on_commit(task: Task, *args: Any, **kwargs: Any) -> None:
    """Send `task` once the current transaction commits; a broker outage is logged, not raised.

    Every task is backed by database state that a periodic scan re-enqueues, so a message that
    cannot be published now is delivered later instead of being lost.
    """

    def _send() -> None:
        try:
            task.apply_async(args=args, kwargs=kwargs)
        except Exception:  # the broker is down or unreachable
            logger.warning("Broker unavailable; %s will be picked up by the next scan", task.name,
                           exc_info=True)

    transaction.on_commit(_send)
