"""The daily retention job (Celery beat): a thin wrapper over the service."""

from celery import shared_task

from . import services


@shared_task(name="toegang.bewaren.tasks.bewaartermijnen")
def bewaartermijnen() -> int:
    return sum(actie.aantal for actie in services.bewaartermijnen_apply())
