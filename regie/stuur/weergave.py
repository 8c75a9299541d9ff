"""How the dashboard is laid out: sections, a chart per table, export links, and for a
teamleider the links from their own team's figures to that team's cases (through the
ordinary casework pages and their gate). Managers get no link to anything about a person."""

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .filters import Filters
from .grafieken import Grafiek, grafiek, multiples
from .selectors import Dashboard
from .svg import teken
from .tabel import Rij, Tabel

SECTIES: list[tuple[str, Any, list[str]]] = [
    ("instroom", _("Instroom"), ["instroom_maand", "instroom_week", "instroom_wijk",
                                 "instroom_wet", "instroom_kanaal", "instroom_levensgebied"]),
    ("trends", _("Trends per wijk"), ["trends_wijk"]),
    ("werkvoorraad", _("Werkvoorraad en wachttijd"), ["caseload", "caseload_verdeling",
                                                      "wachtend"]),
    ("doorlooptijden", _("Doorlooptijden"), ["doorlooptijden"]),
    ("termijnen", _("Termijnen"), ["termijnen_soort", "termijnen_wet"]),
    ("signalen", _("Escalaties en veiligheid"), ["signalen"]),
    ("zrm", _("Zelfredzaamheid (ZRM)"), ["zrm"]),
    ("delen", _("Eén keer vertellen en toestemming"), ["een_keer", "toestemming"]),
    ("feedback", _("Wat inwoners zeggen"), ["feedback_wijk", "feedback_team"]),
    ("besluiten", _("Besluiten en kosten"), ["besluiten_maand", "besluiten_wet",
                                            "besluiten_categorie", "besluiten_wijk",
                                            "besluiten_aanbieder", "besluiten_uitstroom",
                                            "wachttijd_aanbieder"]),
    ("berichten", _("Berichtenverkeer met zorgaanbieders"), ["berichten_week",
                                                             "berichten_op_tijd",
                                                             "berichten_wet"]),
    ("sociale_kaart", _("Hulp in de buurt"), ["sociale_kaart"]),
]
TABELLEN = [sleutel for _s, _t, tabellen in SECTIES for sleutel in tabellen]


@dataclass
class RijWeergave:
    rij: Rij
    link: str = ""
    is_totaal: bool = False


@dataclass
class Blok:
    tabel: Tabel
    grafiek: Grafiek | None
    multiples: list[Grafiek]
    rijen: list[RijWeergave]
    csv_url: str
    xlsx_url: str
    heeft_verborgen: bool
    extra_link: tuple[str, str] | None = None

    @property
    def svg(self) -> str:
        return teken(self.grafiek) if self.grafiek else ""

    @property
    def multiples_svg(self) -> list[tuple[str, str]]:
        return [(g.naam, teken(g)) for g in self.multiples]


@dataclass
class Sectie:
    sleutel: str
    titel: str
    blokken: list[Blok] = field(default_factory=list)


def filter_query(filters: Filters) -> str:
    """The filters as a query string, for export links."""
    waarden = {"van": filters.van.strftime("%Y-%m"), "tot": filters.tot.strftime("%Y-%m")}
    if filters.wijk is not None:
        waarden["wijk"] = str(filters.wijk)
    if filters.wet:
        waarden["wet"] = filters.wet
    if filters.team is not None:
        waarden["team"] = str(filters.team)
    return urlencode(waarden)


def _werk(**params: object) -> str:
    return f"{reverse('casussen:werkvoorraad')}?{urlencode({'filter': 1, **params})}"


def _links(tabel: Tabel, eigen_teams: set[str], eigen_wijken: set[str]
           ) -> tuple[dict[str, str], tuple[str, str] | None]:
    """Drill-down links for a teamleider: row key → URL, and one link for the whole table."""
    team_page = reverse("casussen:team")
    if tabel.sleutel == "caseload":
        return ({r.sleutel: _werk(team=r.sleutel) for r in tabel.rijen
                 if r.sleutel in eigen_teams},
                (str(_("Open casussen per professional, met namen (Mijn team)")),
                 f"{team_page}#caseload-kop"))
    if tabel.sleutel == "caseload_verdeling":
        return {}, (str(_("Open casussen per professional, met namen (Mijn team)")),
                    f"{team_page}#caseload-kop")
    if tabel.sleutel == "wachtend":
        return {r.sleutel: _werk(team=r.sleutel, status="nieuw") for r in tabel.rijen
                if r.sleutel in eigen_teams}, None
    if tabel.sleutel == "instroom_wijk":
        return {r.sleutel: _werk(wijk=r.sleutel) for r in tabel.rijen
                if r.sleutel in eigen_wijken}, None
    if tabel.sleutel == "signalen":
        return {"escalaties": f"{team_page}#escalatie-kop"}, None
    if tabel.sleutel == "feedback_team":
        return {}, (str(_("Wat inwoners er zelf bij schreven (zonder namen)")),
                    reverse("feedback:opmerkingen"))
    return {}, None


def secties(dashboard: Dashboard, *, teamleider: bool, eigen_wijken: set[str] | None = None
            ) -> list[Sectie]:
    """The page's sections with their blocks. Drill-down links only for a teamleider, and only
    to their own teams' cases (and the wijken their teams serve, which the queue offers)."""
    query = filter_query(dashboard.filters)
    eigen = {str(t) for t in (dashboard.filters.teams_toegestaan or ())}
    result = []
    for sleutel, titel, tabellen in SECTIES:
        sectie = Sectie(sleutel=sleutel, titel=str(titel))
        for naam in tabellen:
            tabel = dashboard.tabellen[naam]
            links, extra = _links(tabel, eigen, eigen_wijken or set()) if teamleider \
                else ({}, None)
            rijen = [RijWeergave(r, links.get(r.sleutel, "")) for r in tabel.rijen]
            if tabel.totaal is not None:
                rijen.append(RijWeergave(tabel.totaal, is_totaal=True))
            csv_url, xlsx_url = (reverse("regie:export", kwargs={"tabel": naam, "formaat": f})
                                 for f in ("csv", "xlsx"))
            sectie.blokken.append(Blok(
                tabel=tabel, grafiek=grafiek(tabel),
                multiples=multiples(tabel) if tabel.grafiek == "multiples" else [],
                rijen=rijen, csv_url=f"{csv_url}?{query}", xlsx_url=f"{xlsx_url}?{query}",
                heeft_verborgen=any(c.reden for r in rijen for c in r.rij.cellen),
                extra_link=extra))
        result.append(sectie)
    return result
