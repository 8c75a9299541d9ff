"""The one gate for intakes. "Not found" and "not allowed" look the same: both raise 404."""

from enum import StrEnum

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from toegang.accounts.models import CASE_ROLES, Rol, User
from toegang.audit.models import grond_label  # noqa: F401  (part of the gate's vocabulary)

from . import grants
from .models import Grond, Intake, IntakeGroupObjectPermission, IntakeUserObjectPermission


class IntakeActie(StrEnum):
    VIEW = "view"
    AANVULLEN = "aanvullen"
    EXPORT = "export"
    BIJLAGEN = "bijlagen"


PERMISSION = {
    IntakeActie.VIEW: grants.VIEW,
    IntakeActie.AANVULLEN: grants.AANVULLEN,
    IntakeActie.EXPORT: grants.EXPORT,
    IntakeActie.BIJLAGEN: grants.BIJLAGEN,
}


def _group_ids(user: User) -> QuerySet:
    return User.groups.through.objects.filter(user_id=user.pk).values("group_id")


def _grant_rows(user: User, action: IntakeActie) -> tuple[QuerySet, QuerySet]:
    """Permission rows of `user` (directly or through a team) for the outer intake, still
    valid now."""
    now = timezone.now()
    valid = Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=now)
    codename = PERMISSION[action]
    group_rows = IntakeGroupObjectPermission.objects.filter(
        valid, content_object=OuterRef("pk"), permission__codename=codename,
        group_id__in=_group_ids(user))
    user_rows = IntakeUserObjectPermission.objects.filter(
        valid, content_object=OuterRef("pk"), permission__codename=codename, user_id=user.pk)
    return group_rows, user_rows


def intakes_visible_to(*, user: User, action: IntakeActie = IntakeActie.VIEW) -> QuerySet[Intake]:
    """Every intake `user` may see, filtered in the database (one query, any number of rows)."""
    if not user.is_authenticated or not user.is_active:
        return Intake.objects.none()
    if user.rol == Rol.INWONER:
        return Intake.objects.filter(inwoner_id=user.pk)
    if user.rol not in CASE_ROLES:
        return Intake.objects.none()
    group_rows, user_rows = _grant_rows(user, action)
    return Intake.objects.filter(Exists(group_rows) | Exists(user_rows))


def intake_access(*, user: User, intake_id: int, action: IntakeActie) -> Intake:
    """Return the intake if `user` may perform `action` on it, else raise Http404.

    The returned object carries `grond`: the basis of the access, for the access log.
    """
    if not user.is_authenticated or not user.is_active:
        raise Http404
    rows = Intake.objects.filter(pk=intake_id).select_related("team", "wijk")
    if user.rol == Rol.INWONER:
        rows = rows.filter(inwoner_id=user.pk).annotate(grond=Value(str(Grond.EIGEN)))
    elif user.rol in CASE_ROLES:
        group_rows, user_rows = _grant_rows(user, action)
        rows = rows.annotate(grond=Coalesce(Subquery(user_rows.values("grond")[:1]),
                                            Subquery(group_rows.values("grond")[:1])))
        rows = rows.filter(grond__isnull=False)
    else:
        raise Http404
    intake = rows.first()
    if intake is None:
        raise Http404
    return intake


