"""Periodic upkeep of consents and permission rows (thin wrappers over services)."""

from celery import shared_task

from . import grants, services


@shared_task(name="intake.tasks.toestemming_expire")
def toestemming_expire() -> int:
    return services.toestemming_expire_due()


@shared_task(name="intake.tasks.grants_cleanup")
def grants_cleanup() -> int:
    return grants.grants_cleanup()
