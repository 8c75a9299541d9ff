from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntakeConfig(AppConfig):
    name = "intake"
    verbose_name = _("Intake")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        post_migrate.connect(_referenties_opnieuw, sender=self)


def _referenties_opnieuw(**kwargs: object) -> None:
    from .services import referenties_opnieuw

    referenties_opnieuw()
