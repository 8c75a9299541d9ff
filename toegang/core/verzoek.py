"""Facts of an HTTP request that several layers write down (the access log, the security
log, rate limits, django-axes)."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address: REMOTE_ADDR, or the last X-Forwarded-For hop when a trusted
    proxy sets it (IP_FROM_X_FORWARDED_FOR)."""
    if request is None:
        return None
    if settings.IP_FROM_X_FORWARDED_FOR:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip() or None
    return request.META.get("REMOTE_ADDR") or None
