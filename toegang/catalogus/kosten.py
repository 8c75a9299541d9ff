"""What a granted volume costs, in Decimal euros with cents (never floats).

A volume is delivered per day, week or month, or once in total over the period. The expected
cost per month spreads a total over the months of the period; the cost of the first year is
what the four-eyes rule compares (a short or one-off grant is not counted as a full year)."""

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from .models import Frequentie

CENT = Decimal("0.01")
DAGEN_PER_MAAND = Decimal(365) / Decimal(12)
PER_MAAND = {
    Frequentie.PER_DAG: DAGEN_PER_MAAND,
    Frequentie.PER_WEEK: DAGEN_PER_MAAND / Decimal(7),
    Frequentie.PER_MAAND: Decimal(1),
}


def euro(bedrag: Decimal) -> Decimal:
    """Round to whole cents, halves away from zero (as a payslip does)."""
    return bedrag.quantize(CENT, rounding=ROUND_HALF_UP)


def maanden(begin: date, einde: date | None) -> Decimal | None:
    """The length of a period in months (at least one day); None when open-ended."""
    if einde is None:
        return None
    return Decimal((einde - begin).days + 1) / DAGEN_PER_MAAND


@dataclass(frozen=True)
class Kosten:
    per_maand: Decimal
    eerste_jaar: Decimal
    looptijd: Decimal | None  # the whole period; None when open-ended


def kosten(*, volume: Decimal, tarief: Decimal, frequentie: str, begin: date,
           einde: date | None) -> Kosten:
    """The expected cost of `volume` at `tarief` per unit over the period begin–einde."""
    lengte = maanden(begin, einde)
    if frequentie == Frequentie.TOTAAL:
        totaal = volume * tarief
        per_maand = totaal / max(lengte, Decimal(1)) if lengte is not None else totaal
        return Kosten(per_maand=euro(per_maand), eerste_jaar=euro(totaal),
                      looptijd=euro(totaal))
    per_maand = volume * tarief * PER_MAAND[Frequentie(frequentie)]
    jaar = per_maand * (min(lengte, Decimal(12)) if lengte is not None else Decimal(12))
    looptijd = euro(per_maand * lengte) if lengte is not None else None
    return Kosten(per_maand=euro(per_maand), eerste_jaar=euro(jaar), looptijd=looptijd)
