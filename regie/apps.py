from django.utils.translation import gettext_lazy as _

from toegang.core.appconfig import SubdomainAppConfig


class RegieConfig(SubdomainAppConfig):
    """Three sub-domains in one app (label `regie`, tables `regie_*`): the clocks
    (`regie.termijnen`), the management information (`regie.stuur`) and what residents say
    after their casus closed (`regie.feedback`)."""

    name = "regie"
    verbose_name = _("Regie en termijnen")
    model_modules = ("regie.termijnen.models", "regie.stuur.models", "regie.feedback.models")

    def ready(self) -> None:
        # Django: modules that use models load only once the app registry is ready, so this
        # import cannot be at the top of apps.py (the one forced exception to PLC0415).
        from .termijnen import handlers  # noqa: PLC0415

        # The clocks answer the hooks of the record (first-contact clock, what comes next).
        handlers.register()
