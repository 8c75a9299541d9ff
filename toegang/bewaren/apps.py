from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BewarenConfig(AppConfig):
    name = "toegang.bewaren"
    label = "bewaren"
    verbose_name = _("Bewaartermijnen")
