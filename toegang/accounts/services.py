"""Writes on user accounts."""

import uuid
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from toegang.berichten.services import email_queue
from toegang.core.bsn import bsn_encrypt, bsn_hash, bsn_is_valid

from .models import Rol, User
from .tokens import ACTIVATION_MAX_AGE, activation_token_make, activation_token_read

BEHEER_GROUP = "Functioneel beheer"
# Configuration only: the beheerder never reaches case content through the admin.
BEHEER_MODELS = {
    "organisatie": ["wijk", "team", "routingregel", "teamlidmaatschap", "inlooptijd"],
    "accounts": ["user"],
    "berichten": ["email"],
    # Locked-out logins (django-axes): the beheerder unlocks by deleting the row.
    "axes": ["accessattempt"],
    # Retention: the terms (edit) and what the daily job did (read only in the admin).
    "bewaren": ["bewaartermijn", "bewaaractie"],
    # The DigiD connection: SAML configuration, its certificates and signing requests.
    "digid_eherkenning": ["digidconfiguration", "configcertificate"],
    "simple_certmanager": ["certificate", "signingrequest"],
    # The clock policy: a new row per change (the admin allows no edits of old rows).
    "regie": ["termijnbeleid"],
    # The look of the resident pages per municipality (docs/thema.md).
    "thema": ["thema"],
    # The sociale kaart: local help, kept by hand or imported (docs/socialekaart.md); never
    # the record of what was suggested to whom.
    "socialekaart": ["voorziening"],
    # Referrer organisations and their accounts; never the referrals they sent. The
    # municipality's own questions in the online intake (never the answers).
    "intake": ["verwijzer", "eigenvraag", "eigenvraagversie"],
}
# Looked at for diagnosis, never changed: clocks and reminders show only the reference.
BEHEER_ALLEEN_BEKIJKEN = {
    "regie": ["termijn", "herinnering"],
}


def beheer_group_ensure() -> Group:
    """Create or refresh the group with the model permissions of the functioneel beheerder."""
    group, _ = Group.objects.get_or_create(name=BEHEER_GROUP)
    perms = Permission.objects.none()
    for app_label, models in BEHEER_MODELS.items():
        perms = perms | Permission.objects.filter(content_type__app_label=app_label,
                                                  content_type__model__in=models)
    for app_label, models in BEHEER_ALLEEN_BEKIJKEN.items():
        perms = perms | Permission.objects.filter(content_type__app_label=app_label,
                                                  codename__in=[f"view_{m}" for m in models])
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
        # The password rules (AUTH_PASSWORD_VALIDATORS) hold for every account made here.
        validate_password(password, user)
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
    """Switch an account off at once: it can no longer log in, and every open session of it
    is refused on its next request."""
    User.objects.filter(pk=user.pk).update(is_active=False,
                                           sessie_versie=F("sessie_versie") + 1)
    user.refresh_from_db(fields=["is_active", "sessie_versie"])


@transaction.atomic
def user_sessions_end(*, user: User) -> None:
    """Log the account out everywhere: each session, on any device, is refused on its next
    request. One UPDATE, however many sessions there are (see User._get_session_auth_hash)."""
    User.objects.filter(pk=user.pk).update(sessie_versie=F("sessie_versie") + 1)
    user.refresh_from_db(fields=["sessie_versie"])


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


# --- Residents without DigiD: e-mail address and password --------------------------------------


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _activation_mail(*, user: User, next_url: str) -> None:
    token = activation_token_make(user=user, next_url=next_url)
    with translation.override("nl"):
        onderwerp = _("Bevestig uw e-mailadres")
    email_queue(aan=user.email, onderwerp=onderwerp, template="berichten/email/account_bevestigen",
                context={"naam": user.first_name,
                         "url": _absolute(reverse("accounts:activate", args=[token])),
                         "dagen": ACTIVATION_MAX_AGE.days})


def _known_address_mail(*, user: User, next_url: str) -> None:
    """Tell the owner of a known address that someone tried to make an account with it."""
    if user.rol == Rol.INWONER and not user.is_active and user.last_login is None \
            and user.has_usable_password():
        # Registered before but never confirmed: a fresh confirmation link helps most.
        _activation_mail(user=user, next_url=next_url)
        return
    with translation.override("nl"):
        onderwerp = _("Iemand wilde een account maken met uw e-mailadres")
    kan_herstellen = user.rol == Rol.INWONER and user.is_active and user.has_usable_password()
    email_queue(aan=user.email, onderwerp=onderwerp, template="berichten/email/account_bestaat",
                context={"naam": user.first_name, "kan_herstellen": kan_herstellen,
                         "is_medewerker": user.rol != Rol.INWONER,
                         "inloggen_url": _absolute(reverse("accounts:login")),
                         "herstel_url": _absolute(reverse("accounts:password_reset"))})


@transaction.atomic
def inwoner_register(*, voornaam: str, achternaam: str, email: str, password: str,
                     next_url: str = "") -> User | None:
    """Make an inactive resident account and mail the link that switches it on.

    For an address that has an account already nothing is created: its owner gets a mail
    instead. The caller shows the same page either way, so the page does not tell which
    addresses have an account. Returns the new account, or None for a known address.
    """
    email = User.objects.normalize_email(email.strip())
    user = User(username=f"inwoner-{uuid.uuid4().hex}", rol=Rol.INWONER, email=email,
                first_name=voornaam.strip(), last_name=achternaam.strip(), is_active=False)
    # The password rules apply to every attempt, so an error never depends on the address.
    validate_password(password, user)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        make_password(password)  # the same work as a new account: timing tells nothing
        _known_address_mail(user=existing, next_url=next_url)
        return None
    user.set_password(password)
    user.full_clean(exclude=["password"], validate_constraints=False)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        # The same address registered at the same moment: the other request made the account.
        return None
    _activation_mail(user=user, next_url=next_url)
    return user


@dataclass(frozen=True)
class Activering:
    user: User
    next_url: str
    al_actief: bool


@transaction.atomic
def inwoner_activate(*, token: str) -> Activering:
    """Switch on the account of a confirmation link; a second click changes nothing.

    Raises ValidationError when the link is tampered with, expired or already used up.
    """
    read = activation_token_read(token=token)
    if read is None:
        raise ValidationError(_("Deze link klopt niet of is verlopen."), code="ongeldig")
    user = User.objects.select_for_update().get(pk=read.user.pk)
    if user.is_active:
        return Activering(user=user, next_url=read.next_url, al_actief=True)
    if not read.fingerprint_matches:
        raise ValidationError(_("Deze link klopt niet of is verlopen."), code="ongeldig")
    user.is_active = True
    user.save(update_fields=["is_active"])
    return Activering(user=user, next_url=read.next_url, al_actief=False)
