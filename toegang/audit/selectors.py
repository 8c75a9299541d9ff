"""Reads of the access log: for the resident and for the privacy officer."""

from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from toegang.accounts.models import STAFF_ROLES

from .models import Toegangslog


def toegangslog_for_intakes(*, intake_ids: QuerySet) -> QuerySet[Toegangslog]:
    """Staff access to the given intakes (and their cases), newest first."""
    return (Toegangslog.objects.filter(intake_id__in=intake_ids, rol__in=STAFF_ROLES)
            .only("tijdstip", "team", "rol", "doel", "actie", "grond")
            .order_by("-tijdstip", "-id"))


def toegangslog_search(*, inwoner_id: int | None = None, user_id: int | None = None,
                       intake_id: int | None = None, van: date | None = None,
                       tot: date | None = None) -> QuerySet[Toegangslog]:
    """For the privacy officer: filter by resident, user, record and period (inclusive)."""
    rows = Toegangslog.objects.all()
    if inwoner_id is not None:
        rows = rows.filter(inwoner_id=inwoner_id)
    if user_id is not None:
        rows = rows.filter(user_id=user_id)
    if intake_id is not None:
        rows = rows.filter(intake_id=intake_id)
    tz = timezone.get_current_timezone()
    if van:
        rows = rows.filter(tijdstip__gte=datetime.combine(van, time.min, tzinfo=tz))
    if tot:
        rows = rows.filter(tijdstip__lte=datetime.combine(tot, time.max, tzinfo=tz))
    return rows.order_by("-tijdstip", "-id")
