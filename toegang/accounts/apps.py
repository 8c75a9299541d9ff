from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "toegang.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        # Registers the system checks, and the receiver that stamps each session's start.
        from . import checks, sessies  # noqa: F401

        post_migrate.connect(_beheer_group_refresh, sender=self)


def _beheer_group_refresh(**kwargs: Any) -> None:
    """After migrating, give an existing beheer group the permissions of newly added models."""
    from django.contrib.auth.models import Group

    from .services import BEHEER_GROUP, beheer_group_ensure

    if Group.objects.using(kwargs.get("using", "default")).filter(name=BEHEER_GROUP).exists():
        beheer_group_ensure()
