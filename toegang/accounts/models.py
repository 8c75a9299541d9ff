import uuid
from typing import Any, ClassVar, Self

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models.functions import Lower
from django.http import HttpRequest
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from toegang.core.bsn import bsn_encrypt, bsn_hash, bsn_is_valid


class Rol(models.TextChoices):
    INWONER = "inwoner", _("Inwoner")
    PROFESSIONAL = "professional", _("Professional")
    TEAMLEIDER = "teamleider", _("Teamleider")
    MANAGER = "manager", _("Manager")
    BEHEERDER = "beheerder", _("Functioneel beheerder")
    PRIVACY = "privacy", _("Privacyfunctionaris")
    VERWIJZER = "verwijzer", _("Verwijzer")


# Accounts that log in on the staff page with two steps (password, then an app code). A
# referrer organisation (verwijzer) is not municipal staff but logs in the same strict way.
STAFF_ROLES = frozenset({Rol.PROFESSIONAL, Rol.TEAMLEIDER, Rol.MANAGER, Rol.BEHEERDER,
                         Rol.PRIVACY, Rol.VERWIJZER})
CASE_ROLES = frozenset({Rol.PROFESSIONAL, Rol.TEAMLEIDER})


class DigidManager(models.Manager["User"]):
    """What django-digid-eherkenning asks of the user model (its `BaseDigidManager`):
    residents found by their BSN.

    Only inwoner accounts are ever found, so a BSN can never log in a member of staff; an
    unknown BSN gets a new inwoner account.
    """

    def get_by_bsn(self, bsn: str) -> "User":
        return self.get(rol=Rol.INWONER, bsn_hash=bsn_hash(bsn))

    @transaction.atomic
    def digid_create(self, bsn: str, **kwargs: Any) -> "User":
        """A new resident account for a BSN that DigiD vouched for; it has no password.

        The library's backend calls this on the manager (as Django's login calls
        `UserManager.create_user`), so the write lives here rather than in services.py. Two
        first logins with the same BSN at once end with one account: the unique constraint
        stops the second, which then returns the first.
        """
        if not bsn_is_valid(bsn):
            raise ValidationError(_("Dit burgerservicenummer klopt niet."), code="bsn")
        user = self.model(username=f"digid-{uuid.uuid4()}", rol=Rol.INWONER,
                          bsn_versleuteld=bsn_encrypt(bsn), bsn_hash=bsn_hash(bsn))
        user.set_unusable_password()
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            return self.get_by_bsn(bsn)
        return user


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
    # Part of the hash every session carries: raising it ends all sessions of this account on
    # their next request ("overal uitloggen", switching an account off).
    sessie_versie = models.PositiveIntegerField(_("sessieversie"), default=0, editable=False)

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

    def _get_session_auth_hash(self, secret: Any = None) -> str:
        # Django's hash covers the password; ours also the session version, so a session
        # becomes invalid when either changes, without looking through the session table.
        # Version 0 gives Django's own hash, so existing sessions survive the upgrade.
        key_salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        state = self.password if not self.sessie_versie else f"{self.password}|{self.sessie_versie}"
        return salted_hmac(key_salt, state, secret=secret, algorithm="sha256").hexdigest()

    @property
    def is_inwoner(self) -> bool:
        return self.rol == Rol.INWONER

    @property
    def is_medewerker(self) -> bool:
        return self.rol in STAFF_ROLES


class AuthenticatedRequest(HttpRequest):
    """A request that went through a login gate: `user` is a real User."""

    user: User
