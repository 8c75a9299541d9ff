"""WSGI entry point for gunicorn."""

import os

from django.core.wsgi import get_wsgi_application

from toegang.metriek.tracing import tracing_start

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toegang.settings.production")

# Before Django builds its middleware; does nothing unless OTEL_EXPORTER_OTLP_ENDPOINT is set.
tracing_start(dienst="web")
application = get_wsgi_application()
