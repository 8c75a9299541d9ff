"""The municipality's policy for clocks and reminders (TermijnBeleid): current, changed."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from toegang.accounts.models import User
from toegang.berichten.services import (
    overzichten_send,
)
from toegang.core.procescache import ProcesCache

from ..models import (
    Termijn,
    TermijnBeleid,
    TermijnStatus,
)

_BELEID: ProcesCache[TermijnBeleid | None] = ProcesCache("termijnbeleid",
                                                        models=(TermijnBeleid,))


def termijnbeleid_current() -> TermijnBeleid:
    """The policy in force: the newest saved row, or the defaults from the settings."""
    beleid = _BELEID.get("actueel", lambda: TermijnBeleid.objects
                         .order_by("-created_at", "-id").first())
    if beleid is not None:
        return beleid
    return TermijnBeleid(eerste_contact_urgent=settings.EERSTE_CONTACT_WERKDAGEN["urgent"],
                         eerste_contact_normaal=settings.EERSTE_CONTACT_WERKDAGEN["normaal"],
                         evaluatie_maanden=getattr(settings, "PLAN_EVALUATIE_MAANDEN", 6))


@transaction.atomic
def termijnbeleid_change(*, user: User | None, toelichting: str, **waarden: Any) -> TermijnBeleid:
    """Save a new version of the policy (the old one stays as history).

    New first-contact terms hold for intakes that arrive from now on. A new lead time or
    grace also holds for the clocks that are running: their next reminder is planned again
    by the scan once every process has the new policy (after the per-process cache time)."""
    oud = termijnbeleid_current()
    beleid = TermijnBeleid(gewijzigd_door=user, toelichting=toelichting.strip(), **waarden)
    beleid.full_clean()
    beleid.save()
    if (beleid.herinnering_vooraf, beleid.escalatie_na) != (oud.herinnering_vooraf,
                                                             oud.escalatie_na):
        opnieuw = timezone.now() + timedelta(seconds=_BELEID.ttl + 30)
        Termijn.objects.filter(status=TermijnStatus.LOPEND,
                               volgende_herinnering_op__gt=opnieuw) \
            .update(volgende_herinnering_op=opnieuw)
    return beleid


def dagoverzichten_send(*, now: datetime | None = None) -> int:
    """The daily overviews of the people who chose one, from the policy's digest time on."""
    return overzichten_send(vanaf=termijnbeleid_current().digest_tijd, now=now)


