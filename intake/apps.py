from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from toegang.core.appconfig import SubdomainAppConfig


class IntakeConfig(SubdomainAppConfig):
    """The single record (label `intake`); the online wizard keeps its drafts in
    `intake.wizard.models`."""

    name = "intake"
    verbose_name = _("Intake")
    model_modules = ("intake.wizard.models", "intake.wizard.eigen_vragen")

    def ready(self) -> None:
        # Django: modules that use models load only once the app registry is ready, so this
        # import cannot be at the top of apps.py (the one forced exception to PLC0415).
        from .services.referentie import referenties_reset  # noqa: PLC0415

        def _referenties_opnieuw(**kwargs: object) -> None:
            referenties_reset()

        post_migrate.connect(_referenties_opnieuw, sender=self, weak=False)
