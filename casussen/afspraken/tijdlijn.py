"""Timeline lines for appointments: planned, moved, answered, cancelled, held.

`CasussenConfig.ready()` registers the source with `register()`.
"""

from collections.abc import Iterable

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ..models import Casus
from ..tijdlijn import Regel, bron
from .models import AfspraakGebeurtenis

Soort = AfspraakGebeurtenis.Soort


def _afspraken(casus: Casus) -> Iterable[Regel]:
    """One query: every step of every appointment of the casus."""
    titels = {
        Soort.GEPLAND: _("%(soort)s gepland op %(wanneer)s"),
        Soort.VERZET: _("%(soort)s verzet naar %(wanneer)s"),
        Soort.BEVESTIGD: _("De inwoner komt naar de afspraak van %(wanneer)s"),
        Soort.ANDERE_TIJD: _("De inwoner vraagt een andere tijd dan %(wanneer)s"),
        Soort.GEANNULEERD: _("Afspraak van %(wanneer)s gaat niet door"),
        Soort.GEHOUDEN: _("%(soort)s gehouden op %(wanneer)s"),
        Soort.NIET_GEKOMEN: _("Afspraak van %(wanneer)s niet doorgegaan"),
        Soort.HERINNERD: _("Herinnering verstuurd voor de afspraak van %(wanneer)s"),
    }
    for event in (AfspraakGebeurtenis.objects.filter(afspraak__casus_id=casus.pk)
                  .select_related("afspraak", "door")):
        titel = titels[Soort(event.soort)] % {
            "soort": event.afspraak.get_soort_display().capitalize(),
            "wanneer": formats.date_format(timezone.localtime(event.start), "j F Y H:i")}
        # The outcome of a conversation is the professionals' note; the resident sees that
        # it took place, and their own words.
        tekst = event.tekst if event.soort not in (Soort.GEHOUDEN, Soort.NIET_GEKOMEN) else ""
        yield Regel(event.tijdstip, "afspraak", titel, tekst if tekst else "",
                    door=event.door.get_full_name() if event.door else "",
                    zichtbaar_voor_inwoner=event.soort != Soort.HERINNERD)
        if event.soort in (Soort.GEHOUDEN, Soort.NIET_GEKOMEN) and event.tekst:
            yield Regel(event.tijdstip, "afspraak_uitkomst", _("Uitkomst van de afspraak"),
                        event.tekst, door=event.door.get_full_name() if event.door else "")


def register() -> None:
    bron(_afspraken)
