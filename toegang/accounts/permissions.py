"""The gate for role pages: wrong role looks like a missing page."""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from toegang.core.beveiliging import VERKEERDE_ROL, Geweigerd

from .models import Rol


def role_required(roles: Iterable[str], *, staff: bool = True) -> Callable:
    """Allow only logged-in users with one of `roles`; others get the login page or a 404."""
    allowed = frozenset(roles)
    login_url = "accounts:staff_login" if staff else "accounts:login"

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse(login_url))
            if getattr(request.user, "rol", None) not in allowed:
                raise Geweigerd(reden=VERKEERDE_ROL)  # a 404, logged as a refusal
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


inwoner_required = role_required([Rol.INWONER], staff=False)
casework_required = role_required([Rol.PROFESSIONAL, Rol.TEAMLEIDER])
teamleider_required = role_required([Rol.TEAMLEIDER])
management_required = role_required([Rol.MANAGER, Rol.TEAMLEIDER])
