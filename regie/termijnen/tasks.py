"""Periodic scans of the reminders and the daily overviews (thin wrappers over services)."""

from celery import shared_task

from . import services


@shared_task(name="regie.termijnen.tasks.herinneringen_scan")
def herinneringen_scan() -> int:
    return services.herinneringen_scan().herinneringen


@shared_task(name="regie.termijnen.tasks.overzichten")
def overzichten() -> int:
    return services.dagoverzichten_send()
