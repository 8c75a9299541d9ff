"""Messages to people: the in-app inbox and the e-mail outbox."""

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from toegang.accounts.models import User
from toegang.core.taken import enqueue_on_commit

from .models import Email, EmailStatus, Notificatie

logger = logging.getLogger(__name__)

MAX_POGINGEN = 8


def _email_context() -> dict[str, str]:
    return {"GEMEENTE_NAAM": settings.GEMEENTE_NAAM, "SITE_URL": settings.SITE_URL,
            "GEMEENTE_TELEFOON": settings.GEMEENTE_TELEFOON}


def email_queue(*, aan: str, onderwerp: str, template: str, context: dict,
                sleutel: str | None = None) -> Email | None:
    """Store an e-mail in the outbox and send it after commit; `sleutel` makes it unique.

    The text and HTML parts are rendered from `<template>.txt` and `<template>.html` in Dutch.
    Returns None when a message with the same `sleutel` exists already.
    """
    if not aan:
        return None
    ctx = {**_email_context(), **context}
    with translation.override("nl"):
        tekst = render_to_string(f"{template}.txt", ctx)
        html = render_to_string(f"{template}.html", ctx)
    try:
        with transaction.atomic():
            email = Email.objects.create(aan=aan, onderwerp=onderwerp, tekst=tekst, html=html,
                                         sleutel=sleutel, volgende_poging_op=timezone.now())
    except IntegrityError:
        if sleutel and Email.objects.filter(sleutel=sleutel).exists():
            return None
        raise
    from .tasks import email_send

    enqueue_on_commit(email_send, email.pk)
    return email


def notificatie_send(*, ontvanger: User, soort: str, onderwerp: str, tekst: str = "",
                     url: str = "", email: bool = True, sleutel: str | None = None
                     ) -> Notificatie:
    """Put a message in the user's inbox and, if wanted, mail a short notice about it."""
    voorkeur = _voorkeur(ontvanger)
    notificatie = Notificatie.objects.create(
        ontvanger=ontvanger, soort=soort, onderwerp=onderwerp, tekst=tekst, url=url,
        voor_overzicht=email and voorkeur == "dagelijks" and bool(ontvanger.email))
    if email and voorkeur == "direct" and ontvanger.email:
        email_queue(aan=ontvanger.email, onderwerp=onderwerp,
                    template="berichten/email/notificatie",
                    context={"ontvanger": ontvanger, "onderwerp": onderwerp, "tekst": tekst,
                             "url": url},
                    sleutel=sleutel)
    return notificatie


@dataclass(frozen=True)
class Bericht:
    """One inbox message to be sent with `notificaties_send`."""

    ontvanger: User
    soort: str
    onderwerp: str
    tekst: str = ""
    url: str = ""
    sleutel: str | None = None  # makes its e-mail unique


def notificaties_send(*, berichten: Sequence[Bericht]) -> list[Notificatie]:
    """`notificatie_send` for many messages at once (the reminder scan): one insert for the
    inbox messages and one for the e-mails, each e-mail sent after commit. Raises
    IntegrityError when an e-mail's `sleutel` exists already; the caller then falls back to
    `notificatie_send` one by one."""
    if not berichten:
        return []
    notificaties = Notificatie.objects.bulk_create([
        Notificatie(ontvanger=b.ontvanger, soort=b.soort, onderwerp=b.onderwerp, tekst=b.tekst,
                    url=b.url, voor_overzicht=_voorkeur(b.ontvanger) == "dagelijks"
                    and bool(b.ontvanger.email)) for b in berichten])
    direct = [b for b in berichten if _voorkeur(b.ontvanger) == "direct" and b.ontvanger.email]
    if direct:
        tekst_sjabloon = get_template("berichten/email/notificatie.txt")
        html_sjabloon = get_template("berichten/email/notificatie.html")
        now = timezone.now()
        emails = []
        with translation.override("nl"):
            for b in direct:
                ctx = {**_email_context(), "ontvanger": b.ontvanger, "onderwerp": b.onderwerp,
                       "tekst": b.tekst, "url": b.url}
                emails.append(Email(aan=b.ontvanger.email, onderwerp=b.onderwerp,
                                    tekst=tekst_sjabloon.render(ctx),
                                    html=html_sjabloon.render(ctx), sleutel=b.sleutel,
                                    volgende_poging_op=now))
        with transaction.atomic():
            Email.objects.bulk_create(emails)
        from .tasks import emails_send

        enqueue_on_commit(emails_send, [email.pk for email in emails])
    return notificaties


def _voorkeur(ontvanger: User) -> str:
    return getattr(ontvanger, "berichten_per_email", "direct")


def notificatie_mark_read(*, user: User, notificatie_id: int) -> None:
    Notificatie.objects.filter(pk=notificatie_id, ontvanger=user, gelezen_op__isnull=True) \
        .update(gelezen_op=timezone.now())


def notificaties_mark_all_read(*, user: User) -> int:
    """Mark every unread message of `user` as read; returns how many there were."""
    return Notificatie.objects.filter(ontvanger=user, gelezen_op__isnull=True) \
        .update(gelezen_op=timezone.now())


VOORKEUREN = ("direct", "dagelijks", "nooit")


@transaction.atomic
def berichten_voorkeur_set(*, user: User, voorkeur: str) -> None:
    """Choose how new messages reach the user by e-mail: each at once, one overview a day,
    or not at all. Messages waiting for a daily overview stay in the inbox only when the
    user stops the overview."""
    if voorkeur not in VOORKEUREN:
        raise ValidationError({"voorkeur": _("Kies een van de mogelijkheden.")})
    User.objects.filter(pk=user.pk).update(berichten_per_email=voorkeur)
    user.berichten_per_email = voorkeur
    if voorkeur != "dagelijks":
        Notificatie.objects.filter(ontvanger=user, voor_overzicht=True,
                                   gemaild_op__isnull=True).update(voor_overzicht=False)


def _backoff(pogingen: int) -> timedelta:
    """1, 2, 4, 8 … minutes, at most 6 hours."""
    return timedelta(minutes=min(2 ** max(pogingen - 1, 0), 360))


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
    return list(Email.objects.filter(status=EmailStatus.WACHT,
                                     volgende_poging_op__lte=timezone.now())
                .order_by("volgende_poging_op").values_list("pk", flat=True)[:limit])


def email_retry(*, email: Email) -> None:
    """Put a given-up e-mail back in the queue (the beheerder's 'try again')."""
    Email.objects.filter(pk=email.pk).update(status=EmailStatus.WACHT, pogingen=0,
                                             volgende_poging_op=timezone.now())
    from .tasks import email_send

    enqueue_on_commit(email_send, email.pk)


def overzichten_versturen(*, now: datetime | None = None) -> int:
    """Once a day, after the policy's digest time: one e-mail per person who chose a daily
    overview, listing the messages since the last one. Idempotent per person and day."""
    from regie.services import beleid_actueel

    now = now or timezone.now()
    lokaal = timezone.localtime(now)
    if lokaal.time() < beleid_actueel().digest_tijd:
        return 0
    verstuurd = 0
    ontvangers = (Notificatie.objects.filter(voor_overzicht=True, gemaild_op__isnull=True)
                  .values_list("ontvanger_id", flat=True).distinct())
    for ontvanger in User.objects.filter(pk__in=list(ontvangers), is_active=True):
        with transaction.atomic():
            berichten = list(Notificatie.objects.select_for_update(skip_locked=True)
                             .filter(ontvanger=ontvanger, voor_overzicht=True,
                                     gemaild_op__isnull=True).order_by("created_at"))
            if not berichten:
                continue
            email_queue(aan=ontvanger.email,
                        onderwerp=_("Uw overzicht van %(datum)s: %(n)s berichten") % {
                            "datum": lokaal.strftime("%d-%m-%Y"), "n": len(berichten)},
                        template="berichten/email/overzicht",
                        context={"ontvanger": ontvanger, "berichten": berichten},
                        sleutel=f"overzicht:{ontvanger.pk}:{lokaal:%Y%m%d}:{berichten[-1].pk}")
            Notificatie.objects.filter(pk__in=[b.pk for b in berichten]).update(gemaild_op=now)
            verstuurd += 1
    return verstuurd
