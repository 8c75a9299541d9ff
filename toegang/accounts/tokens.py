"""The signed link that confirms a resident's e-mail address.

The token carries the account id, a fingerprint of the account (password hash, e-mail address,
last login) and where to go after logging in. It is signed with SECRET_KEY and valid for
three days; once the account has been used (a login changes the fingerprint) it no longer works.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.utils.crypto import salted_hmac

from .models import Rol, User

ACTIVATION_SALT = "toegang.accounts.activeren"
ACTIVATION_MAX_AGE = timedelta(days=3)


def _fingerprint(user: User) -> str:
    state = f"{user.pk}|{user.password}|{user.email.lower()}|{user.last_login}"
    return salted_hmac(ACTIVATION_SALT, state, algorithm="sha256").hexdigest()[:32]


def activation_token_make(*, user: User, next_url: str = "") -> str:
    """A token for the confirmation link of `user`; `next_url` is where to go after login."""
    return signing.TimestampSigner(salt=ACTIVATION_SALT).sign_object(
        {"u": user.pk, "f": _fingerprint(user), "n": next_url}, compress=True)


@dataclass(frozen=True)
class ActivationToken:
    user: User
    next_url: str
    fingerprint_matches: bool


def activation_token_read(*, token: str) -> ActivationToken | None:
    """The account the token is for, or None when it is tampered with, expired or unknown."""
    try:
        data = signing.TimestampSigner(salt=ACTIVATION_SALT).unsign_object(
            token, max_age=ACTIVATION_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    user = User.objects.filter(pk=data["u"], rol=Rol.INWONER).first()
    if user is None:
        return None
    return ActivationToken(user=user, next_url=str(data.get("n") or ""),
                           fingerprint_matches=data.get("f") == _fingerprint(user))
