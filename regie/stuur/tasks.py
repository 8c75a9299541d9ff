"""Rebuilding the dashboard's summary tables (a thin wrapper over the service)."""

from celery import shared_task

from .refresh import stuurinformatie_refresh as refresh


@shared_task(name="regie.stuur.tasks.stuurinformatie_refresh")
def stuurinformatie_refresh() -> int:
    return refresh().rijen
