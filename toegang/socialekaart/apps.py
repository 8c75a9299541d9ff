from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SocialekaartConfig(AppConfig):
    name = "toegang.socialekaart"
    label = "socialekaart"
    verbose_name = _("Sociale kaart")
