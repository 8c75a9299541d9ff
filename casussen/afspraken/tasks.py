"""The appointment reminders, run by beat (CELERY_BEAT_SCHEDULE["afspraken-herinneren"])."""

from celery import shared_task

from .services import afspraken_remind


@shared_task(name="casussen.afspraken.tasks.afspraken_herinneren")
def afspraken_herinneren() -> int:
    return afspraken_remind()
