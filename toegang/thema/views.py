"""The theme's CSS and its logo and favicon: public, same origin, no inline styles needed."""

import logging

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from .bestanden import EXTENSIE
from .models import Thema
from .services import actief_thema, standaard

logger = logging.getLogger("toegang.thema")

JAAR = 365 * 24 * 3600


def _css_response(css: str, cache_control: str) -> HttpResponse:
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _css() -> tuple[str, str]:
    w = actief_thema()
    try:
        return w.css, w.versie
    except Exception:  # actief_thema renders once already; this is the last line of defence
        logger.exception("thema-CSS niet te maken; het standaardthema wordt gebruikt")
        w = standaard()
        return w.css, w.versie


@require_safe
def thema_css(request: HttpRequest) -> HttpResponse:
    """/thema.css: always the active theme, checked again on every use."""
    css, _versie = _css()
    return _css_response(css, "no-cache")


@require_safe
def thema_css_versie(request: HttpRequest, versie: str) -> HttpResponse:
    """/thema/<versie>.css: the URL the pages link to. It changes with every change of the
    theme, so browsers may keep it for a year. An old version gets today's CSS, uncached."""
    css, huidig = _css()
    if versie != huidig:
        return _css_response(css, "no-cache")
    return _css_response(css, f"public, max-age={JAAR}, immutable")


@require_safe
def thema_bestand(request: HttpRequest, veld: str, versie: str) -> FileResponse:
    """A theme's logo or favicon, named by (the start of) its sha256, as it was checked on
    upload (its type from its content). Public: it is on every page."""
    if veld not in ("logo", "favicon") or len(versie) != 16 or versie.strip("0123456789abcdef"):
        raise Http404
    thema = Thema.objects.filter(**{f"{veld}_sha256__startswith": versie}).first()
    if thema is None:
        raise Http404
    bestand = getattr(thema, veld)
    content_type = getattr(thema, f"{veld}_type")
    if not bestand or content_type not in EXTENSIE:
        raise Http404
    try:
        handle = default_storage.open(bestand.name, "rb")
    except OSError as exc:
        raise Http404 from exc
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = f"public, max-age={JAAR}, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response
