"""Writes on user accounts."""

import uuid

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from toegang.core.bsn import bsn_encrypt, bsn_hash, bsn_is_valid

from .models import Rol, User

BEHEER_GROUP = "Functioneel beheer"
# Configuration only: the beheerder never reaches case content through the admin.
BEHEER_MODELS = {
    "organisatie": ["wijk", "team", "routingregel", "teamlidmaatschap"],
    "accounts": ["user"],
    "berichten": ["email"],
}


def beheer_group_ensure() -> Group:
    """Create or refresh the group with the model permissions of the functioneel beheerder."""
    group, _ = Group.objects.get_or_create(name=BEHEER_GROUP)
    perms = Permission.objects.none()
    for app_label, models in BEHEER_MODELS.items():
        perms = perms | Permission.objects.filter(content_type__app_label=app_label,
                                                  content_type__model__in=models)
    group.permissions.set(perms)
    return group


@transaction.atomic
def user_create(*, username: str, rol: str, password: str | None = None, email: str = "",
                first_name: str = "", last_name: str = "", functie: str = "",
                telefoon: str = "") -> User:
    """Create a user of `rol`; a functioneel beheerder also gets the admin and its permissions."""
    user = User(username=username, email=email.strip(), first_name=first_name,
                last_name=last_name, rol=rol, functie=functie, telefoon=telefoon,
                is_staff=rol == Rol.BEHEERDER)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    if rol == Rol.BEHEERDER:
        user.groups.add(beheer_group_ensure())
    return user


@transaction.atomic
def user_deactivate(*, user: User) -> None:
    """Switch an account off at once: it can no longer log in."""
    user.is_active = False
    user.save(update_fields=["is_active"])


@transaction.atomic
def inwoner_digid_create(*, bsn: str) -> User:
    """A new resident account for a BSN that DigiD vouched for; it has no password.

    Two first logins with the same BSN at once end with one account: the unique constraint
    stops the second, which then returns the first.
    """
    if not bsn_is_valid(bsn):
        raise ValidationError(_("Dit burgerservicenummer klopt niet."), code="bsn")
    user = User(username=f"digid-{uuid.uuid4()}", rol=Rol.INWONER,
                bsn_versleuteld=bsn_encrypt(bsn), bsn_hash=bsn_hash(bsn))
    user.set_unusable_password()
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        return User.digid_objects.get_by_bsn(bsn)
    return user


@transaction.atomic
def inwoner_bsn_set(*, user: User, bsn: str) -> User:
    """Store a resident's BSN encrypted, so DigiD with that BSN logs in to this account."""
    if user.rol != Rol.INWONER:
        raise ValidationError(_("Alleen een inwoner kan met DigiD inloggen."), code="rol")
    if not bsn_is_valid(bsn):
        raise ValidationError(_("Dit burgerservicenummer klopt niet."), code="bsn")
    hashed = bsn_hash(bsn)
    if User.objects.filter(rol=Rol.INWONER, bsn_hash=hashed).exclude(pk=user.pk).exists():
        raise ValidationError(_("Dit burgerservicenummer hoort al bij een ander account."),
                              code="bsn_bestaat")
    user.bsn_versleuteld = bsn_encrypt(bsn)
    user.bsn_hash = hashed
    user.save(update_fields=["bsn_versleuteld", "bsn_hash"])
    return user
