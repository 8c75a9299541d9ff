"""System checks for logging in."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


@register(Tags.security)
def digid_mock_not_in_production(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The test DigiD logs anyone in with any valid BSN: never with the production settings."""
    is_production = str(getattr(settings, "SETTINGS_MODULE", "")).endswith(".production")
    if getattr(settings, "DIGID_MOCK", False) and not settings.DEBUG and is_production:
        return [Error(
            "DIGID_MOCK is on with the production settings: anyone could log in as any "
            "resident through the test DigiD.",
            hint="Remove DIGID_MOCK from the environment (or set it to false) and configure "
                 "DigiD in the admin (DigiD configuration).",
            id="toegang.E001",
        )]
    return []
