"""Optional OpenTelemetry tracing, on only when OTEL_EXPORTER_OTLP_ENDPOINT is set
(docs/observability.md).

With the variable unset nothing of OpenTelemetry is imported and nothing is instrumented; the
packages are an optional extra (`pip install .[otel]`). With it set, the web process
(`toegang/wsgi.py`) and each Celery worker process instrument Django, psycopg, Celery and
requests, and send their spans over OTLP/HTTP to that endpoint. The SDK reads the other
standard variables itself (OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_TRACES_SAMPLER,
OTEL_EXPORTER_OTLP_HEADERS, …).

The imports sit inside the functions on purpose: an optional dependency that is loaded only
when switched on (the one other kind of import inside a function, docs/architecture.md).
"""

import logging
import os
from typing import Any

from celery.signals import worker_process_init

logger = logging.getLogger(__name__)

ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT"

_gestart = False


def tracing_aan() -> bool:
    return bool(os.environ.get(ENDPOINT, "").strip())


def tracing_start(*, dienst: str) -> bool:
    """Instrument this process once, if tracing is switched on. Returns whether it is on.

    Call before Django builds its middleware (wsgi.py does it before
    `get_wsgi_application()`), so the Django instrumentation can add its own."""
    global _gestart
    if not tracing_aan() or _gestart:
        return _gestart
    from opentelemetry import trace  # noqa: PLC0415
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import (  # noqa: PLC0415
        OTLPSpanExporter,
    )
    from opentelemetry.instrumentation.celery import CeleryInstrumentor  # noqa: PLC0415
    from opentelemetry.instrumentation.django import DjangoInstrumentor  # noqa: PLC0415
    from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor  # noqa: PLC0415
    from opentelemetry.instrumentation.requests import RequestsInstrumentor  # noqa: PLC0415
    from opentelemetry.sdk.resources import Resource  # noqa: PLC0415
    from opentelemetry.sdk.trace import TracerProvider  # noqa: PLC0415
    from opentelemetry.sdk.trace.export import BatchSpanProcessor  # noqa: PLC0415

    naam = os.environ.get("OTEL_SERVICE_NAME") or f"toegang-{dienst}"
    provider = TracerProvider(resource=Resource.create({"service.name": naam}))
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    DjangoInstrumentor().instrument()
    PsycopgInstrumentor().instrument()
    CeleryInstrumentor().instrument()
    RequestsInstrumentor().instrument()
    _gestart = True
    logger.info("tracing aan dienst=%s", naam)
    return True


def _in_worker(**kwargs: Any) -> None:
    # After the fork: each pool process needs its own exporter thread.
    tracing_start(dienst="worker")


def celery_koppelen() -> None:
    """Start tracing in each Celery worker process, when switched on (MetriekConfig.ready())."""
    if tracing_aan():
        worker_process_init.connect(_in_worker, weak=False, dispatch_uid="metriek-tracing")
