"""Presentation of ZRM results: small line charts (drawn as inline SVG by the template) and a
text summary. Pure functions on the selectors' results: no queries, no HTML.

Colours are from the Okabe–Ito palette (safe for colour blindness) and have at least 3:1
contrast on white; every series also has its own marker shape and line style, and the page
gives the same numbers as a table and in words.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from toegang.core.domein import ZRM_DOMEINNAAM, Levensgebied, ZrmNiveau

from .selectors import EersteLaatste, Punt, Verloop

BREEDTE, HOOGTE = 300, 160
LINKS, RECHTS, BOVEN, ONDER = 34, 284, 14, 126   # the plot area inside the viewBox
MARGE_X = 14                                      # keeps markers off the axis

KLEUR_PROFESSIONAL = "#0072B2"   # Okabe–Ito blue, 5.2:1 on white
KLEUR_ZELF = "#D55E00"           # Okabe–Ito vermillion, 4.5:1 on white


@dataclass(frozen=True)
class SvgPunt:
    x: float
    y: float
    niveau: int
    meting_id: int
    datum: date

    @property
    def label(self) -> str:
        return f"{date_format(self.datum, 'j F Y')}: {self.niveau}"

    @property
    def links(self) -> float:
        """Left edge of a square marker."""
        return round(self.x - 5, 1)

    @property
    def boven(self) -> float:
        return round(self.y - 5, 1)


@dataclass(frozen=True)
class SvgReeks:
    door_inwoner: bool
    kleur: str
    punten: tuple[SvgPunt, ...]

    @property
    def lijn(self) -> str:
        """The `points` attribute of the polyline through the series."""
        return " ".join(f"{p.x:g},{p.y:g}" for p in self.punten)

    @property
    def naam(self) -> str:
        return _("Zelfbeoordeling inwoner") if self.door_inwoner else _("Professional")


@dataclass(frozen=True)
class AsLabel:
    x: float
    y: float
    tekst: str
    anker: str = "middle"


@dataclass(frozen=True)
class Grafiek:
    domein: str
    naam: str
    titel: str
    beschrijving: str
    reeksen: tuple[SvgReeks, ...]
    x_labels: tuple[AsLabel, ...]
    y_labels: tuple[AsLabel, ...]
    breedte: int = BREEDTE
    hoogte: int = HOOGTE
    links: int = LINKS
    rechts: int = RECHTS


def _x(volgnummer: int, aantal: int) -> float:
    if aantal <= 1:
        return (LINKS + RECHTS) / 2
    return round(LINKS + MARGE_X + volgnummer * (RECHTS - LINKS - 2 * MARGE_X) / (aantal - 1),
                 1)


def _y(niveau: int) -> float:
    return round(ONDER - (niveau - 1) * (ONDER - BOVEN) / 4, 1)


def _reeks(punten: Sequence[Punt], aantal: int, *, door_inwoner: bool) -> SvgReeks:
    return SvgReeks(door_inwoner=door_inwoner,
                    kleur=KLEUR_ZELF if door_inwoner else KLEUR_PROFESSIONAL,
                    punten=tuple(SvgPunt(x=_x(p.volgnummer, aantal), y=_y(p.niveau),
                                         niveau=p.niveau, meting_id=p.meting_id, datum=p.datum)
                                 for p in punten))


def _beschrijving(reeksen: Sequence[SvgReeks]) -> str:
    delen = [f"{reeks.naam}: " + ", ".join(
        _("%(datum)s niveau %(niveau)s") % {"datum": date_format(p.datum, "j F Y"),
                                            "niveau": p.niveau} for p in reeks.punten) + "."
             for reeks in reeksen]
    return " ".join([_("Niveau 1 (acute problematiek) tot 5 (volledig zelfredzaam)."), *delen])


def zrm_charts(*, verloop: Verloop) -> list[Grafiek]:
    """One small line chart per scored domain, on a shared time axis (the assessments in
    order), with the professionals' and the resident's scores as two series."""
    aantal = len(verloop.metingen)
    x_labels: tuple[AsLabel, ...] = ()
    if aantal:
        eerste = date_format(verloop.metingen[0].datum, "SHORT_DATE_FORMAT")
        laatste = date_format(verloop.metingen[-1].datum, "SHORT_DATE_FORMAT")
        x_labels = ((AsLabel(_x(0, 1), HOOGTE - 12, eerste),) if aantal == 1 else
                    (AsLabel(LINKS, HOOGTE - 12, eerste, "start"),
                     AsLabel(RECHTS, HOOGTE - 12, laatste, "end")))
    y_labels = tuple(AsLabel(LINKS - 10, _y(n), str(n), "end") for n in ZrmNiveau.values)
    grafieken = []
    for domein in verloop.domeinen:
        reeksen = tuple(
            _reeks(punten, aantal, door_inwoner=zelf)
            for zelf, punten in ((False, domein.professioneel), (True, domein.zelf)) if punten)
        naam = str(ZRM_DOMEINNAAM[Levensgebied(domein.domein)])
        grafieken.append(Grafiek(
            domein=domein.domein, naam=naam,
            titel=_("Verloop van %(domein)s") % {"domein": naam},
            beschrijving=_beschrijving(reeksen), reeksen=reeksen, x_labels=x_labels,
            y_labels=y_labels))
    return grafieken


def zrm_summary(*, verschillen: Sequence[EersteLaatste]) -> list[str]:
    """Per domain in words: 'Financiën ging van 2 naar 4 (12 januari 2026 – 3 maart 2026).'"""
    zinnen = []
    for el in verschillen:
        waarden = {"domein": ZRM_DOMEINNAAM[Levensgebied(el.domein)],
                   "van": el.eerste.niveau, "naar": el.laatste.niveau,
                   "begin": date_format(el.eerste.datum, "j F Y"),
                   "eind": date_format(el.laatste.datum, "j F Y")}
        if el.aantal == 1:
            zin = _("%(domein)s: één meting, niveau %(naar)s (%(eind)s).")
        elif el.verschil > 0:
            zin = _("%(domein)s ging van %(van)s naar %(naar)s: vooruit "
                    "(%(begin)s – %(eind)s).")
        elif el.verschil < 0:
            zin = _("%(domein)s ging van %(van)s naar %(naar)s: achteruit "
                    "(%(begin)s – %(eind)s).")
        else:
            zin = _("%(domein)s bleef op %(naar)s (%(begin)s – %(eind)s).")
        zinnen.append(zin % waarden)
    return zinnen


@dataclass(frozen=True)
class TabelRij:
    domein: str
    naam: str
    cellen: tuple[tuple[int, int | None], ...]   # (meting id, level or None), oldest first


def zrm_table(*, verloop: Verloop) -> list[TabelRij]:
    """The chart's numbers as table rows: a row per scored domain, a column per assessment."""
    return [TabelRij(domein=d.domein, naam=str(ZRM_DOMEINNAAM[Levensgebied(d.domein)]),
                     cellen=tuple((m.pk, d.niveau_bij(m.pk)) for m in verloop.metingen))
            for d in verloop.domeinen]
