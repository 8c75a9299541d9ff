"""Reads on appointments (a fixed number of queries, however many there are)."""

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from intake.models import Intake

from ..models import Casus
from .models import LOPEND, Afspraak


def afspraken_of(*, casus: Casus) -> list[Afspraak]:
    """Every appointment of the casus: those still ahead first (soonest first), then the
    rest (latest first). One query."""
    alle = list(Afspraak.objects.filter(casus=casus).select_related("gepland_door"))
    nu = timezone.now()
    komend = sorted((a for a in alle if a.is_lopend and a.start > nu), key=lambda a: a.start)
    overig = sorted((a for a in alle if a not in komend), key=lambda a: a.start, reverse=True)
    return komend + overig


def afspraak_of(*, casus: Casus, afspraak_id: int) -> Afspraak | None:
    return (Afspraak.objects.filter(casus=casus, pk=afspraak_id)
            .select_related("casus__intake", "casus__team").first())


def komende_afspraken(*, casus_id: int) -> QuerySet[Afspraak]:
    return Afspraak.objects.filter(casus_id=casus_id, status__in=LOPEND,
                                   start__gt=timezone.now()).order_by("start")


def afspraken_for_inwoner(*, intake: Intake) -> list[Afspraak]:
    """The appointments the resident of this request has with their casus, still ahead or
    in the last 30 days (a household member's linked request shows none: they are the
    casus' resident's). One query."""
    sinds = timezone.now() - timedelta(days=30)
    return list(Afspraak.objects.filter(casus__intake=intake, start__gte=sinds)
                .select_related("casus").order_by("start"))
