"""Beat tasks of the berichtenverkeer: pick up and act on received messages, and send the
outbox (also what a broker outage kept from being sent at once)."""

from celery import shared_task

from .ontvangst import ophalen
from .verzending import versturen


@shared_task(name="casussen.toewijzing.tasks.berichten_ophalen")
def berichten_ophalen() -> int:
    return ophalen()


@shared_task(name="casussen.toewijzing.tasks.berichten_versturen_scan")
def berichten_versturen_scan() -> int:
    return versturen()
