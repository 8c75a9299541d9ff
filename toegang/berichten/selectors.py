"""Reads on the in-app inbox, the state of the e-mail outbox and the print queue."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractUser
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from toegang.core.werkdagen import werkdagen_tussen

from .maskeren import adressen_maskeren
from .models import Brief, BriefStatus, Email, EmailStatus, Notificatie, Printbatch

# The messages layer sits below the accounts (which send e-mail through it): it knows the
# user model only as Django's swappable AUTH_USER_MODEL.
User = AbstractUser


def inbox_for(*, user: User) -> QuerySet[Notificatie]:
    """The user's own messages, newest first (served by the index on the recipient)."""
    return (Notificatie.objects.filter(ontvanger_id=user.pk)
            .only("id", "soort", "onderwerp", "tekst", "url", "created_at", "gelezen_op")
            .order_by("-created_at", "-id"))


def ongelezen_van(*, user: User) -> QuerySet[Notificatie]:
    """The messages the user has not read (on the (ontvanger, gelezen_op) index)."""
    return Notificatie.objects.filter(ontvanger_id=user.pk, gelezen_op__isnull=True)


def ongelezen_aantal(*, user: User) -> int:
    """How many messages the user has not read: one COUNT."""
    return ongelezen_van(user=user).count()


def notificatie_of(*, user: User, notificatie_id: int) -> Notificatie | None:
    return Notificatie.objects.filter(ontvanger_id=user.pk, pk=notificatie_id).first()


@dataclass(frozen=True)
class Postvak:
    """The state of the e-mail outbox, for the beheerder (no content, no full addresses)."""

    wachtend: int                       # not sent yet
    opnieuw: int                        # of which refused at least once: retried with backoff
    opgegeven: int                      # given up after the last attempt
    oudste_wachtend: datetime | None
    volgende_poging: datetime | None    # the next retry of a refused one
    laatste_fout: str                   # of the most recent refused one, addresses masked


def postvak_stand() -> Postvak:
    """Counts and the latest error of the outbox, in three queries."""
    wacht = Q(status=EmailStatus.WACHT)
    telling = Email.objects.aggregate(
        wachtend=Count("pk", filter=wacht),
        opnieuw=Count("pk", filter=wacht & Q(pogingen__gt=0)),
        opgegeven=Count("pk", filter=Q(status=EmailStatus.MISLUKT)),
        oudste=Min("created_at", filter=wacht),
        volgende=Min("volgende_poging_op", filter=wacht & Q(pogingen__gt=0)))
    fout = (Email.objects.exclude(laatste_fout="").exclude(status=EmailStatus.VERZONDEN)
            .order_by("-volgende_poging_op").values_list("laatste_fout", flat=True).first())
    return Postvak(wachtend=telling["wachtend"], opnieuw=telling["opnieuw"],
                   opgegeven=telling["opgegeven"], oudste_wachtend=telling["oudste"],
                   volgende_poging=telling["volgende"],
                   laatste_fout=adressen_maskeren(fout or "")[:300])


# A letter that waits longer than this many working days is late: Diagnose says so.
PRINT_WACHT_WERKDAGEN = 2


@dataclass(frozen=True)
class Printwachtrij:
    """The state of the print queue, for the beheerder: counts and times, no names."""

    wachtend: int
    oudste_wachtend: datetime | None
    te_lang: bool                       # the oldest waits more than PRINT_WACHT_WERKDAGEN
    laatste_batch: datetime | None


def printwachtrij_stand(*, now: datetime | None = None) -> Printwachtrij:
    """How many letters wait, since when, and when the last batch was made: two queries."""
    now = now or timezone.now()
    telling = Brief.objects.filter(status=BriefStatus.WACHT).aggregate(
        wachtend=Count("pk"), oudste=Min("created_at"))
    laatste = Printbatch.objects.order_by("-created_at").values_list("created_at",
                                                                    flat=True).first()
    oudste = telling["oudste"]
    te_lang = oudste is not None and werkdagen_tussen(
        timezone.localdate(oudste), timezone.localdate(now)) > PRINT_WACHT_WERKDAGEN
    return Printwachtrij(wachtend=telling["wachtend"], oudste_wachtend=oudste, te_lang=te_lang,
                         laatste_batch=laatste)


def printbatches() -> QuerySet[Printbatch]:
    """Every batch, newest first, with who made it (one query per page)."""
    return Printbatch.objects.select_related("gemaakt_door").order_by("-created_at", "-id")


def printbatch_of(*, printbatch_id: int) -> Printbatch | None:
    return Printbatch.objects.filter(pk=printbatch_id).first()


def brieven_in(*, printbatch: Printbatch) -> list[Brief]:
    """The letters of one batch, in the order they were queued (one query)."""
    return list(Brief.objects.filter(printbatch_id=printbatch.pk).order_by("created_at", "id"))
