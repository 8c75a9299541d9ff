"""ZRM assessments on the casus timeline.

`CasussenConfig.ready()` registers the source with `register()`.
"""

from collections.abc import Iterable

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from toegang.core.domein import ZRM_DOMEINNAAM, Levensgebied

from ..models import Casus
from ..tijdlijn import Regel, bron
from .selectors import MetingRegel, zrm_history


def zrm_regel_tekst(meting: MetingRegel) -> str:
    """'Meting van 3 maart 2026: Financiën 2, Huisvesting 4.' (names and levels only)."""
    scores = ", ".join(f"{ZRM_DOMEINNAAM[Levensgebied(d)]} {n}" for d, n in meting.scores.items())
    if meting.door_inwoner:
        return _("Zelfbeoordeling van de inwoner op %(datum)s: %(scores)s.") % {
            "datum": date_format(meting.datum, "j F Y"), "scores": scores}
    return _("Meting van %(datum)s: %(scores)s.") % {
        "datum": date_format(meting.datum, "j F Y"), "scores": scores}


def _zrm(casus: Casus) -> Iterable[Regel]:
    # Scores are about the resident, so both kinds are shown to them.
    for meting in zrm_history(casus=casus):
        yield Regel(meting.created_at, "zrm", _("ZRM-meting"), zrm_regel_tekst(meting),
                    door=meting.door_naam, zichtbaar_voor_inwoner=True)


def register() -> None:
    bron(_zrm)
