from django.contrib.auth.models import AbstractUser
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


class User(AbstractUser):
    """Everyone who logs in: residents (inwoners) and staff, told apart by `rol`."""

    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices, default=Rol.INWONER,
                           db_index=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    functie = models.CharField(_("functie"), max_length=100, blank=True,
                               help_text=_("Zoals inwoners het lezen, bijv. 'wijkcoach'."))

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.UniqueConstraint(Lower("email"), condition=~models.Q(email=""),
                                    name="accounts_user_email_ci_unique"),
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
