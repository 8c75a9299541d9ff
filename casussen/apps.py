from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasussenConfig(AppConfig):
    name = "casussen"
    verbose_name = _("Casussen")
