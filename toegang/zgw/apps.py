from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ZgwConfig(AppConfig):
    name = "toegang.zgw"
    label = "zgw"
    verbose_name = _("Zaaksysteem (ZGW)")

    def ready(self) -> None:
        # The layers below know nothing of the zaaksysteem: it listens to their signals and
        # adds its block to the casus page and its section to Diagnose here. Django: modules
        # that use models load only once the app registry is ready, so these imports cannot
        # be at the top.
        from casussen.views.casus import casus_blok  # noqa: PLC0415
        from toegang.core.diagnose import diagnose_onderdelen  # noqa: PLC0415

        from . import handlers, selectors, views  # noqa: PLC0415

        handlers.register()
        casus_blok(views.zaaksysteem_blok)
        diagnose_onderdelen.register(selectors.diagnose_onderdeel)
