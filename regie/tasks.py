"""Periodic scans of the reminders and the daily overviews (thin wrappers over services)."""

from celery import shared_task

from toegang.berichten.services import overzichten_versturen

from . import services


@shared_task(name="regie.tasks.herinneringen_scan")
def herinneringen_scan() -> int:
    return services.herinneringen_scan().herinneringen


@shared_task(name="regie.tasks.overzichten")
def overzichten() -> int:
    return overzichten_versturen()


@shared_task(name="regie.tasks.stuurinformatie_verversen")
def stuurinformatie_verversen() -> int:
    from .stuur.verversen import stuurinformatie_verversen as verversen

    return verversen().rijen
