"""Small numbers are never shown: counts under 5 (zero included) become "<5", and a second
cell is hidden too when one hidden cell could otherwise be worked out from a total
(complement attack)."""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from django.utils.translation import gettext as _

DREMPEL = 5
K = TypeVar("K", bound=Hashable)
R = TypeVar("R", bound=Hashable)
C = TypeVar("C", bound=Hashable)


@dataclass(frozen=True)
class Cel:
    """One figure as shown: `waarde` is None when it is hidden."""

    waarde: float | int | None
    tekst: str

    @property
    def verborgen(self) -> bool:
        return self.waarde is None


def _toon(waarde: int) -> Cel:
    return Cel(waarde, f"{waarde:,}".replace(",", "."))


def klein() -> Cel:
    return Cel(None, "<5")


def _aanvullen(groepen: Iterable[list[K]], waarden: dict[K, int], verborgen: set[K]) -> bool:
    """In every group with exactly one hidden cell, also hide the smallest visible one."""
    changed = False
    for groep in groepen:
        hidden = [k for k in groep if k in verborgen]
        zichtbaar = [k for k in groep if k not in verborgen]
        if len(hidden) == 1 and zichtbaar:
            verborgen.add(min(zichtbaar, key=lambda k: (waarden[k], str(k))))
            changed = True
    return changed


def beschermd(waarden: dict[K, int]) -> dict[K, Cel]:
    """A row of counts that will be shown with its total."""
    verborgen = {k for k, v in waarden.items() if v < DREMPEL}
    _aanvullen([list(waarden)], waarden, verborgen)
    return {k: klein() if k in verborgen else _toon(v) for k, v in waarden.items()}


def beschermd_2d(waarden: dict[tuple[R, C], int]) -> dict[tuple[R, C], Cel]:
    """A table of counts shown with row and column totals: hide until no row or column has
    exactly one hidden cell."""
    verborgen = {k for k, v in waarden.items() if v < DREMPEL}
    rijen: dict[R, list[tuple[R, C]]] = {}
    kolommen: dict[C, list[tuple[R, C]]] = {}
    for key in waarden:
        rijen.setdefault(key[0], []).append(key)
        kolommen.setdefault(key[1], []).append(key)
    while _aanvullen(list(rijen.values()), waarden, verborgen) | \
            _aanvullen(list(kolommen.values()), waarden, verborgen):
        pass
    return {k: klein() if k in verborgen else _toon(v) for k, v in waarden.items()}


def totaal(waarde: int) -> Cel:
    return klein() if waarde < DREMPEL else _toon(waarde)


def aandeel(teller: int, noemer: int) -> Cel:
    """A percentage, hidden when it would reveal a small group (either side under 5)."""
    if noemer < DREMPEL or teller < DREMPEL or noemer - teller < DREMPEL:
        return Cel(None, _("te weinig"))
    pct = round(100 * teller / noemer)
    return Cel(pct, f"{pct}%")


def getal(waarde: float | None, n: int, eenheid: str = "") -> Cel:
    """A statistic (median, percentile) of a group: only shown for at least 5 cases."""
    if waarde is None or n < DREMPEL:
        return Cel(None, _("te weinig"))
    tekst = f"{waarde:g}{eenheid}"
    return Cel(waarde, tekst)
