"""Lockout after repeated failures, with django-axes (settings: AXES_*).

Failures count per user name and address together: a wrong password on the login page or a
wrong code in the second step. The same lockout page is shown whether or not the user name
exists, so it tells an attacker nothing about which accounts there are.
"""

from typing import Any

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .models import User


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The account's user name for what was typed (user name or e-mail address, any case),
    so that switching between the two does not buy more attempts. Unknown names count as
    typed, in lower case."""
    typed = (credentials or {}).get("username") or request.POST.get("username")
    if not typed:
        return None
    login = str(typed).strip().lower()[:150]
    cache: dict[str, str] = request.__dict__.setdefault("_toegang_axes_namen", {})
    if login not in cache:
        matches = list(User.objects.filter(Q(username__iexact=login) | Q(email__iexact=login))
                       .values_list("username", flat=True)[:2])
        cache[login] = matches[0].lower() if len(matches) == 1 else login
    return cache[login]


def _credentials(user: User) -> dict[str, str]:
    return {"username": user.get_username()}


def is_locked(*, request: HttpRequest, user: User) -> bool:
    """Whether this user name from this address has to wait."""
    return AxesProxyHandler.is_locked(request, _credentials(user))


def code_failed(*, request: HttpRequest, user: User) -> bool:
    """Count a wrong code like a wrong password; True when that locks the account out here."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def failures_clear(*, request: HttpRequest, user: User) -> None:
    """After a complete login the earlier failures from this address no longer count."""
    AxesProxyHandler.update_request(request)
    AxesProxyHandler.get_implementation().reset_user_attempts(request, _credentials(user))


def lockout_response(request: HttpRequest, original_response: HttpResponse | None = None,
                     credentials: dict[str, Any] | None = None) -> HttpResponse:
    """The page for a locked-out login (AXES_LOCKOUT_CALLABLE); also ends a half-finished
    login, so the second step cannot be tried further."""
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        logout(request)
    minuten = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/geblokkeerd.html", {"minuten": minuten},
                  status=429)
