from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "toegang.api"
    label = "api"
    verbose_name = _("API en koppelingen")

    def ready(self) -> None:
        # Signal receivers: imports cannot be at the top of apps.py (models not loaded yet).
        from . import handlers  # noqa: F401, PLC0415  (webhook events from the layers below)
