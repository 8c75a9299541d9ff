"""Writes on user accounts."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

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
