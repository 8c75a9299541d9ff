"""Keep django-guardian's object permissions in step with their sources.

Routing, consent, safety overrides and roles in a case are the source of truth; the permission
rows on Intake and Casus are derived from them by `intake_grants_sync`, which every service
that changes a source calls inside its own transaction. Each row carries its basis (`grond`)
and, when the source is time-limited, `geldig_tot`: the gate treats a row past that moment as
absent, so access ends on time even before the periodic clean-up runs.

| source | who | Intake | Casus |
|---|---|---|---|
| routing | the front-door team | view, aanvullen, export, bijlagen | view, change, export |
| consent (per wet) | teams of that wet in the wijk | view (+ bijlagen), by scope | view (plan) |
| safety override | the named teams, until `einde` | view, bijlagen | view |
| regiehouder | the person, if their team is covered above | all | all |
| betrokken person | the person, if their team is covered | view (+ bijlagen) | view, change |
| betrokken team | the team, if covered | (as covered) | view, change |
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from toegang.core.procescache import ProcesCache
from toegang.organisatie.selectors import teams_serving

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
CASUS_VIEW = "view_casus"
CASUS_CHANGE = "change_casus"
CASUS_EXPORT = "export_casus"
CASUS_ALL = (CASUS_VIEW, CASUS_CHANGE, CASUS_EXPORT)


@dataclass(frozen=True)
class Grant:
    grond: str
    geldig_tot: datetime | None

    def outlasts(self, other: "Grant") -> bool:
        if self.geldig_tot is None:
            return other.geldig_tot is not None
        return other.geldig_tot is not None and self.geldig_tot > other.geldig_tot


Key = tuple[int, str]  # (group or user id, permission codename)
Grants = dict[Key, Grant]


def _put(target: Grants, owner_id: int, perms: tuple[str, ...] | list[str], grant: Grant) -> None:
    for perm in perms:
        current = target.get((owner_id, perm))
        if current is None or grant.outlasts(current):
            target[(owner_id, perm)] = grant


def scope_perms(scope: list[str]) -> list[str]:
    """What a consent with this scope lets a team do."""
    perms: list[str] = []
    if ScopeDeel.AANVRAAG in scope:
        perms.append(VIEW)
        if ScopeDeel.BIJLAGEN in scope:
            perms.append(BIJLAGEN)
    if ScopeDeel.PLAN in scope:
        perms.append(CASUS_VIEW)
    return perms


def desired_grants(intake: Intake, now: datetime, *, nieuw: bool = False,
                   toestemmingen: list[Toestemming] | None = None) -> tuple[Grants, Grants]:
    """Work out which groups and which users should hold which permission, and why.
    `nieuw`: the intake was stored in this transaction, so it has no override or casus yet."""
    groups: Grants = {}
    users: Grants = {}

    # The team the resident asked for help.
    _put(groups, intake.team.group_id, INTAKE_ALL + CASUS_ALL, Grant(Grond.ROUTERING, None))

    # Teams of another wet: only while a matching consent is given.
    if toestemmingen is None:
        toestemmingen = list(Toestemming.objects.filter(
            intake=intake, status=ToestemmingStatus.GEGEVEN, withdrawn_at__isnull=True))
    for consent in toestemmingen:
        if not consent.is_active(now):
            continue
        grant = Grant(f"{Grond.TOESTEMMING}:{consent.pk}", consent.expires_at)
        for team in teams_serving(wijk=intake.wijk, wet=consent.wet):
            _put(groups, team.group_id, scope_perms(consent.scope), grant)

    if nieuw:
        return groups, users

    # A safety override: the needed teams, for a limited time, without consent.
    for melding in (Veiligheidsmelding.objects.filter(intake=intake, einde__gt=now, begin__lte=now)
                    .exclude(beoordeling="beeindigd").prefetch_related("teams")):
        grant = Grant(f"{Grond.VEILIGHEID}:{melding.pk}", melding.einde)
        for team in melding.teams.all():
            _put(groups, team.group_id, (VIEW, BIJLAGEN, CASUS_VIEW), grant)

    _case_roles(intake, now, groups, users)
    return groups, users


def _case_roles(intake: Intake, now: datetime, groups: Grants, users: Grants) -> None:
    """A role in the case gives access, but only to people whose team is covered already:
    a regiehouder or betrokkene from another wet still needs the resident's consent."""
    from casussen.models import Betrokkenheid, Casus, Regiehouderschap

    casus = Casus.objects.filter(intake=intake).first()
    if casus is None:
        return
    covered = {group_id: grant for (group_id, perm), grant in groups.items() if perm == VIEW}
    with_files = {group_id for (group_id, perm) in groups if perm == BIJLAGEN}

    for regie in Regiehouderschap.objects.filter(casus=casus, einde__isnull=True) \
            .select_related("team"):
        cover = covered.get(regie.team.group_id)
        if cover:
            _put(users, regie.user_id, INTAKE_ALL + CASUS_ALL,
                 Grant(Grond.REGIEHOUDER, cover.geldig_tot))

    for betrokken in Betrokkenheid.objects.filter(casus=casus, begin__lte=now) \
            .exclude(einde__lte=now).select_related("team"):
        cover = covered.get(betrokken.team.group_id)
        if cover is None:
            continue
        grant = Grant(f"{Grond.BETROKKEN}:{betrokken.pk}", cover.geldig_tot)
        if betrokken.user_id:
            perms = [VIEW, CASUS_VIEW, CASUS_CHANGE]
            if betrokken.team.group_id in with_files:
                perms.append(BIJLAGEN)
            _put(users, betrokken.user_id, perms, grant)
        else:
            _put(groups, betrokken.team.group_id, (CASUS_VIEW, CASUS_CHANGE), grant)


_PERM_IDS: ProcesCache[dict[str, int]] = ProcesCache("permissie-ids", ttl=3600,
                                                     models=(Permission,))


def _permission_ids() -> dict[str, int]:
    return _PERM_IDS.get("alle", lambda: dict(Permission.objects.filter(
        content_type__app_label__in=["intake", "casussen"],
        codename__in=INTAKE_ALL + CASUS_ALL).values_list("codename", "id")))


def _apply(model: type[Model], owner_field: str, obj: Model, wanted: Grants,
           perm_ids: dict[str, int], *, nieuw: bool = False,
           extra: dict[str, Any] | None = None) -> None:
    codename_by_id = {v: k for k, v in perm_ids.items()}
    rows = [] if nieuw else model.objects.filter(content_object=obj)  # type: ignore[attr-defined]
    existing = {(getattr(row, f"{owner_field}_id"), codename_by_id.get(row.permission_id, "")): row
                for row in rows}
    stale = [row.pk for key, row in existing.items() if key not in wanted]
    if stale:
        model.objects.filter(pk__in=stale).delete()  # type: ignore[attr-defined]
    new = []
    for key, grant in wanted.items():
        row = existing.get(key)
        if row is None:
            new.append(model(**{f"{owner_field}_id": key[0]}, permission_id=perm_ids[key[1]],
                             content_object=obj, grond=grant.grond,
                             geldig_tot=grant.geldig_tot, **(extra or {})))
        else:
            changed = {name: value for name, value in
                       {"grond": grant.grond, "geldig_tot": grant.geldig_tot,
                        **(extra or {})}.items() if getattr(row, name) != value}
            if changed:
                model.objects.filter(pk=row.pk).update(**changed)  # type: ignore[attr-defined]
    model.objects.bulk_create(new)  # type: ignore[attr-defined]


def permission_id(codename: str) -> int:
    """The id of an intake or casus permission (cached per process)."""
    return _permission_ids()[codename]


def _valid(now: datetime) -> Q:
    return Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=now)


def granted_rows(group_model: type[Model], user_model: type[Model], *, user: Any,
                 codename: str, now: datetime | None = None) -> tuple[QuerySet, QuerySet]:
    """The valid `codename` permission rows of `user`: through a team, and personal.

    Uncorrelated, so a list can be answered as a semi-join that starts from the user's own
    rows (one index range per team) instead of testing every row of the table against them."""
    valid = _valid(now or timezone.now())
    teams = user.groups.through.objects.filter(user_id=user.pk).values("group_id")
    via_team = group_model.objects.filter(  # type: ignore[attr-defined]
        valid, permission_id=permission_id(codename), group_id__in=teams)
    personal = user_model.objects.filter(  # type: ignore[attr-defined]
        valid, permission_id=permission_id(codename), user_id=user.pk)
    return via_team, personal


def granted_ids(group_model: type[Model], user_model: type[Model], *, user: Any,
                codename: str) -> QuerySet:
    """Ids of the objects `user` holds a valid `codename` permission on."""
    via_team, personal = granted_rows(group_model, user_model, user=user, codename=codename)
    return via_team.values("content_object_id").union(personal.values("content_object_id"))


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


def _split(grants: Grants, perms: tuple[str, ...]) -> Grants:
    return {key: grant for key, grant in grants.items() if key[1] in perms}


def intake_grants_sync(*, intake: Intake, now: datetime | None = None, nieuw: bool = False,
                       toestemmingen: list[Toestemming] | None = None) -> None:
    """Make the permission rows of `intake` (and its casus) exactly what the sources give.
    `nieuw`: the intake was stored in this transaction and has no rows yet (submission), with
    the consents given in `toestemmingen`."""
    from casussen.models import Casus, CasusGroupObjectPermission, CasusUserObjectPermission

    now = now or timezone.now()
    groups, users = desired_grants(intake, now, nieuw=nieuw,
                                   toestemmingen=toestemmingen if nieuw else None)
    perm_ids = _permission_ids()
    if not nieuw:  # the caller's object may predate a status change in this transaction
        intake.status = Intake.objects.values_list("status", flat=True).get(pk=intake.pk)
    queue = werkvoorraad_velden(intake)
    _apply(IntakeGroupObjectPermission, "group", intake, _split(groups, INTAKE_ALL), perm_ids,
           nieuw=nieuw, extra=queue)
    _apply(IntakeUserObjectPermission, "user", intake, _split(users, INTAKE_ALL), perm_ids,
           nieuw=nieuw, extra=queue)
    if nieuw:
        return
    casus = Casus.objects.filter(intake=intake).first()
    if casus is not None:
        _apply(CasusGroupObjectPermission, "group", casus, _split(groups, CASUS_ALL), perm_ids)
        _apply(CasusUserObjectPermission, "user", casus, _split(users, CASUS_ALL), perm_ids)
