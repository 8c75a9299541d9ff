"""The unread count in the navigation: one COUNT for a logged-in user, evaluated only when a
template shows it, and no query at all for anonymous visitors."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import ongelezen_aantal


def ongelezen(request: HttpRequest) -> dict[str, Any]:
    def aantal() -> int:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return 0
        return ongelezen_aantal(user=user)

    return {"ongelezen_berichten": SimpleLazyObject(aantal)}
