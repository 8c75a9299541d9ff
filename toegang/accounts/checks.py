"""System checks for logging in."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, register


def _is_production() -> bool:
    return str(getattr(settings, "SETTINGS_MODULE", "")).endswith(".production")


@register(Tags.security)
def digid_mock_not_in_production(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The test DigiD logs anyone in with any valid BSN: never with the production settings."""
    if getattr(settings, "DIGID_MOCK", False) and not settings.DEBUG and _is_production():
        return [Error(
            "DIGID_MOCK is on with the production settings: anyone could log in as any "
            "resident through the test DigiD.",
            hint="Remove DIGID_MOCK from the environment (or set it to false) and configure "
                 "DigiD in the admin (DigiD configuration).",
            id="toegang.E001",
        )]
    return []


@register(Tags.security)
def demo_2fa_hint_not_in_production(app_configs: Any = None,
                                    **kwargs: Any) -> list[CheckMessage]:
    """The demo hint shows every staff member's current two-factor code on the code page."""
    if getattr(settings, "TOEGANG_DEMO_2FA_HINT", False) and _is_production():
        return [Error(
            "TOEGANG_DEMO_2FA_HINT is on with the production settings: the code page would "
            "show the second factor to anyone who knows a password.",
            hint="Remove TOEGANG_DEMO_2FA_HINT from the environment (or set it to false).",
            id="toegang.E002",
        )]
    return []
