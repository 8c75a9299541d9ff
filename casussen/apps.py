from django.utils.translation import gettext_lazy as _

from toegang.core.appconfig import SubdomainAppConfig


class CasussenConfig(SubdomainAppConfig):
    """Casework (label `casussen`): the casus itself at the top of the package, the support
    plan in `casussen.plan`, the ZRM assessments in `casussen.zrm`, the household in
    `casussen.huishouden`, the appointments in `casussen.afspraken`, the decision path in
    `casussen.besluit` and the berichtenverkeer with providers in `casussen.toewijzing`."""

    name = "casussen"
    verbose_name = _("Casussen")
    model_modules = ("casussen.plan.models", "casussen.zrm.models",
                     "casussen.huishouden.models", "casussen.afspraken.models",
                     "casussen.besluit.models", "casussen.toewijzing.models")

    def ready(self) -> None:
        # Django: modules that use models load only once the app registry is ready, so these
        # imports cannot be at the top of apps.py (the one forced exception to PLC0415).
        from . import handlers  # noqa: PLC0415
        from .afspraken import tijdlijn as afspraken_tijdlijn  # noqa: PLC0415
        from .besluit import tijdlijn as besluit_tijdlijn  # noqa: PLC0415
        from .plan import tijdlijn as plan_tijdlijn  # noqa: PLC0415
        from .toewijzing import handlers as toewijzing_handlers  # noqa: PLC0415
        from .toewijzing import tijdlijn as toewijzing_tijdlijn  # noqa: PLC0415
        from .zrm import tijdlijn as zrm_tijdlijn  # noqa: PLC0415

        # Casework answers the hooks of the record and the clocks; each sub-domain adds its
        # lines to the casus timeline.
        handlers.register()
        plan_tijdlijn.register()
        zrm_tijdlijn.register()
        afspraken_tijdlijn.register()
        besluit_tijdlijn.register()
        toewijzing_handlers.register()
        toewijzing_tijdlijn.register()
