from typing import Any, ClassVar, Self

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class Rol(models.TextChoices):
    INWONER = "inwoner", _("Inwoner")
    PROFESSIONAL = "professional", _("Professional")
    TEAMLEIDER = "teamleider", _("Teamleider")
    MANAGER = "manager", _("Manager")
    BEHEERDER = "beheerder", _("Functioneel beheerder")
    PRIVACY = "privacy", _("Privacyfunctionaris")


STAFF_ROLES = frozenset({Rol.PROFESSIONAL, Rol.TEAMLEIDER, Rol.MANAGER, Rol.BEHEERDER,
                         Rol.PRIVACY})
CASE_ROLES = frozenset({Rol.PROFESSIONAL, Rol.TEAMLEIDER})


class DigidManager(models.Manager["User"]):
    """What django-digid-eherkenning asks of the user model (its `BaseDigidManager`):
    residents found by their BSN.

    Only inwoner accounts are ever found, so a BSN can never log in a member of staff; an
    unknown BSN gets a new inwoner account.
    """

    def get_by_bsn(self, bsn: str) -> "User":
        from toegang.core.bsn import bsn_hash

        return self.get(rol=Rol.INWONER, bsn_hash=bsn_hash(bsn))

    def digid_create(self, bsn: str, **kwargs: Any) -> "User":
        from .services import inwoner_digid_create

        return inwoner_digid_create(bsn=bsn)


class User(AbstractUser):
    """Everyone who logs in: residents (inwoners) and staff, told apart by `rol`."""

    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.INWONER,
                           db_index=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    berichten_per_email = models.CharField(
        _("e-mail bij nieuwe berichten"), max_length=10, default="direct",
        choices=[("direct", _("meteen, per bericht")),
                 ("dagelijks", _("één overzicht per dag")),
                 ("nooit", _("geen e-mail, alleen in Toegang"))])
    functie = models.CharField(_("functie"), max_length=100, blank=True,
                               help_text=_("Zoals inwoners het lezen, bijv. 'wijkcoach'."))
    # The BSN from DigiD, never in plain text: a Fernet token and a keyed hash to find it.
    bsn_versleuteld = models.TextField(_("BSN (versleuteld)"), blank=True)
    bsn_hash = models.CharField(_("BSN-hash"), max_length=64, blank=True, db_index=True)

    # `objects` stays the default manager; django-digid-eherkenning looks for `digid_objects`.
    objects: ClassVar[UserManager[Self]] = UserManager()
    digid_objects: ClassVar[DigidManager] = DigidManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.UniqueConstraint(Lower("email"), condition=~models.Q(email=""),
                                    name="accounts_user_email_ci_unique"),
            # One resident account per BSN (staff accounts never carry one).
            models.UniqueConstraint(fields=["bsn_hash"],
                                    condition=~models.Q(bsn_hash="") & models.Q(rol=Rol.INWONER),
                                    name="accounts_user_inwoner_bsn_unique"),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_inwoner(self) -> bool:
        return self.rol == Rol.INWONER

    @property
    def is_medewerker(self) -> bool:
        return self.rol in STAFF_ROLES

    @property
    def works_cases(self) -> bool:
        return self.rol in CASE_ROLES


class AuthenticatedRequest(HttpRequest):
    """A request that went through a login gate: `user` is a real User."""

    user: User
