"""Timeline lines for the decision path: onderzoek, verslag, aanvraag, beschikking and bezwaar.

The resident sees the steps that concern them (the onderzoek and its verslag, their remark,
the aanvraag, a decision taken, revised or withdrawn, a bezwaar and its outcome); the drafts,
the four-eyes round and a draft sent back stay with the professionals.
`CasussenConfig.ready()` registers the source with `register()`.
"""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from ..models import Casus
from ..tijdlijn import Regel, bron
from .models import BesluitGebeurtenis
from .selectors import besluitgebeurtenissen_of

Soort = BesluitGebeurtenis.Soort

ALLEEN_PROFESSIONALS = {Soort.CONCEPT, Soort.TER_GOEDKEURING, Soort.AFGEKEURD}


def _besluiten(casus: Casus) -> Iterable[Regel]:
    """One query: every step on the decision path of the casus."""
    for event in besluitgebeurtenissen_of(casus=casus):
        titel = event.get_soort_display().capitalize()
        if event.beschikking is not None:
            titel = _("%(titel)s (%(kenmerk)s)") % {"titel": titel,
                                                    "kenmerk": event.beschikking.kenmerk}
        yield Regel(event.tijdstip, "besluit", titel, event.tekst,
                    door=event.door.get_full_name() if event.door else "",
                    zichtbaar_voor_inwoner=event.soort not in ALLEEN_PROFESSIONALS)


def register() -> None:
    bron(_besluiten)
