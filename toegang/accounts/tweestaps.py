"""Two-factor login for staff: an authenticator app (TOTP) and one-time backup codes.

Built on django-otp (docs/decisions.md, decision 12): `TOTPDevice` holds the app's secret,
`StaticDevice` with its `StaticToken`s the backup codes. A session is verified when
`django_otp.login` has stored the device that accepted a code.
"""

import base64
import time
from dataclasses import dataclass

import qrcode
import qrcode.image.svg
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp.models import Device
from django_otp.oath import hotp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import User
from .services import user_sessions_end

APP_NAAM = "Authenticator-app"
RESERVECODES_NAAM = "Reservecodes"
RESERVECODES_AANTAL = 10


@dataclass(frozen=True)
class Verificatie:
    device: Device | None
    # Set when the device refuses codes for a moment after wrong ones (django-otp throttling).
    wachten: bool = False


def tweestaps_configured(*, user: User) -> bool:
    """Whether the account has a confirmed authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_secret_text(*, device: TOTPDevice) -> str:
    """The secret as an app expects it when typed in: base32, in groups of four."""
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(*, device: TOTPDevice, label: str) -> SafeString:
    """The otpauth:// link of `device` as an inline SVG QR code (no script, no style)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage,
                        box_size=10, border=4)
    svg = image.to_string(encoding="unicode")
    svg = svg[svg.index("<svg"):]  # without the XML declaration
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" '
                                 'class="qr-code" ', 1))


def totp_code_now(*, device: TOTPDevice) -> str | None:
    """The code the app shows now that the device would still accept, or None when the
    codes of this moment are used up (wait half a minute). For the demo hint only."""
    now_t = (int(time.time()) - device.t0) // device.step + device.drift
    step = max(now_t, device.last_t + 1)
    if step > now_t + device.tolerance:
        return None
    return f"{hotp(device.bin_key, step, device.digits):0{device.digits}d}"


@transaction.atomic
def totp_enrolment_start(*, user: User) -> TOTPDevice:
    """The app being set up for `user`: the same unconfirmed secret on every reload, or a new
    one. Refused when the account already has a confirmed app."""
    if tweestaps_configured(user=user):
        raise ValidationError(_("Tweestapsverificatie is al ingesteld."), code="ingesteld")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAAM, confirmed=False)
    return device


@transaction.atomic
def totp_enrolment_confirm(*, user: User, code: str) -> Verificatie:
    """Confirm the app being set up with a code it shows."""
    device = (TOTPDevice.objects.select_for_update()
              .filter(user=user, confirmed=False).order_by("pk").first())
    if device is None:
        return Verificatie(device=None)
    if not device.verify_is_allowed()[0]:
        return Verificatie(device=None, wachten=True)
    if not device.verify_token(_digits(code)):
        return Verificatie(device=None)
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # One app per account: older (unfinished) set-ups go.
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    return Verificatie(device=device)


@transaction.atomic
def reservecodes_make(*, user: User) -> list[str]:
    """A new set of one-time backup codes; the previous set stops working."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RESERVECODES_NAAM, defaults={"confirmed": True})
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RESERVECODES_AANTAL)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def reservecodes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def tweestaps_verify(*, user: User, code: str) -> Verificatie:
    """Check a code from the app (6 digits) or a backup code (used up when it works)."""
    digits = _digits(code)
    if len(digits) == 6 and digits.isdigit():
        devices: list[Device] = list(TOTPDevice.objects.select_for_update()
                                     .filter(user=user, confirmed=True))
        token = digits
    else:
        devices = list(StaticDevice.objects.select_for_update().filter(user=user, confirmed=True))
        token = digits.lower()
    for device in devices:
        allowed, _info = device.verify_is_allowed()
        if not allowed:
            return Verificatie(device=None, wachten=True)
        if device.verify_token(token):
            return Verificatie(device=device)
    return Verificatie(device=None)


@transaction.atomic
def tweestaps_reset(*, user: User) -> None:
    """Remove the app and the backup codes (a lost phone): the next login sets up a new app.
    Every session of the account ends at once."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    user_sessions_end(user=user)


@transaction.atomic
def totp_device_set_secret(*, user: User, secret: str) -> TOTPDevice:
    """Give `user` a confirmed app with a known base32 secret (the demo accounts only)."""
    key = base64.b32decode(secret.replace(" ", "").upper()).hex()
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None and device.key == key:
        return device
    TOTPDevice.objects.filter(user=user).delete()
    return TOTPDevice.objects.create(user=user, name=APP_NAAM, key=key, confirmed=True)


def _digits(code: str) -> str:
    return "".join(code.split()).replace("-", "")
