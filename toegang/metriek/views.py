"""The metrics endpoint for Prometheus: `/metrics/`, only with the bearer token.

Without METRICS_TOKEN the endpoint does not exist (404); a request without the right token
gets the same 404, as every refusal in Toegang does. The token is compared in constant time.
"""

import hmac
import os

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.multiprocess import MultiProcessCollector

from .collector import ToegangCollector


def token_ok(request: HttpRequest) -> bool:
    verwacht = settings.METRICS_TOKEN
    schema, _spatie, gegeven = request.headers.get("Authorization", "").partition(" ")
    return bool(verwacht) and schema.lower() == "bearer" and hmac.compare_digest(
        gegeven.strip().encode(), verwacht.encode())


def registry() -> CollectorRegistry:
    """django-prometheus' metrics (requests, database, cache) and ours. Under gunicorn with
    several workers (PROMETHEUS_MULTIPROC_DIR set) the first come from every worker's files,
    so any worker answers for all of them."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(REGISTRY)
    registry.register(ToegangCollector())
    return registry


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    if not token_ok(request):
        raise Http404
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
