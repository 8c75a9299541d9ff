from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "toegang.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Django: modules that use models load only once the app registry is ready, so these
        # imports cannot be at the top of apps.py (the one forced exception to PLC0415).
        # `checks` registers the system checks, `sessies` the receiver that stamps each
        # session's start.
        from django.contrib.auth.models import Group  # noqa: PLC0415

        from . import checks, sessies  # noqa: F401, PLC0415
        from .services import BEHEER_GROUP, beheer_group_ensure  # noqa: PLC0415

        def _beheer_group_refresh(**kwargs: Any) -> None:
            """After migrating, give an existing beheer group the permissions of newly added
            models."""
            if Group.objects.using(kwargs.get("using", "default")).filter(
                    name=BEHEER_GROUP).exists():
                beheer_group_ensure()

        post_migrate.connect(_beheer_group_refresh, sender=self, weak=False)
