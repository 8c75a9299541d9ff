"""The hourly feedback scan, run by beat (CELERY_BEAT_SCHEDULE["feedback-uitnodigen"])."""

from celery import shared_task

from .services import feedback_invitations_send


@shared_task(name="regie.feedback.tasks.feedback_uitnodigen")
def feedback_uitnodigen() -> int:
    return feedback_invitations_send()
