"""How the codes and volumes of the berichtenverkeer read on a page: '90 minuten per week',
'9019 (niet te koppelen aan een toewijzing)'. Pure functions, no queries."""

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from toegang.catalogus.models import EENHEID_MEERVOUD, Eenheid, Frequentie
from toegang.core.domein import Wet
from toegang.istandaarden import codes

STANDAARD_VAN_WET = {Wet.WMO: "iwmo", Wet.JEUGDWET: "ijw"}


def standaard_van(wet: str) -> str:
    """'iwmo' or 'ijw' for a wet that has messages, else ''."""
    return STANDAARD_VAN_WET.get(Wet(wet), "") if wet in Wet.values else ""


def omvang_tekst(volume: int | Decimal | None, eenheid: str, frequentie: str) -> str:
    """'90 minuten per week': the catalogue's words, else the code list's."""
    if volume is None:
        return ""
    try:
        soort = Eenheid(eenheid)
        eenheid_tekst = str(soort.label if volume == 1 else EENHEID_MEERVOUD[soort])
    except ValueError:
        eenheid_tekst = str(codes.EENHEID.get(eenheid, eenheid))
    try:
        frequentie_tekst = str(Frequentie(frequentie).label)
    except ValueError:
        frequentie_tekst = str(codes.FREQUENTIE.get(frequentie, frequentie))
    return " ".join(d for d in (str(volume), eenheid_tekst, frequentie_tekst) if d)


def betekenis(lijst: Mapping[str, Any], code: str) -> str:
    """What a code of a code list means; a code the list does not know says so."""
    return str(lijst[code]) if code in lijst else _("onbekende code")


def retourcodes_met_betekenis(retourcodes: str) -> list[tuple[str, str]]:
    """'0200,9019' → [(code, what it means)]."""
    return [(code, betekenis(codes.RETOURCODES, code))
            for code in retourcodes.replace(" ", "").split(",") if code]


def reden_beeindiging(wet: str, code: str) -> str:
    """What a RedenBeeindiging means (iWmo and iJw have their own lists)."""
    if not code:
        return ""
    return betekenis(codes.REDEN_BEEINDIGING.get(standaard_van(wet), {}), code)
