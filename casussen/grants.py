"""The object permissions of a casus, kept in step with the intake's (see `intake.grants`).

Registered on the hook `intake.hooks.grants_sync`, so every change of a source (routing,
consent, safety override, a role in the case) brings the casus rows in step in the same
transaction as the intake's.

| source | who | Casus |
|---|---|---|
| routing (part `behandelen`) | the front-door team | view, change, export |
| consent or override with the plan (part `plan`) | those teams | view |
| regiehouder | the person, if their team is covered | all (and all on the intake) |
| betrokken person | the person, if their team is covered | view, change (and view, files) |
| betrokken team | the team, if covered | view, change |

A role in the case gives access only to people whose team is covered already: a regiehouder
or betrokkene from another wet still needs the resident's consent.
"""

from datetime import datetime

from intake.grants import (
    BIJLAGEN,
    INTAKE_ALL,
    VIEW,
    Deel,
    groups_reading,
    intake_grants_sync,
    perms_from_dekking,
)
from intake.models import Grond, Intake
from toegang.core.object_permissions import Grant, Grants, grant_put, grants_apply, grants_only

from .models import (
    Betrokkenheid,
    Casus,
    CasusGroupObjectPermission,
    CasusUserObjectPermission,
    Regiehouderschap,
)

CASUS_VIEW = "view_casus"
CASUS_CHANGE = "change_casus"
CASUS_EXPORT = "export_casus"
CASUS_ALL = (CASUS_VIEW, CASUS_CHANGE, CASUS_EXPORT)


def _casus_perms(deel: str, leest: bool) -> tuple[str, ...]:
    """What coverage of one part of the record lets a team do with the casus."""
    perms: dict[str, tuple[str, ...]] = {Deel.PLAN: (CASUS_VIEW,), Deel.BEHANDELEN: CASUS_ALL}
    return perms.get(deel, ())


def _rollen(casus: Casus, now: datetime, dekking: Grants, groups: Grants,
            users: Grants) -> None:
    """Grants that come from a role in the casus, for people and teams already covered."""
    covered = groups_reading(dekking)
    with_files = {group_id for (group_id, deel) in dekking if deel == Deel.BIJLAGEN}

    for regie in Regiehouderschap.objects.filter(casus=casus).actief().select_related("team"):
        cover = covered.get(regie.team.group_id)
        if cover:
            grant_put(users, regie.user_id, INTAKE_ALL + CASUS_ALL,
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
            grant_put(users, betrokken.user_id, perms, grant)
        else:
            grant_put(groups, betrokken.team.group_id, (CASUS_VIEW, CASUS_CHANGE), grant)


def casus_grants_sync(intake: Intake, now: datetime, nieuw: bool, dekking: Grants,
                      users: Grants) -> None:
    """Add the intake permissions of the people with a role in the casus to `users`, and make
    the casus' own rows exactly what coverage and roles give."""
    if nieuw:
        return  # stored in this transaction: no casus yet
    casus = Casus.objects.filter(intake=intake).first()
    if casus is None:
        # A request linked to an existing casus: the people with a role in that casus work on
        # it too, where their team is covered for this request. The casus' own rows follow
        # the casus' own intake.
        gekoppeld = Casus.objects.filter(gekoppelde_aanvragen__intake=intake).first()
        if gekoppeld is not None:
            _rollen(gekoppeld, now, dekking, {}, users)
        return
    groups = perms_from_dekking(dekking, _casus_perms)
    _rollen(casus, now, dekking, groups, users)
    grants_apply(CasusGroupObjectPermission, "group", casus, grants_only(groups, CASUS_ALL))
    grants_apply(CasusUserObjectPermission, "user", casus, grants_only(users, CASUS_ALL))


def casus_grants_sync_all(*, casus: Casus, now: datetime | None = None) -> None:
    """Bring the rows of the casus' own intake and of every request linked to it in step
    (after a change of regiehouder or of the people involved)."""
    intake_grants_sync(intake=casus.intake, now=now)
    for gekoppeld in Intake.objects.filter(koppeling__casus=casus):
        intake_grants_sync(intake=gekoppeld, now=now)
