"""django-guardian's object-permission rows, written from their sources and read as one query.

The apps derive who may do what with an object (intake, casus) from the sources of truth
(routing, consent, safety overrides, roles in a case) and write the result here with
`grants_apply`: every row carries its basis (`grond`) and, when time-limited, `geldig_tot`.
Lists ask `granted_ids` (one uncorrelated subquery); a gate asks for one permission id.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.contrib.auth.models import Permission
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from .procescache import ProcesCache


@dataclass(frozen=True)
class Grant:
    """Why a group or user holds a permission, and until when (None: open-ended)."""

    grond: str
    geldig_tot: datetime | None

    def outlasts(self, other: "Grant") -> bool:
        if self.geldig_tot is None:
            return other.geldig_tot is not None
        return other.geldig_tot is not None and self.geldig_tot > other.geldig_tot


Key = tuple[int, str]  # (group or user id, permission codename)
Grants = dict[Key, Grant]


def grant_put(target: Grants, owner_id: int, perms: tuple[str, ...] | list[str],
              grant: Grant) -> None:
    """Give `owner_id` each of `perms` on this basis, unless it holds them longer already."""
    for perm in perms:
        current = target.get((owner_id, perm))
        if current is None or grant.outlasts(current):
            target[(owner_id, perm)] = grant


def grants_only(grants: Grants, perms: tuple[str, ...]) -> Grants:
    """The part of `grants` about these permission codenames."""
    return {key: grant for key, grant in grants.items() if key[1] in perms}


_PERM_IDS: ProcesCache[dict[str, int | None]] = ProcesCache("permissie-ids", ttl=3600,
                                                            models=(Permission,))


def _load_permission_ids() -> dict[str, int | None]:
    ids: dict[str, int | None] = {}
    for codename, pk in Permission.objects.values_list("codename", "id"):
        ids[codename] = None if codename in ids else pk  # None: two apps use this codename
    return ids


def _permission_ids() -> dict[str, int | None]:
    return _PERM_IDS.get("alle", _load_permission_ids)


def permission_id(codename: str) -> int:
    """The id of a permission by its codename (cached per process); a codename that two
    apps share cannot be told apart and is refused."""
    pk = _permission_ids()[codename]
    if pk is None:
        raise LookupError(f"Permission codename {codename!r} is not unique")
    return pk


def grants_apply(model: type[Model], owner_field: str, obj: Model, wanted: Grants, *,
                 nieuw: bool = False, extra: dict[str, Any] | None = None) -> None:
    """Make the rows of `model` (a group or user object-permission table) on `obj` exactly
    `wanted`: stale rows go, new ones come, changed basis or term is updated. `nieuw`: `obj`
    was made in this transaction and has no rows yet. `extra`: more columns for every row."""
    perm_ids = _permission_ids()
    codename_by_id = {v: k for k, v in perm_ids.items() if v is not None}
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
            new.append(model(**{f"{owner_field}_id": key[0]}, permission_id=permission_id(key[1]),
                             content_object=obj, grond=grant.grond,
                             geldig_tot=grant.geldig_tot, **(extra or {})))
        else:
            changed = {name: value for name, value in
                       {"grond": grant.grond, "geldig_tot": grant.geldig_tot,
                        **(extra or {})}.items() if getattr(row, name) != value}
            if changed:
                model.objects.filter(pk=row.pk).update(**changed)  # type: ignore[attr-defined]
    model.objects.bulk_create(new)  # type: ignore[attr-defined]


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
