"""Thin Celery tasks over the outbox bezorging."""

from celery import shared_task

from . import bezorging


@shared_task(name="toegang.berichten.tasks.email_send")
def email_send(email_id: int) -> bool:
    return bezorging.email_deliver(email_id=email_id)


@shared_task(name="toegang.berichten.tasks.emails_send")
def emails_send(email_ids: list[int]) -> int:
    """Send a batch of outbox e-mails (one message for the reminders of one scan batch)."""
    return sum(bezorging.email_deliver(email_id=email_id) for email_id in email_ids)


@shared_task(name="toegang.berichten.tasks.email_scan")
def email_scan() -> int:
    """Send every due e-mail (new ones whose message was lost, and retries after backoff)."""
    sent = 0
    for email_id in bezorging.email_due_ids():
        sent += bezorging.email_deliver(email_id=email_id)
    return sent
