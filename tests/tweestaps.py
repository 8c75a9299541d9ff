"""Test helpers for the second login step of staff (toegang/accounts/tweestaps.py).

Codes are computed here from the device's secret with django-otp's own HOTP function, as an
authenticator app would, independently of the code the application shows in the demo.
"""

import time

from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from toegang.accounts.models import User


def totp_device(user: User) -> TOTPDevice:
    """The user's confirmed authenticator app; made (as if set up earlier) when missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator-app", confirmed=True)
    return device


def totp_code(device: TOTPDevice, *, at: float | None = None) -> str:
    """A code the app shows now that the device has not accepted before. A code is good once
    per 30-second step; a second login within the same step uses the next step (within the
    device's tolerance) and, when that is used up too, waits for the clock."""
    while True:
        device.refresh_from_db()
        now = time.time() if at is None else at
        step = (int(now) - device.t0) // device.step
        usable = max(step, device.last_t + 1)
        if usable <= step + device.tolerance:
            return f"{hotp(device.bin_key, usable, device.digits):0{device.digits}d}"
        if at is not None:
            raise AssertionError("every code of this moment is used")
        time.sleep(1)


def totp_code_from_secret(secret_hex: str, *, step: int) -> str:
    return f"{hotp(bytes.fromhex(secret_hex), step, 6):06d}"


def password_step(client, user: User, password: str, *, next_url: str = ""):  # type: ignore[no-untyped-def]
    """Only the first step at the staff login page; returns the response (not followed)."""
    url = "/medewerker/inloggen/" + (f"?next={next_url}" if next_url else "")
    return client.post(url, {"username": user.username, "password": password})


def staff_login(client, user: User, password: str):  # type: ignore[no-untyped-def]
    """The whole real login of a member of staff who set up their app earlier."""
    device = totp_device(user)
    first = password_step(client, user, password)
    assert first.status_code == 302, first.content.decode()[:500]
    return client.post(first["Location"], {"code": totp_code(device)})
