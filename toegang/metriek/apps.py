from django.apps import AppConfig

from . import taken, tracing


class MetriekConfig(AppConfig):
    """No models: an app only so that `ready()` runs in every process, the Celery worker too
    (Celery's Django fix-up loads the apps). Neither module it wires uses models."""

    name = "toegang.metriek"
    label = "metriek"

    def ready(self) -> None:
        taken.koppelen()
        tracing.celery_koppelen()
