from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo municipality (`seed_demo`) and the one-command portal (`run_portal`)."""

    name = "toegang.demo"
    label = "demo"
    verbose_name = _("Demo")
