"""Delivering the e-mail outbox: one send per due row, retried with backoff, never twice."""

import logging
from datetime import timedelta
from email import encoders
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from .models import Email, EmailBijlage, EmailStatus

logger = logging.getLogger(__name__)

MAX_POGINGEN = 8


def _backoff(pogingen: int) -> timedelta:
    """1, 2, 4, 8 … minutes, at most 6 hours."""
    return timedelta(minutes=min(2 ** max(pogingen - 1, 0), 360))


def _mime_part(bijlage: EmailBijlage) -> MIMEBase:
    """The attachment as a MIME part with its own type and parameters (a calendar client
    recognises an invitation by `text/calendar; method=REQUEST`), base64 encoded."""
    soort, *parameters = (deel.strip() for deel in bijlage.mime.split(";"))
    hoofdsoort, subsoort = soort.split("/", 1)
    part = MIMEBase(hoofdsoort, subsoort)
    for parameter in filter(None, parameters):
        naam, waarde = parameter.split("=", 1)
        part.set_param(naam.strip(), waarde.strip())
    part.set_payload(bytes(bijlage.inhoud))
    encoders.encode_base64(part)
    # A name outside ASCII is encoded by the email package (RFC 2231).
    part.add_header("Content-Disposition", "attachment", filename=bijlage.naam)
    return part


def email_deliver(*, email_id: int) -> bool:
    """Send one outbox e-mail if it is due and nobody else is sending it; True when sent.

    The row is locked (skip_locked) while sending and marked in the same transaction, so two
    workers or a replayed task never send it twice.
    """
    with transaction.atomic():
        email = (Email.objects.select_for_update(skip_locked=True)
                 .filter(pk=email_id, status=EmailStatus.WACHT,
                         volgende_poging_op__lte=timezone.now())
                 .first())
        if email is None:
            return False
        message = EmailMultiAlternatives(email.onderwerp, email.tekst,
                                         settings.DEFAULT_FROM_EMAIL, [email.aan])
        if email.html:
            message.attach_alternative(email.html, "text/html")
        for bijlage in email.bijlagen.all():
            message.attach(_mime_part(bijlage))
        email.pogingen += 1
        try:
            message.send()
        except Exception as exc:  # SMTP refused, timeout, DNS …
            email.laatste_fout = f"{type(exc).__name__}: {exc}"[:2000]
            if email.pogingen >= MAX_POGINGEN:
                email.status = EmailStatus.MISLUKT
                logger.error("Giving up on e-mail %s after %s attempts", email.pk, email.pogingen)
            else:
                email.volgende_poging_op = timezone.now() + _backoff(email.pogingen)
            email.save(update_fields=["pogingen", "laatste_fout", "status",
                                      "volgende_poging_op"])
            return False
        email.status = EmailStatus.VERZONDEN
        email.verzonden_op = timezone.now()
        email.laatste_fout = ""
        email.save(update_fields=["pogingen", "status", "verzonden_op", "laatste_fout"])
        return True


def email_due_ids(*, limit: int = 500) -> list[int]:
    """The outbox e-mails that are due now (new ones whose message was lost, and retries)."""
    return list(Email.objects.filter(status=EmailStatus.WACHT,
                                     volgende_poging_op__lte=timezone.now())
                .order_by("volgende_poging_op").values_list("pk", flat=True)[:limit])
