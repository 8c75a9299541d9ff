"""The one gate for cases. "Not found" and "not allowed" look the same: both raise 404."""

from enum import StrEnum

from django.db.models import OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from intake.models import Grond
from toegang.accounts.models import CASE_ROLES, Rol, User
from toegang.core.beveiliging import GEEN_RECHT, VERKEERDE_ROL, Geweigerd
from toegang.core.object_permissions import granted_ids, permission_id

from . import grants as casus_grants
from .models import Casus, CasusGroupObjectPermission, CasusUserObjectPermission


class CasusActie(StrEnum):
    VIEW = "view"
    CHANGE = "change"
    EXPORT = "export"


PERMISSION = {
    CasusActie.VIEW: casus_grants.CASUS_VIEW,
    CasusActie.CHANGE: casus_grants.CASUS_CHANGE,
    CasusActie.EXPORT: casus_grants.CASUS_EXPORT,
}


def _grant_rows(user: User, action: CasusActie) -> tuple[QuerySet, QuerySet]:
    valid = Q(geldig_tot__isnull=True) | Q(geldig_tot__gt=timezone.now())
    perm = permission_id(PERMISSION[action])
    groups = User.groups.through.objects.filter(user_id=user.pk).values("group_id")
    group_rows = CasusGroupObjectPermission.objects.filter(
        valid, content_object=OuterRef("pk"), permission_id=perm, group_id__in=groups)
    user_rows = CasusUserObjectPermission.objects.filter(
        valid, content_object=OuterRef("pk"), permission_id=perm, user_id=user.pk)
    return group_rows, user_rows


def casussen_visible_to(*, user: User, action: CasusActie = CasusActie.VIEW) -> QuerySet[Casus]:
    """Every case `user` may see, filtered in the database with one query."""
    if not user.is_authenticated or not user.is_active:
        return Casus.objects.none()
    if user.rol == Rol.INWONER:
        return Casus.objects.filter(intake__inwoner_id=user.pk)
    if user.rol not in CASE_ROLES:
        return Casus.objects.none()
    return Casus.objects.filter(pk__in=granted_ids(
        CasusGroupObjectPermission, CasusUserObjectPermission, user=user,
        codename=PERMISSION[action]))


def casus_may(*, user: User, casus_id: int, action: CasusActie) -> bool:
    """Whether `casus_access` would allow `action`: for showing or hiding a button, with one
    EXISTS and no object loaded (the same rules; a test keeps the two equal)."""
    if user.is_authenticated and user.rol == Rol.INWONER and action != CasusActie.VIEW:
        return False
    return casussen_visible_to(user=user, action=action).filter(pk=casus_id).exists()


def casus_access(*, user: User, casus_id: int, action: CasusActie) -> Casus:
    """Return the case if `user` may perform `action` on it, else raise Http404
    (`Geweigerd`, which tells the security log why).

    The returned object carries `grond`, the basis of the access, for the access log.
    Residents may only view their own case.
    """
    def weiger(reden: str = GEEN_RECHT) -> Geweigerd:
        return Geweigerd(reden=reden, object_type="casus", object_id=casus_id, model=Casus,
                         actie=str(action))

    if not user.is_authenticated or not user.is_active:
        raise weiger()
    rows = Casus.objects.filter(pk=casus_id).select_related("intake", "team")
    if user.rol == Rol.INWONER:
        if action != CasusActie.VIEW:
            raise weiger()
        rows = rows.filter(intake__inwoner_id=user.pk).annotate(grond=Value(str(Grond.EIGEN)))
    elif user.rol in CASE_ROLES:
        group_rows, user_rows = _grant_rows(user, action)
        rows = rows.annotate(grond=Coalesce(Subquery(user_rows.values("grond")[:1]),
                                            Subquery(group_rows.values("grond")[:1])))
        rows = rows.filter(grond__isnull=False)
    else:
        raise weiger(VERKEERDE_ROL)
    casus = rows.first()
    if casus is None:
        raise weiger()
    return casus
