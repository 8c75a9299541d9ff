"""An app whose sub-domains each keep their models in their own package."""

from importlib import import_module

from django.apps import AppConfig


class SubdomainAppConfig(AppConfig):
    """Django imports only `<app>.models`. The models of the app's sub-domain packages
    (`casussen.plan.models`, `regie.termijnen.models`, …) are named in `model_modules` and
    imported right after it: they belong to this app (same label, same tables, same
    migrations), while no module of the app has to import them all."""

    model_modules: tuple[str, ...] = ()
    # Not a candidate itself when Django picks the one AppConfig of an app's apps.py.
    default = False

    def import_models(self) -> None:
        super().import_models()
        for name in self.model_modules:
            module = import_module(name)
            if self.models_module is None:
                self.models_module = module
