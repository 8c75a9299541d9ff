from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisatieConfig(AppConfig):
    name = "toegang.organisatie"
    label = "organisatie"
    verbose_name = _("Organisatie")
