"""The open clocks on a casus page: a badge per clock and the links to what can be done
with it (the pages themselves are in `termijnen.py`)."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.termijnen import selectors as regie_selectors
from regie.termijnen import services as regie_services
from regie.termijnen.models import Termijn, TermijnStatus
from regie.termijnen.services import WETTELIJK

# Per-clock actions as links on the casus page: (url name, link text).
HERVATTEN = ("casussen:termijn_hervatten", _("Hervatten"))
OPSCHORTEN = ("casussen:termijn_opschorten", _("Opschorten"))
VERDAGEN = ("casussen:termijn_verdagen", _("Verdagen"))
ANDERE_DATUM = ("casussen:termijn_verdagen", _("Andere datum afspreken"))


def _acties(termijn: Termijn) -> list[tuple[str, Any]]:
    """What may be done with this clock besides "afgehandeld": a suspended clock resumes;
    legal terms can stand still or be extended; a promise gets another date."""
    if termijn.status == TermijnStatus.OPGESCHORT:
        return [HERVATTEN]
    if termijn.soort in WETTELIJK:
        return [OPSCHORTEN, VERDAGEN]
    return [ANDERE_DATUM]


def termijn_context(termijnen: list[Termijn]) -> dict[str, Any]:
    """Badges and action links for the open clocks on a casus page (no queries beyond the
    current policy)."""
    now = timezone.now()
    beleid = regie_services.termijnbeleid_current()
    return {"termijn_rijen": [
        {"termijn": termijn, "acties": _acties(termijn),
         "badge": regie_selectors.termijn_badge(deadline=termijn.deadline,
                                                status=termijn.status, now=now, beleid=beleid)}
        for termijn in termijnen]}
