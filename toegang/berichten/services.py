"""Messages to people: the in-app inbox and the e-mail outbox."""

import logging
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import get_template, render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from toegang.core.taken import enqueue_on_commit
from toegang.thema.services import actief_thema

from .models import Brief, BriefStatus, Email, EmailBijlage, EmailStatus, Notificatie, Printbatch
from .selectors import User
from .tasks import email_send, emails_send

logger = logging.getLogger(__name__)


def _email_context() -> dict[str, str]:
    gemeente = actief_thema()  # the name and number the pages show (the theme's)
    return {"GEMEENTE_NAAM": gemeente.gemeentenaam, "SITE_URL": settings.SITE_URL,
            "GEMEENTE_TELEFOON": gemeente.telefoonnummer}


# All attachments of one e-mail together: they live in the database (an .ics is a few kB).
BIJLAGEN_MAX_BYTES = 1024 * 1024
# `type/subtype`, optionally with parameters: `text/calendar; method=REQUEST; charset=utf-8`.
_MIME = re.compile(r"[a-z0-9][a-z0-9.+-]*/[a-z0-9][a-z0-9.+-]*"
                   r"(\s*;\s*[a-z0-9-]+=[a-z0-9._-]+)*", re.IGNORECASE)


@dataclass(frozen=True)
class Bijlage:
    """A file to send with an e-mail: its name, its MIME type and its content."""

    naam: str
    mime: str
    inhoud: bytes


def _bijlagen_check(bijlagen: Sequence[Bijlage]) -> None:
    """Refuse attachments that are too large together, or whose name or type is no name or
    type (a programming error of the caller: nothing a person typed)."""
    if sum(len(b.inhoud) for b in bijlagen) > BIJLAGEN_MAX_BYTES:
        raise ValueError(f"attachments larger than {BIJLAGEN_MAX_BYTES} bytes together")
    for bijlage in bijlagen:
        if not isinstance(bijlage.inhoud, bytes):
            raise ValueError("attachment content must be bytes")
        naam = bijlage.naam
        if (not naam.strip() or len(naam) > 120 or "/" in naam or "\\" in naam
                or any(unicodedata.category(c).startswith("C") for c in naam)):
            raise ValueError(f"not a file name: {naam!r}")
        if not _MIME.fullmatch(bijlage.mime):
            raise ValueError(f"not a MIME type: {bijlage.mime!r}")


def email_queue(*, aan: str, onderwerp: str, template: str, context: dict,
                sleutel: str | None = None, bijlagen: Sequence[Bijlage] = ()) -> Email | None:
    """Store an e-mail (with its attachments) in the outbox and send it after commit;
    `sleutel` makes it unique.

    The text and HTML parts are rendered from `<template>.txt` and `<template>.html` in Dutch.
    Returns None when a message with the same `sleutel` exists already. Raises ValueError when
    the attachments are larger than BIJLAGEN_MAX_BYTES together or not well formed.
    """
    _bijlagen_check(bijlagen)
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
            EmailBijlage.objects.bulk_create([
                EmailBijlage(email=email, naam=b.naam, mime=b.mime, inhoud=b.inhoud)
                for b in bijlagen])
    except IntegrityError:
        if sleutel and Email.objects.filter(sleutel=sleutel).exists():
            return None
        raise
    enqueue_on_commit(email_send, email.pk)
    return email


def notificatie_send(*, ontvanger: User, soort: str, onderwerp: str, tekst: str = "",
                     url: str = "", email: bool = True, sleutel: str | None = None,
                     bijlagen: Sequence[Bijlage] = ()) -> Notificatie:
    """Put a message in the user's inbox and, if wanted, mail a short notice about it (with
    `bijlagen`, such as an invitation for the calendar; the daily overview has none)."""
    voorkeur = _voorkeur(ontvanger)
    notificatie = Notificatie.objects.create(
        ontvanger_id=ontvanger.pk, soort=soort, onderwerp=onderwerp, tekst=tekst, url=url,
        voor_overzicht=email and voorkeur == "dagelijks" and bool(ontvanger.email))
    if email and voorkeur == "direct" and ontvanger.email:
        email_queue(aan=ontvanger.email, onderwerp=onderwerp,
                    template="berichten/email/notificatie",
                    context={"ontvanger": ontvanger, "onderwerp": onderwerp, "tekst": tekst,
                             "url": url},
                    sleutel=sleutel, bijlagen=bijlagen)
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
        Notificatie(ontvanger_id=b.ontvanger.pk, soort=b.soort, onderwerp=b.onderwerp,
                    tekst=b.tekst, url=b.url, voor_overzicht=_voorkeur(b.ontvanger) == "dagelijks"
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
        enqueue_on_commit(emails_send, [email.pk for email in emails])
    return notificaties


def _voorkeur(ontvanger: User) -> str:
    return getattr(ontvanger, "berichten_per_email", "direct")


def notificatie_mark_read(*, user: User, notificatie_id: int) -> None:
    Notificatie.objects.filter(pk=notificatie_id, ontvanger_id=user.pk, gelezen_op__isnull=True) \
        .update(gelezen_op=timezone.now())


def notificaties_mark_all_read(*, user: User) -> int:
    """Mark every unread message of `user` as read; returns how many there were."""
    return Notificatie.objects.filter(ontvanger_id=user.pk, gelezen_op__isnull=True) \
        .update(gelezen_op=timezone.now())


VOORKEUREN = ("direct", "dagelijks", "nooit")


@transaction.atomic
def berichten_voorkeur_set(*, user: User, voorkeur: str) -> None:
    """Choose how new messages reach the user by e-mail: each at once, one overview a day,
    or not at all. Messages waiting for a daily overview stay in the inbox only when the
    user stops the overview."""
    if voorkeur not in VOORKEUREN:
        raise ValidationError({"voorkeur": _("Kies een van de mogelijkheden.")})
    get_user_model().objects.filter(pk=user.pk).update(berichten_per_email=voorkeur)
    user.berichten_per_email = voorkeur  # type: ignore[attr-defined]
    if voorkeur != "dagelijks":
        Notificatie.objects.filter(ontvanger_id=user.pk, voor_overzicht=True,
                                   gemaild_op__isnull=True).update(voor_overzicht=False)


def email_retry(*, email: Email) -> None:
    """Put a given-up e-mail back in the queue (the beheerder's 'try again')."""
    Email.objects.filter(pk=email.pk).update(status=EmailStatus.WACHT, pogingen=0,
                                             volgende_poging_op=timezone.now())
    enqueue_on_commit(email_send, email.pk)


def overzichten_send(*, vanaf: time, now: datetime | None = None) -> int:
    """Once a day, from `vanaf` (the policy's digest time): one e-mail per person who chose a
    daily overview, listing the messages since the last one. Idempotent per person and day."""
    now = now or timezone.now()
    lokaal = timezone.localtime(now)
    if lokaal.time() < vanaf:
        return 0
    verstuurd = 0
    ontvangers = (Notificatie.objects.filter(voor_overzicht=True, gemaild_op__isnull=True)
                  .values_list("ontvanger_id", flat=True).distinct())
    for ontvanger in get_user_model().objects.filter(pk__in=list(ontvangers), is_active=True):
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


# Letters in one batch at most: the PDF is made within one web request (about 5 ms a letter);
# what remains waits for the next batch.
PRINTBATCH_MAX_BRIEVEN = 1000

_POSTCODE = re.compile(r"\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*")


@dataclass(frozen=True)
class Adres:
    """A postal address in the Netherlands, as on an envelope."""

    straat: str       # street and house number: "Kerkstraat 12 A"
    postcode: str     # written as "1234 AB" whatever the spacing and case
    woonplaats: str

    @property
    def regels(self) -> tuple[str, str]:
        """The two lines under the name as on the envelope: the postcode as 1234 AB, two
        spaces, the place in capitals (PostNL's advice for machine sorting)."""
        return (self.straat.strip(),
                f"{_postcode(self.postcode)}  {self.woonplaats.strip().upper()}")


def _postcode(waarde: str) -> str:
    match = _POSTCODE.fullmatch(waarde)
    return f"{match[1]} {match[2].upper()}" if match else waarde.strip()


def brief_queue(*, aan_naam: str, adres: Adres, onderwerp: str, tekst: str, sleutel: str,
                inwoner_id: int | None = None, intake_id: int | None = None) -> Brief | None:
    """Put a letter in the print queue; None when a letter with `sleutel` exists already.

    `tekst` is the body in plain text, paragraphs separated by an empty line; the letter adds
    the letterhead, address, date, subject, salutation and closing. `inwoner_id` and
    `intake_id` say whose letter it is, for the access log when it is printed. Raises
    ValueError when a field is empty or too long (a caller's mistake, nothing a person typed).
    """
    velden = {"aan_naam": aan_naam.strip(), "straat": adres.straat.strip(),
              "postcode": _postcode(adres.postcode), "woonplaats": adres.woonplaats.strip(),
              "onderwerp": onderwerp.strip(), "tekst": tekst.strip(), "sleutel": sleutel.strip()}
    for veld, waarde in velden.items():
        max_length = getattr(Brief._meta.get_field(veld), "max_length", None)
        if not waarde or (max_length and len(waarde) > max_length):
            raise ValueError(f"{veld} is empty or too long")
    try:
        with transaction.atomic():
            return Brief.objects.create(**velden, inwoner_id=inwoner_id, intake_id=intake_id)
    except IntegrityError:
        if Brief.objects.filter(sleutel=velden["sleutel"]).exists():
            return None
        raise


def brief_cancel(*, sleutel: str) -> bool:
    """Take a waiting letter out of the print queue; False when it is printed already (or
    unknown). Waits for a batch that is taking it at this moment, and then sees it printed."""
    with transaction.atomic():
        brief = Brief.objects.select_for_update().filter(sleutel=sleutel).first()
        if brief is None or brief.status != BriefStatus.WACHT:
            return False
        Brief.objects.filter(pk=brief.pk).update(status=BriefStatus.GEANNULEERD)
        return True


def printbatch_make(*, user: User) -> Printbatch | None:
    """Take the waiting letters (oldest first, at most PRINTBATCH_MAX_BRIEVEN) into a new
    batch and mark them printed, in one transaction; None when no letter waits.

    The letters are locked with SKIP LOCKED: a second beheerder who clicks at the same moment
    gets the letters the first did not take (or none), never the same ones.
    """
    with transaction.atomic():
        ids = list(Brief.objects.select_for_update(skip_locked=True)
                   .filter(status=BriefStatus.WACHT).order_by("created_at", "id")
                   .values_list("pk", flat=True)[:PRINTBATCH_MAX_BRIEVEN])
        if not ids:
            return None
        batch = Printbatch.objects.create(gemaakt_door_id=user.pk, aantal=len(ids))
        Brief.objects.filter(pk__in=ids, status=BriefStatus.WACHT).update(
            status=BriefStatus.GEPRINT, printbatch=batch, printed_at=batch.created_at)
    logger.info("Printbatch %s made by user %s: %s letters", batch.pk, user.pk, len(ids))
    return batch
