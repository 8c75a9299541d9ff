"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

from toegang.core.geheugen import web_proces_afstemmen
from toegang.metriek.tracing import tracing_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toegang.settings.production")

# Before Django builds its middleware; does nothing unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
tracing_start(dienst="web")
application = get_wsgi_application()

if os.environ.get("WEB_GC_AFSTEMMEN", "true").lower() not in {"0", "false", "no"}:
    # Freeze what lives as long as the process, views included, and raise the collector's
    # threshold (toegang/core/geheugen.py).
    web_proces_afstemmen()
