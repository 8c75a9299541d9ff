"""The link that lets a resident link an intake sent without an account to their account.

The confirmation e-mail of an intake sent while logged out carries `intake_claim_url`: a signed,
30-day token with the intake id. Whoever opens it logs in (DigiD or an e-mail account) and
confirms; `intake.services.intake_claim` then links the intake, once.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Intake

CLAIM_SALT = "intake-claim"
CLAIM_MAX_AGE = timedelta(days=30)


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=CLAIM_SALT)


def intake_claim_url(*, intake: Intake) -> str:
    """The absolute URL (on SITE_URL) that links `intake` to the account of whoever opens it."""
    token = _signer().sign(str(intake.pk))
    return f"{settings.SITE_URL}{reverse('intake:mijn_koppelen', args=[token])}"


def intake_claim_token_read(*, token: str) -> Intake | None:
    """The intake of a claim token, or None when it is tampered with, expired or unknown."""
    try:
        intake_id = int(_signer().unsign(token, max_age=CLAIM_MAX_AGE))
    except (signing.BadSignature, ValueError):
        return None
    return Intake.objects.filter(pk=intake_id).first()
