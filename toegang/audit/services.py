"""The only writer of the access log."""

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from toegang.accounts.models import User

from .models import Toegangslog


def client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    if settings.IP_FROM_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None


def _team_names(user: User) -> str:
    cached = getattr(user, "_toegang_teamnamen", None)
    if cached is None:
        cached = ", ".join(user.teams.order_by("naam").values_list("naam", flat=True))
        user._toegang_teamnamen = cached  # type: ignore[attr-defined]
    return cached


def toegangslog_write(*, user: User | None, actie: str, grond: str, object_type: str,
                      object_id: int | None = None, intake_id: int | None = None,
                      casus_id: int | None = None, inwoner_id: int | None = None,
                      doel: str = "", namens: str = "",
                      request: HttpRequest | None = None) -> Toegangslog:
    """Append one row: who did what with whose data, on which basis, from where."""
    is_staff = bool(user and user.is_medewerker)
    return Toegangslog.objects.create(
        tijdstip=timezone.now(),
        user_id=user.pk if user else None,
        user_naam=(user.get_full_name() or user.username) if user else "systeem",
        rol=user.rol if user else "systeem",
        team=_team_names(user) if user and is_staff else "",
        namens=namens[:200],
        inwoner_id=inwoner_id, intake_id=intake_id, casus_id=casus_id,
        object_type=object_type, object_id=object_id,
        actie=actie, grond=grond[:60], doel=str(doel)[:300],
        request_id=getattr(request, "request_id", "") if request else "",
        ip=client_ip(request),
    )
