"""Session rules for everyone logged in: timeouts, and the second step for staff."""

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .sessies import SESSIE_LAATST, SESSIE_START

# Refresh the last-activity stamp at most this often: one session write per minute instead of
# one per request. The idle timeout is therefore exact to within a minute.
STEMPEL_INTERVAL = 60

# What a member of staff may reach after the password and before the code: the two-factor
# pages themselves, logging out, and the language switch in the page header.
OPEN_ZONDER_TWEESTAPS = frozenset({
    "accounts:otp_verify", "accounts:otp_setup", "accounts:logout", "set_language",
    "core:health", "core:health_live", "core:health_ready",
    "thema:css", "thema:css_versie", "thema:bestand",
})


def _login_url(user: Any) -> str:
    return reverse("accounts:staff_login" if user.is_medewerker else "accounts:login")


class SessieTimeoutMiddleware:
    """Log out after SESSIE_INACTIEF_*_MINUTEN without a request, and SESSIE_MAX_UREN after
    logging in, whatever happened in between. Checked on the server at every request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            ended = self._check(request, user)
            if ended is not None:
                return ended
        return self.get_response(request)

    def _check(self, request: HttpRequest, user: Any) -> HttpResponse | None:
        now = int(time.time())
        session = request.session
        started, last = session.get(SESSIE_START), session.get(SESSIE_LAATST)
        if not isinstance(started, int) or not isinstance(last, int):
            # A session from before these rules (or a login without the signal): start now.
            session[SESSIE_START] = session[SESSIE_LAATST] = now
            return None
        idle_minutes = (settings.SESSIE_INACTIEF_MEDEWERKER_MINUTEN if user.is_medewerker
                        else settings.SESSIE_INACTIEF_INWONER_MINUTEN)
        if now - last > idle_minutes * 60:
            message = ngettext("U bent uitgelogd omdat u %(n)d minuut niets deed.",
                               "U bent uitgelogd omdat u %(n)d minuten niets deed.",
                               idle_minutes) % {"n": idle_minutes}
        elif now - started > settings.SESSIE_MAX_UREN * 3600:
            message = ngettext(
                "U bent uitgelogd omdat u langer dan %(n)d uur was ingelogd.",
                "U bent uitgelogd omdat u langer dan %(n)d uur was ingelogd.",
                settings.SESSIE_MAX_UREN) % {"n": settings.SESSIE_MAX_UREN}
        else:
            if now - last >= STEMPEL_INTERVAL:
                session[SESSIE_LAATST] = now
            return None
        login_url = _login_url(user)
        logout(request)
        messages.info(request, message + " " + _("Log opnieuw in."))
        if request.method == "GET":
            return redirect_to_login(request.get_full_path(), login_url)
        return redirect(login_url)


class TweestapsMiddleware:
    """A member of staff who gave the password but not yet the code reaches only the
    two-factor pages: every other URL, existing or not, sends them to the code (or to setting
    up the app)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (user.is_authenticated and getattr(user, "is_medewerker", False)
                and not user.is_verified()  # type: ignore[attr-defined]
                and _view_name(request) not in OPEN_ZONDER_TWEESTAPS):
            if request.method == "GET":
                return redirect_to_login(request.get_full_path(),
                                         reverse("accounts:otp_verify"))
            return redirect("accounts:otp_verify")
        return self.get_response(request)


def _view_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return None
