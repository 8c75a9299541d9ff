"""The steps of the online intake, in order; each has its own URL and page title."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Stap:
    slug: str
    titel: Promise
    uitleg: Promise


STAPPEN = [
    Stap("over-u", _("Over u"), _("Wie bent u en waar woont u?")),
    Stap("huishouden", _("Uw huishouden"), _("Wie wonen er bij u in huis?")),
    Stap("vraag", _("Uw vraag"), _("Vertel in uw eigen woorden waar u hulp bij wilt.")),
    Stap("onderwerpen", _("Waar gaat het over"), _("Kies de onderwerpen die passen.")),
    Stap("wat-gaat-goed", _("Wat gaat goed"), _("Wat lukt er wel, en wie helpt u al?")),
    Stap("wens", _("Wat u graag wilt"), _("Wat zou u willen bereiken?")),
    Stap("veiligheid", _("Veiligheid"), _("Is iedereen veilig, en hoe snel heeft u hulp nodig?")),
    Stap("contact", _("Contact"), _("Hoe en wanneer mogen we u bereiken?")),
    Stap("toestemming", _("Toestemming"), _("Mogen andere teams uw aanvraag lezen?")),
    Stap("controleren", _("Controleren"), _("Kijk of alles klopt en verstuur uw aanvraag.")),
]
SLUGS = [stap.slug for stap in STAPPEN]
BY_SLUG = {stap.slug: stap for stap in STAPPEN}


def nummer(slug: str) -> int:
    return SLUGS.index(slug) + 1


def volgende(slug: str) -> str | None:
    i = SLUGS.index(slug)
    return SLUGS[i + 1] if i + 1 < len(SLUGS) else None


def vorige(slug: str) -> str | None:
    i = SLUGS.index(slug)
    return SLUGS[i - 1] if i > 0 else None
