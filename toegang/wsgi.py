"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

from toegang.core.geheugen import gc_afstemmen
from toegang.metriek.tracing import tracing_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toegang.settings.production")

# Before Django builds its middleware; does nothing unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
tracing_start(dienst="web")
application = get_wsgi_application()

if os.environ.get("WEB_GC_AFSTEMMEN", "true").lower() not in {"0", "false", "no"}:
    # Load every view now (the URLconf imports them), then freeze what lives as long as the
    # process and raise the collector's threshold (toegang/core/geheugen.py).
    get_resolver().url_patterns  # noqa: B018 (the attribute imports the URLconf)
    gc_afstemmen()
