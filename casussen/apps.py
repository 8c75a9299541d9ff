from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasussenConfig(AppConfig):
    name = "casussen"
    verbose_name = _("Casussen")

    def ready(self) -> None:
        # Sources of the casus timeline that live in their own modules register on import.
        from . import tijdlijn_plan  # noqa: F401
