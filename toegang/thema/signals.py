"""Any write to a theme clears the cached active theme, in every process (shared cache)."""

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Thema
from .services import cache_wissen


@receiver(post_save, sender=Thema, dispatch_uid="thema_opgeslagen")
@receiver(post_delete, sender=Thema, dispatch_uid="thema_verwijderd")
def _thema_gewijzigd(**kwargs: Any) -> None:
    cache_wissen()
    # A request that read the old row before this transaction committed may have cached it.
    transaction.on_commit(cache_wissen)
