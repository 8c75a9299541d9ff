"""Template filters for the decision path: money the Dutch way ("€ 1.234,56") and volumes
("2,5").

One filter for every page, letter and list that shows an amount, so they all read the same,
whatever the user's language: Dutch euros are written with a comma for cents and a dot per
thousand.
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()

CENT = Decimal("0.01")


Getal = Decimal | int | float | str | None


def _decimal(waarde: Getal) -> Decimal | None:
    if waarde is None or waarde == "":
        return None
    try:
        return Decimal(str(waarde))
    except (InvalidOperation, ValueError):
        return None


def _nl(waarde: Decimal, *, cent: bool) -> str:
    """"-1234.5" → "-1.234,5" (with `cent`: "-1.234,50"): a dot per thousand, a comma before
    the decimals."""
    teken = "-" if waarde < 0 else ""
    heel, _, rest = (f"{abs(waarde):.2f}" if cent else f"{abs(waarde):f}").partition(".")
    if not cent:
        rest = rest.rstrip("0")
    groepen: list[str] = []
    while len(heel) > 3:
        groepen.insert(0, heel[-3:])
        heel = heel[:-3]
    groepen.insert(0, heel)
    return f"{teken}{'.'.join(groepen)}{',' + rest if rest else ''}"


def euro_tekst(bedrag: Getal) -> str:
    """`bedrag` as "€ 1.234,56" (empty for None or something that is not a number)."""
    waarde = _decimal(bedrag)
    if waarde is None:
        return ""
    return f"€ {_nl(waarde.quantize(CENT, rounding=ROUND_HALF_UP), cent=True)}"


def aantal_tekst(getal: Getal) -> str:
    """A volume as "2,5" or "1.234" (no trailing zeros; empty for None)."""
    waarde = _decimal(getal)
    return "" if waarde is None else _nl(waarde, cent=False)


@register.filter
def euro(bedrag: Getal) -> str:
    """{{ bedrag|euro }} → "€ 1.234,56"."""
    return euro_tekst(bedrag)


@register.filter
def aantal(getal: Getal) -> str:
    """{{ volume|aantal }} → "2,5"."""
    return aantal_tekst(getal)
