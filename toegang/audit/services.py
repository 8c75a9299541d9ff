"""The only writer of the access log."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from toegang.accounts.models import User
from toegang.core.verzoek import client_ip

from . import partities
from .models import Toegangslog


def _team_names(user: User) -> str:
    cached = getattr(user, "_toegang_teamnamen", None)
    if cached is None:
        cached = ", ".join(user.teams.order_by("naam").values_list("naam", flat=True))
        user._toegang_teamnamen = cached  # type: ignore[attr-defined]
    return cached


def _row(*, user: User | None, actie: str, grond: str, object_type: str, object_id: int | None,
         intake_id: int | None, casus_id: int | None, inwoner_id: int | None, doel: str,
         namens: str, request: HttpRequest | None, organisatie: str = "") -> Toegangslog:
    is_staff = bool(user and user.is_medewerker)
    # A call through the API: the client is the actor, acting as its account.
    api_client = getattr(request, "toegang_api_client", None) if request else None
    naam = (user.get_full_name() or user.username) if user else "systeem"
    return Toegangslog(
        tijdstip=timezone.now(),
        user_id=user.pk if user else None,
        user_naam=(f"{api_client.naam} (API)" if api_client else naam)[:200],
        rol="api" if api_client else (user.rol if user else "systeem"),
        team=(api_client.organisatie if api_client else organisatie)[:300]
        or (_team_names(user) if user and is_staff else ""),
        namens=namens[:200],
        inwoner_id=inwoner_id, intake_id=intake_id, casus_id=casus_id,
        object_type=object_type, object_id=object_id,
        actie=actie, grond=grond[:60], doel=str(doel)[:300],
        request_id=getattr(request, "request_id", "") if request else "",
        ip=client_ip(request),
    )


def toegangslog_write(*, user: User | None, actie: str, grond: str, object_type: str,
                      object_id: int | None = None, intake_id: int | None = None,
                      casus_id: int | None = None, inwoner_id: int | None = None,
                      doel: str = "", namens: str = "", organisatie: str = "",
                      request: HttpRequest | None = None) -> Toegangslog:
    """Append one row: who did what with whose data, on which basis, from where.

    The `team` column holds the acting user's teams. An account outside the municipality's
    teams (a referrer) acts for an organisation the caller names in `organisatie`, which is
    then written there instead, so the resident sees who it was ("Wie keek mee").
    """
    row = _row(user=user, actie=actie, grond=grond, object_type=object_type,
               object_id=object_id, intake_id=intake_id, casus_id=casus_id,
               inwoner_id=inwoner_id, doel=doel, namens=namens, request=request,
               organisatie=organisatie)
    row.save(force_insert=True)
    return row


@dataclass(frozen=True)
class Gegeven:
    """One record in `toegangslog_write_many`: its id and whose it is."""

    object_id: int | None = None
    intake_id: int | None = None
    casus_id: int | None = None
    inwoner_id: int | None = None


def toegangslog_write_many(*, user: User | None, actie: str, grond: str, object_type: str,
                           gegevens: Sequence[Gegeven], doel: str = "", namens: str = "",
                           request: HttpRequest | None = None) -> list[Toegangslog]:
    """Append one row per record for one act on many (a batch of letters downloaded), in one
    INSERT; each row is what `toegangslog_write` would have written."""
    return Toegangslog.objects.bulk_create([
        _row(user=user, actie=actie, grond=grond, object_type=object_type,
             object_id=gegeven.object_id, intake_id=gegeven.intake_id,
             casus_id=gegeven.casus_id, inwoner_id=gegeven.inwoner_id, doel=doel,
             namens=namens, request=request) for gegeven in gegevens])


def toegangslog_partities_aanmaken(*, maanden_vooruit: int = 3, now: datetime | None = None,
                                   vanaf: datetime | None = None) -> list[str]:
    """Make sure the access log has a partition for this month and the `maanden_vooruit`
    months after it, and for every month since `vanaf` when given (PostgreSQL; nothing to do
    on SQLite); returns the names made. Safe to run again and from two places at once."""
    if connection.vendor != "postgresql":
        return []
    deze = partities.maand_begin(now or timezone.now())
    maand = partities.maand_begin(min(vanaf, deze) if vanaf else deze)
    maanden = []
    while maand <= partities.maand_verder(deze, maanden_vooruit):
        maanden.append(maand)
        maand = partities.maand_verder(maand)
    with transaction.atomic(), connection.cursor() as cursor:
        return partities.maanden_aanmaken(cursor, maanden=maanden)


def toegangslog_partities_verwijderen(*, voor: datetime) -> list[str]:
    """Drop the access log's monthly partitions that lie wholly before `voor` (PostgreSQL;
    nothing on SQLite); returns their names. Rows of the month that straddles `voor` stay:
    the caller deletes those row by row."""
    if connection.vendor != "postgresql":
        return []
    with transaction.atomic(), connection.cursor() as cursor:
        return partities.maanden_verwijderen(cursor, voor=voor)
