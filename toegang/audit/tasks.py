"""The daily making of the access log's coming monthly partitions (Celery beat)."""

from celery import shared_task

from . import services


@shared_task(name="toegang.audit.tasks.toegangslog_partities_aanmaken")
def toegangslog_partities_aanmaken() -> int:
    return len(services.toegangslog_partities_aanmaken())
