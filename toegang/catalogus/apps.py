from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogusConfig(AppConfig):
    name = "toegang.catalogus"
    label = "catalogus"
    verbose_name = _("Producten en zorgaanbieders")
