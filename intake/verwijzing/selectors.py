"""Reads of the referrer's portal. A referrer sees what it sent and how far it got, in plain
words; nothing of what the referral says."""

from dataclasses import dataclass
from datetime import datetime

from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from toegang.accounts.models import User

from ..models import IntakeStatus, Verwijzer, Verwijzing


class VerwijzingStatus(models.TextChoices):
    """How far a referral got, as the referrer reads it."""

    ONTVANGEN = "ontvangen", _("ontvangen")
    OPGEPAKT = "opgepakt", _("opgepakt")
    AFGESLOTEN = "afgesloten", _("afgesloten")


# From the intake's status: waiting in a team's queue (also after being forwarded), picked up
# by a professional (a casus), or closed (the casus closed, or the intake closed without one).
STATUS_VAN_INTAKE = {
    IntakeStatus.INGEDIEND: VerwijzingStatus.ONTVANGEN,
    IntakeStatus.OPGEPAKT: VerwijzingStatus.OPGEPAKT,
    IntakeStatus.AFGEROND: VerwijzingStatus.AFGESLOTEN,
}


@dataclass(frozen=True)
class VerwijzingRegel:
    """One line of the referrer's list: reference, date sent and status. Nothing else."""

    pk: int
    referentie: str
    verstuurd_op: datetime
    status: VerwijzingStatus

    @classmethod
    def van(cls, verwijzing: Verwijzing) -> "VerwijzingRegel":
        return cls(pk=verwijzing.pk, referentie=verwijzing.intake.referentie,
                   verstuurd_op=verwijzing.created_at,
                   status=STATUS_VAN_INTAKE[IntakeStatus(verwijzing.intake.status)])


def verwijzer_of(*, user: User) -> Verwijzer | None:
    """The referrer profile of a referrer's account, or None (any other account)."""
    return Verwijzer.objects.filter(user_id=user.pk).select_related("user").first()


def verwijzingen_of(*, verwijzer: Verwijzer) -> QuerySet[Verwijzing]:
    """The referrals this referrer sent, newest first, loading only reference, date and the
    intake's status (one query; turn each into a `VerwijzingRegel` to show it)."""
    return (Verwijzing.objects.filter(verwijzer=verwijzer).select_related("intake")
            .only("id", "created_at", "verwijzer_id", "intake", "intake__referentie",
                  "intake__status")
            .order_by("-created_at", "-id"))
