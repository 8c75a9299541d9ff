"""Charts of the dashboard tables, drawn as inline SVG by `svg.py` and placed on the page by
`weergave.py`. Pure functions on protected tables: no queries, no HTML.

- One colour from the Okabe–Ito palette (blue #0072B2, 5.2:1 on white) for every bar; colours
  and sizes come from CSS classes, so the strict Content-Security-Policy holds.
- Every bar carries its value as text. A hidden figure ("<5" or "x") is a short hatched bar
  of a fixed size with that text and no number: its length says nothing about the count.
- Scales are computed from the visible figures only, so the axis cannot give a hidden one away.
- The template puts the table's text summary in `<desc>` and the table itself next to it.
"""

import math
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .privacy import Cel
from .tabel import Rij, Tabel

BREEDTE = 640
RIJ = 40            # height of one horizontal bar with its label above it
BALK = 16
VERBORGEN_LENGTE = 28
WAARDE_RUIMTE = 64  # room right of the longest bar for its value
KOLOM_HOOGTE = 240
LINKS, BOVEN, ONDER = 44, 22, 40
MULTIPLE_BREEDTE, MULTIPLE_HOOGTE = 320, 150
MIN_SLOT_VOOR_WAARDE = 22
WEEKREEKSEN = {"instroom_week", "berichten_week"}  # tables with a row per week


@dataclass(frozen=True)
class Staaf:
    x: float
    y: float
    breedte: float
    hoogte: float
    verborgen: bool
    tekst: str            # the value as shown: "12", "50%", "<5", "x"
    tekst_x: float
    tekst_y: float
    titel: str            # "Centrum: 12" (tooltip)
    label: tuple["Regel", ...]  # the category label, one item per line
    toon_tekst: bool = True


@dataclass(frozen=True)
class Regel:
    x: float
    y: float
    tekst: str


@dataclass(frozen=True)
class Raster:
    y: float
    tekst: str


@dataclass(frozen=True)
class Grafiek:
    id: str
    soort: str            # balken or kolommen
    titel: str
    beschrijving: str
    breedte: int
    hoogte: int
    staven: tuple[Staaf, ...]
    raster: tuple[Raster, ...] = ()
    links: float = 0
    rechts: float = 0
    basis: float = 0      # y of the baseline (kolommen)
    naam: str = ""        # short caption of a small multiple (the wijk)

    @property
    def titel_id(self) -> str:
        return f"grafiek-titel-{self.id}"

    @property
    def desc_id(self) -> str:
        return f"grafiek-uitleg-{self.id}"

    @property
    def arcering_id(self) -> str:
        return f"arcering-{self.id}"


def _mooi_maximum(waarde: float) -> float:
    """A round axis maximum at or above `waarde` (1, 2, 2.5 or 5 times a power of ten)."""
    if waarde <= 0:
        return 5
    macht = 10 ** math.floor(math.log10(waarde))
    for stap in (1, 2, 2.5, 5, 10):
        if stap * macht >= waarde:
            return stap * macht
    return 10 * macht


def _titel(label: str, cel: Cel) -> str:
    if cel.klein:
        return _("%(label)s: minder dan 5") % {"label": label}
    if cel.verborgen and cel.reden:
        return _("%(label)s: niet getoond (%(tekst)s)") % {"label": label, "tekst": cel.tekst}
    return f"{label}: {cel.tekst}"


def _is_aandeel(rijen: list[Rij], kolom: int) -> bool:
    return any(r.cellen[kolom].eenheid == "%" for r in rijen)


def balken(tabel: Tabel) -> Grafiek:
    """Horizontal bars, one per row, the label above its bar."""
    kolom = tabel.grafiek_kolom
    rijen = tabel.rijen
    aandeel = _is_aandeel(rijen, kolom)
    zichtbaar = [float(r.cellen[kolom].waarde or 0) for r in rijen
                 if not r.cellen[kolom].verborgen]
    maximum = 100.0 if aandeel else _mooi_maximum(max(zichtbaar, default=0))
    lengte = BREEDTE - WAARDE_RUIMTE
    staven = []
    for i, rij in enumerate(rijen):
        cel = rij.cellen[kolom]
        top = i * RIJ
        breedte = VERBORGEN_LENGTE if cel.verborgen else \
            max(lengte * float(cel.waarde or 0) / maximum, 1)
        staven.append(Staaf(
            x=0, y=top + 18, breedte=round(breedte, 1), hoogte=BALK, verborgen=cel.verborgen,
            tekst=cel.tekst, tekst_x=round(breedte + 6, 1), tekst_y=top + 18 + BALK - 3,
            titel=_titel(rij.label, cel), label=(Regel(0, top + 13, rij.label),)))
    return Grafiek(id=tabel.sleutel, soort="balken", titel=_grafiek_titel(tabel),
                   beschrijving=tabel.samenvatting, breedte=BREEDTE,
                   hoogte=max(len(rijen), 1) * RIJ, staven=tuple(staven))


def _kort_label(tabel: Tabel, rij: Rij) -> tuple[str, ...]:
    """A short axis label: a month as two lines, a week as its number."""
    try:
        dag = date.fromisoformat(rij.sleutel)
    except ValueError:
        return (rij.label,)
    if tabel.sleutel in WEEKREEKSEN:
        return (_("wk %(n)s") % {"n": dag.isocalendar().week},)
    return (date_format(dag, "M"), str(dag.year))


def kolommen(tabel: Tabel, *, rijen: list[Rij] | None = None, kolom: int | None = None,
             maximum: float | None = None, breedte: int = BREEDTE, hoogte: int = KOLOM_HOOGTE,
             id: str = "", titel: str = "", beschrijving: str | None = None,
             labels: list[tuple[str, ...]] | None = None, naam: str = "") -> Grafiek:
    """Vertical columns over time (or over ordered classes), with a y-axis."""
    kolom = tabel.grafiek_kolom if kolom is None else kolom
    rijen = tabel.rijen if rijen is None else rijen
    cellen = [r.cellen[kolom] for r in rijen]
    labels = labels or [_kort_label(tabel, r) for r in rijen]
    if maximum is None:
        maximum = _mooi_maximum(max((float(c.waarde or 0) for c in cellen if not c.verborgen),
                                    default=0))
    rechts = breedte - 8
    basis = hoogte - ONDER
    plot_hoogte = basis - BOVEN
    slot = (rechts - LINKS) / max(len(cellen), 1)
    balk = slot * 0.7
    stap = max(1, math.ceil(len(cellen) / 13))  # at most 13 axis labels
    staven = []
    for i, (cel, label) in enumerate(zip(cellen, labels, strict=True)):
        x = LINKS + i * slot + (slot - balk) / 2
        # Nothing to count ("–", `privacy.geen`) is no hidden figure: no bar at all.
        niets = cel.eenheid == "-"
        h = 0.0 if niets else 10.0 if cel.verborgen else \
            max(plot_hoogte * float(cel.waarde or 0) / maximum, 1)
        naam = " ".join(label)
        staven.append(Staaf(
            x=round(x, 1), y=round(basis - h, 1), breedte=round(balk, 1), hoogte=round(h, 1),
            verborgen=cel.verborgen and not niets, tekst=cel.tekst, tekst_x=round(x + balk / 2, 1),
            tekst_y=round(basis - h - 5, 1), titel=_titel(naam, cel),
            label=tuple(Regel(round(x + balk / 2, 1), basis + 15 + 13 * n, regel)
                        for n, regel in enumerate(label)) if i % stap == 0 else (),
            toon_tekst=slot >= MIN_SLOT_VOOR_WAARDE))
    raster = tuple(Raster(y=round(basis - plot_hoogte * d, 1),
                          tekst=_as_tekst(maximum * d)) for d in (0, 0.5, 1))
    return Grafiek(id=id or tabel.sleutel, soort="kolommen", titel=titel or _grafiek_titel(tabel),
                   beschrijving=tabel.samenvatting if beschrijving is None else beschrijving,
                   breedte=breedte, hoogte=hoogte, staven=tuple(staven), raster=raster,
                   links=LINKS, rechts=rechts, basis=basis, naam=naam)


def _as_tekst(waarde: float) -> str:
    return f"{waarde:g}".replace(".", ",")


def _grafiek_titel(tabel: Tabel) -> str:
    return tabel.grafiek_titel or tabel.titel


def multiples(tabel: Tabel) -> list[Grafiek]:
    """A small column chart per row (wijk), all on the same scale."""
    zichtbaar = [float(c.waarde or 0) for r in tabel.rijen for c in r.cellen if not c.verborgen]
    maximum = _mooi_maximum(max(zichtbaar, default=0))
    maanden = [tuple(k.split(" ", 1)) if " " in k else (k,) for k in tabel.kolommen]
    grafieken = []
    for rij in tabel.rijen:
        # Each month a row of one cell, so `kolommen` can draw the wijk like any time series.
        rijen = [Rij(k, [c], sleutel=k) for k, c in zip(tabel.kolommen, rij.cellen, strict=True)]
        beschrijving = "; ".join(f"{k}: {c.tekst}" for k, c in zip(tabel.kolommen, rij.cellen,
                                                                   strict=True))
        grafieken.append(kolommen(
            tabel, rijen=rijen, kolom=0, maximum=maximum, breedte=MULTIPLE_BREEDTE,
            hoogte=MULTIPLE_HOOGTE, id=f"{tabel.sleutel}-{rij.sleutel}",
            titel=_("Aanvragen per maand in %(wijk)s") % {"wijk": rij.label},
            beschrijving=beschrijving, naam=rij.label,
            labels=[m[:1] if i % 3 else m for i, m in enumerate(maanden)]))
    return grafieken if zichtbaar else []


def grafiek(tabel: Tabel) -> Grafiek | None:
    """The chart of a table, or None when it has none, has no visible figure, or has too many
    rows to draw well."""
    if not tabel.rijen or tabel.grafiek == "geen" or len(tabel.rijen) > 40:
        return None
    if all(r.cellen[tabel.grafiek_kolom].verborgen for r in tabel.rijen):
        return None  # nothing to draw: the table says it all
    if tabel.grafiek == "balken":
        return balken(tabel)
    if tabel.grafiek == "kolommen":
        return kolommen(tabel)
    return None
