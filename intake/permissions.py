"""The one gate for intakes. "Not found" and "not allowed" look the same: both raise 404."""

from enum import StrEnum

from django.db.models import OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from toegang.accounts.models import CASE_ROLES, Rol, User
from toegang.audit.models import grond_label  # noqa: F401  (part of the gate's vocabulary)
from toegang.core.beveiliging import GEEN_RECHT, VERKEERDE_ROL, Geweigerd
from toegang.core.object_permissions import granted_ids, granted_rows, permission_id

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
    perm = permission_id(PERMISSION[action])
    group_rows = IntakeGroupObjectPermission.objects.filter(
        valid, content_object=OuterRef("pk"), permission_id=perm, group_id__in=_group_ids(user))
    user_rows = IntakeUserObjectPermission.objects.filter(
        valid, content_object=OuterRef("pk"), permission_id=perm, user_id=user.pk)
    return group_rows, user_rows


def intakes_visible_to(*, user: User, action: IntakeActie = IntakeActie.VIEW) -> QuerySet[Intake]:
    """Every intake `user` may see, filtered in the database (one query, any number of rows):
    a semi-join on the ids of the user's valid permission rows."""
    if not user.is_authenticated or not user.is_active:
        return Intake.objects.none()
    if user.rol == Rol.INWONER:
        return Intake.objects.filter(inwoner_id=user.pk)
    if user.rol not in CASE_ROLES:
        return Intake.objects.none()
    return Intake.objects.filter(pk__in=granted_ids(
        IntakeGroupObjectPermission, IntakeUserObjectPermission, user=user,
        codename=PERMISSION[action]))


def werkvoorraad_sleutels(*, user: User, alleen_urgent: bool = False,
                         alleen_ids: bool = False) -> QuerySet:
    """(intake id, queue key) of every open intake `user` may see, in queue order, read from
    the partial index on the permission rows alone (see `_IntakeGrant`). The same rows and the
    same validity as `intakes_visible_to`; a test keeps the two equal."""
    if not user.is_authenticated or not user.is_active or user.rol not in CASE_ROLES:
        return IntakeGroupObjectPermission.objects.none().values_list(
            "content_object_id", "volgorde")
    via_team, personal = granted_rows(
        IntakeGroupObjectPermission, IntakeUserObjectPermission, user=user,
        codename=PERMISSION[IntakeActie.VIEW])
    open_ = Q(in_werkvoorraad=True) & (Q(volgorde__lt=0) if alleen_urgent else Q())
    if alleen_ids:  # as a subquery: "one of these intakes"
        return (via_team.filter(open_).values("content_object_id")
                .union(personal.filter(open_).values("content_object_id")))
    fields = ("content_object_id", "volgorde")
    return (via_team.filter(open_).values_list(*fields)
            .union(personal.filter(open_).values_list(*fields))
            .order_by("volgorde", "content_object_id"))


def intake_may(*, user: User, intake_id: int, action: IntakeActie) -> bool:
    """Whether `intake_access` would allow `action`: for showing or hiding a link, with one
    EXISTS and no object loaded (the same rules; a test keeps the two equal)."""
    return intakes_visible_to(user=user, action=action).filter(pk=intake_id).exists()


def intake_access(*, user: User, intake_id: int, action: IntakeActie) -> Intake:
    """Return the intake if `user` may perform `action` on it, else raise Http404
    (`Geweigerd`, which tells the security log why).

    The returned object carries `grond`: the basis of the access, for the access log.
    """
    def weiger(reden: str = GEEN_RECHT) -> Geweigerd:
        return Geweigerd(reden=reden, object_type="intake", object_id=intake_id, model=Intake,
                         actie=str(action))

    if not user.is_authenticated or not user.is_active:
        raise weiger()
    rows = Intake.objects.filter(pk=intake_id).select_related("team", "wijk")
    if user.rol == Rol.INWONER:
        rows = rows.filter(inwoner_id=user.pk).annotate(grond=Value(str(Grond.EIGEN)))
    elif user.rol in CASE_ROLES:
        group_rows, user_rows = _grant_rows(user, action)
        rows = rows.annotate(grond=Coalesce(Subquery(user_rows.values("grond")[:1]),
                                            Subquery(group_rows.values("grond")[:1])))
        rows = rows.filter(grond__isnull=False)
    else:
        raise weiger(VERKEERDE_ROL)
    intake = rows.first()
    if intake is None:
        raise weiger()
    return intake


