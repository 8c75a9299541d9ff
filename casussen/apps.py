from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasussenConfig(AppConfig):
    name = "casussen"
    verbose_name = _("Casussen")

    def ready(self) -> None:
        # Register the timeline sources of modules that live outside tijdlijn.py.
        from . import (
            tijdlijn_plan,  # noqa: F401
            tijdlijn_zrm,  # noqa: F401
        )
