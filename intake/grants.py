"""Keep django-guardian's object permissions on intakes in step with their sources.

Routing, consent and safety overrides are the source of truth for which teams may read an
intake (its coverage, `intake_dekking`); the permission rows on Intake are derived from them
by `intake_grants_sync`, which every service that changes a source calls inside its own
transaction. Each row carries its basis (`grond`) and, when the source is time-limited,
`geldig_tot`: the gate treats a row past that moment as absent, so access ends on time even
before the periodic clean-up runs.

Coverage is per team and per part of the record (`Deel`):

| source | who | parts |
|---|---|---|
| routing | the front-door team | aanvraag, bijlagen, plan, behandelen |
| consent (per wet) | teams of that wet in the wijk | the consent's scope |
| safety override | the named teams, until `einde` | aanvraag, bijlagen, plan |

On the intake, `aanvraag` gives view, `bijlagen` the files (with `aanvraag`), `behandelen`
adding information and export. Roles in a casus (regiehouder, betrokkenen) and the casus' own
rows come from the casework layer through the hook `intake.hooks.grants_sync`
(`casussen/grants.py`).
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import TextChoices
from django.utils import timezone

from toegang.core.object_permissions import Grant, Grants, grant_put, grants_apply, grants_only
from toegang.organisatie.selectors import teams_serving

from . import hooks
from .models import (
    Grond,
    Intake,
    IntakeGroupObjectPermission,
    IntakeStatus,
    IntakeUserObjectPermission,
    ScopeDeel,
    Toestemming,
    ToestemmingStatus,
    Veiligheidsmelding,
    werkvoorraad_volgorde,
)

VIEW = "view_intake"
AANVULLEN = "aanvullen_intake"
EXPORT = "export_intake"
BIJLAGEN = "view_bijlagen_intake"
INTAKE_ALL = (VIEW, AANVULLEN, EXPORT, BIJLAGEN)


class Deel(TextChoices):
    """A part of the record a team may be covered for: the consent scopes, plus working on
    the request, which only the routing gives."""

    AANVRAAG = ScopeDeel.AANVRAAG.value
    BIJLAGEN = ScopeDeel.BIJLAGEN.value
    PLAN = ScopeDeel.PLAN.value
    BEHANDELEN = "behandelen"


ALLE_DELEN = tuple(Deel)
VEILIGHEID_DELEN = (Deel.AANVRAAG, Deel.BIJLAGEN, Deel.PLAN)


def _intake_perms(deel: str, leest: bool) -> tuple[str, ...]:
    """What coverage of one part lets a team do with the intake (`leest`: it reads the
    request itself, without which files are not shown)."""
    perms: dict[str, tuple[str, ...]] = {
        Deel.AANVRAAG: (VIEW,), Deel.BIJLAGEN: (BIJLAGEN,) if leest else (),
        Deel.BEHANDELEN: (AANVULLEN, EXPORT)}
    return perms.get(deel, ())


def scope_perms(scope: list[str]) -> list[str]:
    """What a consent with this scope lets a team do with the intake."""
    leest = Deel.AANVRAAG in scope
    return [perm for deel in scope for perm in _intake_perms(deel, leest)]


def intake_dekking(intake: Intake, now: datetime, *, nieuw: bool = False,
                   toestemmingen: list[Toestemming] | None = None) -> Grants:
    """Which team groups are covered for which part of the record, and why: keys are
    (group id, `Deel`). `nieuw`: the intake was stored in this transaction, so it has no
    override yet and its consents are `toestemmingen`."""
    dekking: Grants = {}
    # The team the resident asked for help.
    grant_put(dekking, intake.team.group_id, ALLE_DELEN, Grant(Grond.ROUTERING, None))

    # Teams of another wet: only while a matching consent is given.
    if toestemmingen is None:
        toestemmingen = list(Toestemming.objects.filter(
            intake=intake, status=ToestemmingStatus.GEGEVEN, withdrawn_at__isnull=True))
    for consent in toestemmingen:
        if not consent.is_active(now):
            continue
        grant = Grant(f"{Grond.TOESTEMMING}:{consent.pk}", consent.expires_at)
        for team in teams_serving(wijk=intake.wijk, wet=consent.wet):
            grant_put(dekking, team.group_id, consent.scope, grant)
    if nieuw:
        return dekking

    # A safety override: the needed teams, for a limited time, without consent.
    for melding in (Veiligheidsmelding.objects.filter(intake=intake, einde__gt=now, begin__lte=now)
                    .exclude(beoordeling="beeindigd").prefetch_related("teams")):
        grant = Grant(f"{Grond.VEILIGHEID}:{melding.pk}", melding.einde)
        for team in melding.teams.all():
            grant_put(dekking, team.group_id, VEILIGHEID_DELEN, grant)
    return dekking


def perms_from_dekking(dekking: Grants,
                       perms_for: Callable[[str, bool], tuple[str, ...]]) -> Grants:
    """Turn coverage per part into permission grants: `perms_for(part, reads)` names what one
    part gives; each permission keeps the longest-lasting basis."""
    grants: Grants = {}
    for (group_id, deel), grant in dekking.items():
        leest = (group_id, Deel.AANVRAAG) in dekking
        grant_put(grants, group_id, perms_for(deel, leest), grant)
    return grants


def groups_reading(dekking: Grants) -> dict[int, Grant]:
    """The groups that may read the intake (covered for `aanvraag`), with why and how long."""
    return {group_id: grant for (group_id, deel), grant in dekking.items()
            if deel == Deel.AANVRAAG}


def werkvoorraad_velden(intake: Intake) -> dict[str, Any]:
    """The intake's facts that its permission rows carry for the queue (see _IntakeGrant)."""
    return {"in_werkvoorraad": intake.status != IntakeStatus.AFGEROND,
            "volgorde": werkvoorraad_volgorde(urgentie=intake.urgentie,
                                              ingediend_op=intake.ingediend_op)}


def werkvoorraad_sync(*, intake_id: int, status: str) -> None:
    """Keep the queue copy on the permission rows in step after the intake's status changed."""
    open_ = status != IntakeStatus.AFGEROND
    for model in (IntakeGroupObjectPermission, IntakeUserObjectPermission):
        model.objects.filter(content_object_id=intake_id).exclude(
            in_werkvoorraad=open_).update(in_werkvoorraad=open_)


def intake_grants_sync(*, intake: Intake, now: datetime | None = None, nieuw: bool = False,
                       toestemmingen: list[Toestemming] | None = None) -> None:
    """Make the permission rows of `intake` (and, through `hooks.grants_sync`, of its casus)
    exactly what the sources give. `nieuw`: the intake was stored in this transaction and has
    no rows yet (submission), with the consents given in `toestemmingen`."""
    now = now or timezone.now()
    if not nieuw:
        # The caller's object may predate a change of team, wijk or status in this
        # transaction (forwarded, picked up): the rows follow the stored intake.
        intake.status, intake.team_id, intake.wijk_id = Intake.objects.values_list(
            "status", "team_id", "wijk_id").get(pk=intake.pk)
        for cached in ("team", "wijk"):
            field = Intake._meta.get_field(cached)
            if field.is_cached(intake):  # type: ignore[union-attr]
                field.delete_cached_value(intake)  # type: ignore[union-attr]
    dekking = intake_dekking(intake, now, nieuw=nieuw,
                             toestemmingen=toestemmingen if nieuw else None)
    groups = perms_from_dekking(dekking, _intake_perms)
    users: Grants = {}
    hooks.grants_sync(intake, now, nieuw, dekking, users)
    queue = werkvoorraad_velden(intake)
    grants_apply(IntakeGroupObjectPermission, "group", intake, grants_only(groups, INTAKE_ALL),
                 nieuw=nieuw, extra=queue)
    grants_apply(IntakeUserObjectPermission, "user", intake, grants_only(users, INTAKE_ALL),
                 nieuw=nieuw, extra=queue)


def grants_cleanup(*, now: datetime | None = None) -> int:
    """Re-sync intakes whose time-limited rows have run out (the gate already ignores them)."""
    now = now or timezone.now()
    ids = set(IntakeGroupObjectPermission.objects.filter(geldig_tot__lte=now)
              .values_list("content_object_id", flat=True)[:500])
    ids |= set(IntakeUserObjectPermission.objects.filter(geldig_tot__lte=now)
               .values_list("content_object_id", flat=True)[:500])
    for intake in Intake.objects.filter(pk__in=ids).select_related("team", "wijk"):
        with transaction.atomic():
            intake_grants_sync(intake=intake, now=now)
    return len(ids)
