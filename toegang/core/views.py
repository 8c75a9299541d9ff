from datetime import date, timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from .health import health_report, readiness_report


def start(request: HttpRequest) -> HttpResponse:
    return render(request, "core/start.html")


def _security_txt_verloopt() -> date:
    """The configured review date, or half a year ahead when none is set (RFC 9116 wants
    an Expires field, at most a year ahead)."""
    if settings.SECURITY_TXT_VERLOOPT:
        return date.fromisoformat(settings.SECURITY_TXT_VERLOOPT)
    return timezone.localdate() + timedelta(days=180)


def security_txt(request: HttpRequest) -> HttpResponse:
    """/.well-known/security.txt (RFC 9116): where to report a vulnerability."""
    verloopt = _security_txt_verloopt()
    regels = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {verloopt.isoformat()}T23:59:59Z",
        "Preferred-Languages: nl, en",
        f"Canonical: {settings.SITE_URL}{reverse('core:security_txt')}",
        f"Policy: {settings.SITE_URL}{reverse('core:kwetsbaarheid')}",
    ]
    return HttpResponse("\n".join(regels) + "\n", content_type="text/plain; charset=utf-8")


def kwetsbaarheid(request: HttpRequest) -> HttpResponse:
    """How to report a vulnerability (coordinated vulnerability disclosure)."""
    contact = settings.SECURITY_CONTACT
    return render(request, "core/kwetsbaarheid.html", {
        "contact": contact,
        "contact_adres": contact.removeprefix("mailto:"),
    })


@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Healthy when the database and the broker answer (for a load balancer and the beheerder)."""
    healthy, report = health_report()
    return JsonResponse(report, status=200 if healthy else 503)


@never_cache
def health_ready(request: HttpRequest) -> JsonResponse:
    """Kubernetes' readiness probe: ready when the database answers; the broker's state is in
    the report but does not take the pod out of service (health.readiness_report)."""
    ready, report = readiness_report()
    return JsonResponse(report, status=200 if ready else 503)


@never_cache
def health_live(request: HttpRequest) -> JsonResponse:
    """The process answers. Asks no database or broker: an outage of either must not make
    Kubernetes restart every web process (the readiness check takes them out of service)."""
    return JsonResponse({"status": "ok"})
