"""Sending the webhook outbox (webhooks.py). Beat runs the task every minute; a write asks for
it once its transaction commits, at most once every few seconds however many it writes."""

import time

from celery import shared_task
from django.core.cache import cache

from toegang.core.taken import enqueue_on_commit

from . import webhooks

PLAN_PAUZE_S = 2


@shared_task(name="toegang.api.tasks.webhooks_versturen")
def webhooks_versturen() -> int:
    return webhooks.versturen()


def webhooks_plannen() -> None:
    """Ask a worker to send once this transaction commits; a burst of events needs one task
    (beat's scan sends whatever an earlier task did not see)."""
    nu = time.monotonic()
    if nu - _GEPLAND["op"] < PLAN_PAUZE_S:  # this process asked a moment ago
        return
    _GEPLAND["op"] = nu
    if cache.add("api:webhooks-gepland", True, timeout=PLAN_PAUZE_S):
        enqueue_on_commit(webhooks_versturen)


_GEPLAND = {"op": -float(PLAN_PAUZE_S)}
