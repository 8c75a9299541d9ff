from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemaConfig(AppConfig):
    name = "toegang.thema"
    label = "thema"
    verbose_name = _("Thema's")

    def ready(self) -> None:
        from . import signals  # noqa: F401, PLC0415
