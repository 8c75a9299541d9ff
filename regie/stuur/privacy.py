"""Small numbers are never shown: counts under 5 (zero included) become "<5", and a second
cell is hidden too ("x") when one hidden cell could otherwise be worked out from a total
(complement attack). A filtered view also hides a count that differs by 1 to 4 from the same
count in the wider view without that filter (difference attack), see `verschil_beschermen`.

Primary cells (a small count) read "<5"; secondary cells, hidden only to protect another one,
read "x": they are not small, and showing "<5" there would tell the reader something false.
A share or statistic of fewer than 5 cases reads "te weinig". These marks are translated
(`tabel.MARKERING`): each hidden cell keeps why it is hidden in `Cel.reden`.
"""

from collections.abc import Hashable, Iterable
from typing import TypeVar

from django.utils.translation import ngettext

from .tabel import KLEIN, TE_WEINIG, VERBORGEN, Cel, Tabel, verborgen_cel

DREMPEL = 5
K = TypeVar("K", bound=Hashable)
R = TypeVar("R", bound=Hashable)
C = TypeVar("C", bound=Hashable)


def _toon(waarde: int) -> Cel:
    return Cel(waarde, f"{waarde:,}".replace(",", "."), _ruw=waarde)


def klein(ruw: int | None = None) -> Cel:
    return verborgen_cel(KLEIN, ruw=ruw)


def verborgen(ruw: int | None = None) -> Cel:
    return verborgen_cel(VERBORGEN, ruw=ruw)


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


def _cellen(waarden: dict[K, int], verborgen_keys: set[K]) -> dict[K, Cel]:
    return {k: (klein(v) if v < DREMPEL else verborgen(v)) if k in verborgen_keys else _toon(v)
            for k, v in waarden.items()}


def beschermd(waarden: dict[K, int]) -> dict[K, Cel]:
    """A row of counts that will be shown with its total."""
    hidden = {k for k, v in waarden.items() if v < DREMPEL}
    _aanvullen([list(waarden)], waarden, hidden)
    return _cellen(waarden, hidden)


def beschermd_2d(waarden: dict[tuple[R, C], int]) -> dict[tuple[R, C], Cel]:
    """A table of counts shown with row and column totals: hide until no row or column has
    exactly one hidden cell."""
    hidden = {k for k, v in waarden.items() if v < DREMPEL}
    rijen, kolommen = _groepen_2d(list(waarden))
    while _aanvullen(rijen, waarden, hidden) | _aanvullen(kolommen, waarden, hidden):
        pass
    return _cellen(waarden, hidden)


def _groepen_2d(keys: list[tuple[R, C]]) -> tuple[list[list[tuple[R, C]]],
                                                   list[list[tuple[R, C]]]]:
    rijen: dict[R, list[tuple[R, C]]] = {}
    kolommen: dict[C, list[tuple[R, C]]] = {}
    for key in keys:
        rijen.setdefault(key[0], []).append(key)
        kolommen.setdefault(key[1], []).append(key)
    return list(rijen.values()), list(kolommen.values())


def totaal(waarde: int) -> Cel:
    return klein(waarde) if waarde < DREMPEL else _toon(waarde)


def aandeel(teller: int, noemer: int) -> Cel:
    """A percentage, hidden when it would reveal a small group (either side under 5)."""
    if noemer < DREMPEL or teller < DREMPEL or noemer - teller < DREMPEL:
        return verborgen_cel(TE_WEINIG, eenheid="%")
    pct = round(100 * teller / noemer)
    return Cel(pct, f"{pct}%", "%")


def getal(waarde: float | None, n: int, eenheid: str = "") -> Cel:
    """A statistic (median, percentile) of a group: only shown for at least 5 cases.
    `eenheid` is "dagen" or "werkdagen" (shown after the number) or empty."""
    if waarde is None or n < DREMPEL:
        return verborgen_cel(TE_WEINIG, eenheid=eenheid)
    if eenheid == "dagen":
        tekst = ngettext("%(n)s dag", "%(n)s dagen", int(waarde)) % {"n": f"{waarde:g}"}
    elif eenheid == "werkdagen":
        tekst = ngettext("%(n)s werkdag", "%(n)s werkdagen", int(waarde)) % {"n": f"{waarde:g}"}
    else:
        tekst = f"{waarde:g}"
    return Cel(waarde, tekst, eenheid)


GEEN = "–"


def geen() -> Cel:
    """Nothing at all to count or to measure: in a week without a single message in the whole
    municipality (before the connection started, or while it was down). That zero is about no
    one, so it is shown as "–" instead of "<5"; it is a known zero, never protected and never
    protecting another cell."""
    return Cel(None, GEEN, "-")


def leeg() -> Cel:
    """A cell without a figure (e.g. a median in a total row)."""
    return Cel(None, "", "-")


# --- Protection of a whole table, after filtering ----------------------------------------------


def _posities(tabel: Tabel) -> dict[tuple[str, int], Cel]:
    cellen = {}
    for rij in tabel.rijen:
        for i, cel in enumerate(rij.cellen):
            cellen[(rij.sleutel, i)] = cel
    if tabel.totaal is not None:
        for i, cel in enumerate(tabel.totaal.cellen):
            cellen[("__totaal__", i)] = cel
    return cellen


def _zet(tabel: Tabel, sleutel: str, kolom: int, cel: Cel) -> None:
    rij = tabel.totaal if sleutel == "__totaal__" else \
        next(r for r in tabel.rijen if r.sleutel == sleutel)
    assert rij is not None
    rij.cellen[kolom] = cel


def _verberg(cel: Cel) -> Cel:
    if cel.verborgen:
        return cel
    return klein(cel._ruw) if (cel._ruw or 0) < DREMPEL else verborgen(cel._ruw)


def aanvullen_tabel(tabel: Tabel) -> None:
    """Secondary protection of a whole table after cells were hidden: within every summable
    group (a column of a table with a total, or the rows and columns of a 2-D table) no hidden
    count may stand alone."""
    cellen = _posities(tabel)
    groepen: list[list[tuple[str, int]]] = []
    if tabel.optelbaar == "kolommen":
        for kolom in range(len(tabel.kolommen)):
            groep = [(r.sleutel, kolom) for r in tabel.rijen if r.cellen[kolom].is_aantal]
            if groep and ("__totaal__", kolom) in cellen and cellen[("__totaal__",
                                                                     kolom)].is_aantal:
                groep.append(("__totaal__", kolom))  # the total is the sum of the column
            if groep:
                groepen.append(groep)
    elif tabel.optelbaar == "2d":
        keys = [(r.sleutel, i) for r in tabel.rijen for i, c in enumerate(r.cellen)
                if c.is_aantal]
        rijen, kolommen = _groepen_2d(keys)
        groepen = rijen + kolommen
    if not groepen:
        return
    waarden = {k: cellen[k]._ruw or 0 for g in groepen for k in g}
    hidden = {k for g in groepen for k in g if cellen[k].verborgen}
    before = set(hidden)
    while _aanvullen(groepen, waarden, hidden):
        pass
    for key in hidden - before:
        _zet(tabel, key[0], key[1], _verberg(cellen[key]))


def verschil_beschermen(smal: Tabel, breed: Tabel) -> None:
    """Hide counts of the filtered table `smal` that differ by 1 to 4 from the same count in
    the wider table `breed` (the same view without one filter): otherwise subtracting the two
    would give a small number. Then protect the table again against the complement attack."""
    brede = _posities(breed)
    changed = False
    for key, cel in _posities(smal).items():
        ander = brede.get(key)
        if cel.verborgen or not cel.is_aantal or ander is None or not ander.is_aantal:
            continue
        verschil = (ander._ruw or 0) - (cel._ruw or 0)
        if 0 < verschil < DREMPEL:
            _zet(smal, key[0], key[1], verborgen(cel._ruw))
            changed = True
    if changed:
        aanvullen_tabel(smal)
