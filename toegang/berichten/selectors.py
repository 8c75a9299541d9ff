"""Reads on the in-app inbox."""

from django.db.models import QuerySet

from toegang.accounts.models import User

from .models import Notificatie


def inbox_for(*, user: User) -> QuerySet[Notificatie]:
    """The user's own messages, newest first (served by the index on the recipient)."""
    return (Notificatie.objects.filter(ontvanger=user)
            .only("id", "soort", "onderwerp", "tekst", "url", "created_at", "gelezen_op")
            .order_by("-created_at", "-id"))


def ongelezen_aantal(*, user: User) -> int:
    """How many messages the user has not read: one COUNT on the (ontvanger, gelezen_op)
    index."""
    return Notificatie.objects.filter(ontvanger=user, gelezen_op__isnull=True).count()


def notificatie_of(*, user: User, notificatie_id: int) -> Notificatie | None:
    return Notificatie.objects.filter(ontvanger=user, pk=notificatie_id).first()
