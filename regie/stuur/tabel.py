"""The shape shared by the dashboard page, its charts and its exports."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Why a figure is not shown: a small count itself, a count hidden only to protect another one,
# or a share or statistic of too few cases.
KLEIN = "klein"
VERBORGEN = "beschermd"
TE_WEINIG = "te_weinig"
REDENEN = (KLEIN, VERBORGEN, TE_WEINIG)

# What a hidden figure reads in the cell, in the reader's language, and what the legend says
# about it (the page and the XLSX export both explain each mark with these texts).
MARKERING = {
    KLEIN: pgettext_lazy("verborgen cijfer", "<5"),
    VERBORGEN: pgettext_lazy("verborgen cijfer", "x"),
    TE_WEINIG: pgettext_lazy("verborgen cijfer", "te weinig"),
}
UITLEG = {
    KLEIN: _("minder dan 5 (ook 0). Kleine aantallen tonen we niet, zodat niemand herkenbaar "
             "is."),
    VERBORGEN: _("niet getoond, zodat een klein aantal niet uit een totaal of uit een andere "
                 "keuze te berekenen is."),
    TE_WEINIG: _("minder dan 5 gevallen, te weinig voor een gemiddelde of een percentage."),
}

TIJDREEKSEN = {"instroom_maand", "instroom_week"}


@dataclass(frozen=True)
class Cel:
    """One figure as shown: `waarde` is None when it is hidden.

    `_ruw` is the count behind a count cell, kept only to protect against difference attacks
    between a filtered and a wider view. It is never shown: templates cannot read names that
    start with an underscore, and the exports write `waarde` and `tekst` only.
    """

    waarde: float | int | None
    tekst: str
    eenheid: str = ""  # "" for a count, "%" for a share, "dagen" / "werkdagen" for a statistic
    reden: str = ""  # why a hidden figure is hidden: KLEIN, VERBORGEN or TE_WEINIG
    _ruw: int | None = field(default=None, compare=False, repr=False)

    @property
    def verborgen(self) -> bool:
        return self.waarde is None

    @property
    def klein(self) -> bool:
        """Hidden because the count itself is small ("<5")."""
        return self.reden == KLEIN

    @property
    def is_aantal(self) -> bool:
        return self._ruw is not None


def verborgen_cel(reden: str, *, eenheid: str = "", ruw: int | None = None) -> Cel:
    """A hidden figure, reading its mark in the active language. The dashboard is computed and
    cached per language (`selectors.cache_sleutel`), so the text is fixed here; the exports
    write it as it is."""
    return Cel(None, markering(reden), eenheid, reden=reden, _ruw=ruw)


def markering(reden: str) -> str:
    """What a figure hidden for `reden` reads, in the active language."""
    return str(MARKERING[reden])


def legenda() -> list[tuple[str, str]]:
    """Each mark with what it means, in the active language."""
    return [(markering(reden), str(UITLEG[reden])) for reden in REDENEN]


@dataclass
class Rij:
    label: str
    cellen: list[Cel]
    sleutel: str = ""


@dataclass
class Tabel:
    sleutel: str
    titel: str
    kolommen: list[str]
    rijen: list[Rij]
    totaal: Rij | None = None
    samenvatting: str = ""
    grafiek: str = "geen"  # balken (horizontal), kolommen (over time), multiples, geen
    grafiek_kolom: int = 0
    rij_kop: str = ""
    # Which cells add up to a figure someone can read: "kolommen" (each column adds up to its
    # total), "2d" (rows and columns both) or "" (nothing).
    optelbaar: str = ""
    uitleg: str = ""
    grafiek_titel: str = ""  # when the chart shows one of several columns: which one

    def rij(self, sleutel: str) -> Rij:
        return next(r for r in self.rijen if r.sleutel == sleutel)
