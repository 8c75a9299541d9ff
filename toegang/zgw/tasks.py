"""Beat's scan of the outbox to the zaaksysteem: sends what a triggered task did not (a broker
outage, a step waiting for its next try)."""

from celery import shared_task

from .verwerking import stappen_verwerken


@shared_task(name="toegang.zgw.tasks.zgw_verwerken_scan")
def zgw_verwerken_scan() -> int:
    return stappen_verwerken()
