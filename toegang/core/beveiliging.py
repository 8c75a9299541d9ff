"""The security log: every refused request, written as one structured warning to the
`toegang.beveiliging` logger (see docs/security.md).

A refusal is logged where the response is made, not where the gate is asked: views also ask
the gates to decide what to show (may this user see the files?), and those answers are not
attempts. So the gates and the role decorators raise `Geweigerd` (an `Http404` that knows what
was refused and why), and the 404 handler and the CSRF failure view write the record. The
answer itself stays the same for "missing" and "not allowed".

A record holds the user id and role, the method, the URL pattern with the numeric ids that
filled it, the object type and id, the reason and the request id and address of the requester:
never a name, a text, a token or anything else of the resident.
"""

import logging
import re
from typing import Any

from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import defaults

from .verzoek import client_ip

logger = logging.getLogger("toegang.beveiliging")

# Why a request was refused (the `reden` of a record).
BESTAAT_NIET = "bestaat_niet"          # no such object (a typo, a stale link, or probing)
GEEN_RECHT = "geen_recht"              # the object exists, the user may not do this with it
VERKEERDE_ROL = "verkeerde_rol"        # a page of another role
NIET_GEVONDEN = "niet_gevonden"        # a 404 from a view, not from a gate
ONBEKEND_ADRES = "onbekend_adres"      # no URL pattern matches (bots, traversal attempts)
CSRF = "csrf"                          # a state-changing request without a valid CSRF token

_ONZICHTBAAR = re.compile(r"[^\x20-\x7e]")


class Geweigerd(Http404):
    """Not found or not allowed (the same answer), with what the security log needs."""

    def __init__(self, *, reden: str, object_type: str = "", object_id: Any = None,
                 model: type[Model] | None = None, actie: str = "") -> None:
        super().__init__()
        self.reden = reden
        self.object_type = object_type
        self.object_id = object_id
        self.model = model
        self.actie = actie

    def vaststellen(self) -> str:
        """`bestaat_niet` or `geen_recht`, looked up only when a refusal is logged (never on
        the gate's hot path, where a view merely asks what it may show)."""
        if self.model is None or self.reden != GEEN_RECHT:
            return self.reden
        try:
            bestaat = self.model._default_manager.filter(pk=self.object_id).exists()
        except (TypeError, ValueError, OverflowError):
            bestaat = False
        return GEEN_RECHT if bestaat else BESTAAT_NIET


def _veilig(tekst: str, limiet: int = 200) -> str:
    """Printable ASCII only, so a crafted URL cannot forge or split log lines."""
    return _ONZICHTBAAR.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"),
                            tekst)[:limiet]


def _route(request: HttpRequest) -> tuple[str, dict[str, int]]:
    """The URL pattern and its numeric values; other values (tokens, slugs) are left out."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "", {}
    ids = {k: v for k, v in match.kwargs.items() if isinstance(v, int)}
    return match.route, ids


def weigering_log(request: HttpRequest, *, reden: str, object_type: str = "",
                  object_id: Any = None, actie: str = "", detail: str = "",
                  niveau: int = logging.WARNING) -> dict[str, Any]:
    """Write one record for a refused request and return its fields."""
    user = getattr(request, "user", None)
    ingelogd = bool(user is not None and user.is_authenticated)
    route, ids = _route(request)
    velden: dict[str, Any] = {
        "reden": reden,
        "gebruiker_id": user.pk if ingelogd else None,  # type: ignore[union-attr]
        "rol": getattr(user, "rol", "") if ingelogd else "anoniem",
        "methode": _veilig(request.method or "", 10),
        # The pattern with numeric ids; the raw path only when no pattern matched (a probe).
        "route": route,
        "ids": ids,
        "pad": "" if route else _veilig(request.path),
        "object_type": object_type,
        "object_id": object_id if isinstance(object_id, int) else None,
        "actie": actie,
        "detail": _veilig(detail),
        "verzoek_id": getattr(request, "request_id", ""),
        "ip": client_ip(request) or "",
    }
    logger.log(niveau, "geweigerd reden=%s gebruiker=%s rol=%s %s %s%s object=%s:%s actie=%s "
               "verzoek=%s", reden, velden["gebruiker_id"], velden["rol"], velden["methode"],
               route or velden["pad"], f" {ids}" if ids else "", object_type or "-",
               velden["object_id"] if velden["object_id"] is not None else "-", actie or "-",
               velden["verzoek_id"], extra={"beveiliging": velden})
    return velden


def pagina_niet_gevonden(request: HttpRequest, exception: Exception | None = None
                         ) -> HttpResponse:
    """handler404: log the refusal, then answer exactly as Django's own 404 page does."""
    if isinstance(exception, Geweigerd):
        weigering_log(request, reden=exception.vaststellen(), object_type=exception.object_type,
                      object_id=exception.object_id, actie=exception.actie)
    elif getattr(request, "resolver_match", None) is None:
        # Nothing matched: a mistyped address, a bot, or ../ in a URL. Worth keeping, but
        # not a warning: the internet does this all day.
        weigering_log(request, reden=ONBEKEND_ADRES, niveau=logging.INFO)
    else:
        weigering_log(request, reden=NIET_GEVONDEN)
    return defaults.page_not_found(request, exception)


def csrf_geweigerd(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent without a valid token (a forged request, or a page left
    open too long). Logged; the page explains what to do, in Dutch."""
    weigering_log(request, reden=CSRF, detail=reason)
    return render(request, "403_csrf.html", status=403)
