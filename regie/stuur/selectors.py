"""The dashboard's figures, read from the summary tables and protected against small numbers.

Every figure here is an aggregate; nothing identifies a resident. Functions take `Filters`
(period in months, wijk, wet, team) and return tables that views, charts and exports share.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.models import Kanaal
from toegang.core.domein import ZRM_DOMEINNAAM, Levensgebied, Wet
from toegang.organisatie.models import Team, Wijk

from ..models import TermijnSoort
from ..models_stuur import (
    StuurCaseload,
    StuurDelen,
    StuurDoorlooptijd,
    StuurInstroom,
    StuurLevensgebied,
    StuurSignalen,
    StuurTermijn,
    StuurToestemming,
    StuurVerversing,
    StuurZrm,
)
from .privacy import Cel, aandeel, beschermd, beschermd_2d, getal, totaal

MEERDERE = "MEERDERE"


@dataclass
class Filters:
    van: date
    tot: date  # first day of the last month included
    wijk: int | None = None
    wet: str = ""
    team: int | None = None

    @classmethod
    def standaard(cls) -> "Filters":
        deze_maand = timezone.localdate().replace(day=1)
        return cls(van=deze_maand - relativedelta(months=11), tot=deze_maand)

    @property
    def tot_en_met(self) -> date:
        return self.tot + relativedelta(months=1)


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
    grafiek: str = "staaf"  # staaf, lijn or geen


@dataclass
class Dashboard:
    filters: Filters
    bijgewerkt_op: datetime | None
    tabellen: dict[str, Tabel] = field(default_factory=dict)
    trends: Tabel | None = None


def _teams(filters: Filters) -> list[int] | None:
    """Team ids the filters allow (None: all)."""
    if not filters.wet and filters.team is None:
        return None
    teams = Team.objects.all()
    if filters.team is not None:
        teams = teams.filter(pk=filters.team)
    if filters.wet:
        teams = teams.filter(wetten=filters.wet)
    return list(teams.values_list("pk", flat=True))


def _gefilterd(qs: QuerySet[Any], filters: Filters, *, periode: bool = True) -> QuerySet[Any]:
    if periode:
        qs = qs.filter(periode__gte=filters.van, periode__lt=filters.tot_en_met)
    if filters.wijk is not None:
        qs = qs.filter(wijk_id=filters.wijk)
    teams = _teams(filters)
    if teams is not None:
        qs = qs.filter(team_id__in=teams)
    return qs


def _maanden(filters: Filters) -> list[date]:
    maanden, maand = [], filters.van
    while maand <= filters.tot:
        maanden.append(maand)
        maand += relativedelta(months=1)
    return maanden


def _hoofdwet() -> dict[int, str]:
    """Each team's law, or MEERDERE for a team that serves several (e.g. central access)."""
    wetten: dict[int, set[str]] = defaultdict(set)
    for team_id, wet in Team.wetten.through.objects.values_list("team_id", "wet_id"):
        wetten[team_id].add(wet)
    return {t: next(iter(w)) if len(w) == 1 else MEERDERE for t, w in wetten.items()}


def _wet_label(code: str) -> str:
    return _("Meerdere wetten (centrale toegang)") if code == MEERDERE else str(Wet(code).label)


def _tabel_1d(sleutel: str, titel: str, kolom: str, waarden: dict[str, int],
              labels: dict[str, str], samenvatting: str = "", grafiek: str = "staaf") -> Tabel:
    cellen = beschermd(waarden)
    rijen = [Rij(labels.get(k, k), [cellen[k]], sleutel=k) for k in waarden]
    return Tabel(sleutel, titel, [kolom], rijen,
                 totaal=Rij(_("Totaal"), [totaal(sum(waarden.values()))]),
                 samenvatting=samenvatting, grafiek=grafiek)


def _maand_label(maand: date) -> str:
    return maand.strftime("%m-%Y")


# --- Inflow -----------------------------------------------------------------------------------


def instroom(filters: Filters) -> dict[str, Tabel]:
    rows = _gefilterd(StuurInstroom.objects.all(), filters)
    per_maand: Counter[date] = Counter()
    urgent_maand: Counter[date] = Counter()
    per_week: Counter[date] = Counter()
    per_wijk: Counter[str] = Counter()
    per_team: Counter[int] = Counter()
    per_kanaal: Counter[str] = Counter()
    for periode, wijk_id, team_id, kanaal, aantal, urgent in rows.values_list(
            "periode", "wijk_id", "team_id", "kanaal", "aantal", "urgent"):
        maand = periode.replace(day=1)
        per_maand[maand] += aantal
        urgent_maand[maand] += urgent
        per_week[periode] += aantal
        per_wijk[str(wijk_id or "")] += aantal
        per_team[team_id] += aantal
        per_kanaal[kanaal] += aantal
    maanden = _maanden(filters)
    totaal_aantal = sum(per_maand.values())
    tabellen: dict[str, Tabel] = {}
    maand_cellen = beschermd({m: per_maand[m] for m in maanden})
    urgent_cellen = beschermd({m: urgent_maand[m] for m in maanden})
    tabellen["instroom_maand"] = Tabel(
        "instroom_maand", _("Aanvragen per maand"), [_("Aanvragen"), _("Waarvan urgent")],
        [Rij(_maand_label(m), [maand_cellen[m], urgent_cellen[m]], sleutel=m.isoformat())
         for m in maanden],
        totaal=Rij(_("Totaal"), [totaal(totaal_aantal), totaal(sum(urgent_maand.values()))]),
        samenvatting=_samenvatting_trend(maanden, per_maand), grafiek="lijn")
    weken = sorted(per_week)[-13:]
    tabellen["instroom_week"] = _tabel_1d(
        "instroom_week", _("Aanvragen per week (laatste 13 weken)"), _("Aanvragen"),
        {w.isoformat(): per_week[w] for w in weken},
        {w.isoformat(): _("week van %(datum)s") % {"datum": w.strftime("%d-%m-%Y")}
         for w in weken}, grafiek="lijn")
    wijken = {str(w.pk): w.naam for w in Wijk.objects.order_by("naam")}
    wijken[""] = _("Geen wijk (centrale toegang)")
    tabellen["instroom_wijk"] = _tabel_1d(
        "instroom_wijk", _("Aanvragen per wijk"), _("Aanvragen"),
        {k: per_wijk[k] for k in wijken if k in per_wijk or k != ""}, wijken)
    hoofdwet = _hoofdwet()
    per_wet: Counter[str] = Counter()
    for team_id, aantal in per_team.items():
        per_wet[hoofdwet.get(team_id, MEERDERE)] += aantal
    wet_keys = [*Wet.values, MEERDERE]
    tabellen["instroom_wet"] = _tabel_1d(
        "instroom_wet", _("Aanvragen per wet (van het team dat de aanvraag kreeg)"),
        _("Aanvragen"), {w: per_wet[w] for w in wet_keys}, {w: _wet_label(w) for w in wet_keys})
    tabellen["instroom_kanaal"] = _tabel_1d(
        "instroom_kanaal", _("Aanvragen per kanaal"), _("Aanvragen"),
        {k: per_kanaal[k] for k in Kanaal.values}, {k: str(Kanaal(k).label) for k in Kanaal.values})
    gebieden: Counter[str] = Counter()
    for gebied, aantal in _gefilterd(StuurLevensgebied.objects.all(), filters).values_list(
            "levensgebied", "aantal"):
        gebieden[gebied] += aantal
    cellen = {k: totaal(gebieden[k]) for k in Levensgebied.values}
    tabellen["instroom_levensgebied"] = Tabel(
        "instroom_levensgebied", _("Waar de aanvragen over gaan (meer dan één per aanvraag "
                                   "mogelijk)"), [_("Aanvragen")],
        [Rij(str(Levensgebied(k).label), [cellen[k]], sleutel=k) for k in Levensgebied.values])
    return tabellen


def _samenvatting_trend(maanden: list[date], per_maand: Counter[date]) -> str:
    if len(maanden) < 2:
        return ""
    eerste, laatste = per_maand[maanden[0]], per_maand[maanden[-1]]
    if eerste < 5 or laatste < 5:
        return _("Te weinig aanvragen om een trend te beschrijven.")
    verschil = round(100 * (laatste - eerste) / eerste)
    if verschil > 0:
        return _("In %(laatste)s kwamen %(pct)s%% meer aanvragen binnen dan in %(eerste)s.") % {
            "pct": verschil, "eerste": _maand_label(maanden[0]),
            "laatste": _maand_label(maanden[-1])}
    if verschil < 0:
        return _("In %(laatste)s kwamen %(pct)s%% minder aanvragen binnen dan in "
                 "%(eerste)s.") % {"pct": -verschil, "eerste": _maand_label(maanden[0]),
                                   "laatste": _maand_label(maanden[-1])}
    return _("Het aantal aanvragen bleef gelijk.")


def trends_per_wijk(filters: Filters) -> Tabel:
    """Small multiples: per wijk the inflow per month, protected in both directions."""
    maanden = _maanden(filters)
    waarden: dict[tuple[str, date], int] = {}
    wijken = list(Wijk.objects.order_by("naam"))
    if filters.wijk is not None:
        wijken = [w for w in wijken if w.pk == filters.wijk]
    for wijk in wijken:
        for maand in maanden:
            waarden[(str(wijk.pk), maand)] = 0
    for periode, wijk_id, aantal in _gefilterd(StuurInstroom.objects.all(), filters) \
            .filter(wijk_id__isnull=False).values_list("periode", "wijk_id", "aantal"):
        key = (str(wijk_id), periode.replace(day=1))
        if key in waarden:
            waarden[key] += aantal
    cellen = beschermd_2d(waarden)
    rijen = [Rij(w.naam, [cellen[(str(w.pk), m)] for m in maanden], sleutel=str(w.pk))
             for w in wijken]
    return Tabel("trends_wijk", _("Aanvragen per wijk per maand"),
                 [_maand_label(m) for m in maanden], rijen, grafiek="lijn")


# --- Work in progress, lead times, deadlines -------------------------------------------------


def caseload(filters: Filters) -> Tabel:
    teams = _teams(filters)
    rows = StuurCaseload.objects.all()
    if teams is not None:
        rows = rows.filter(team_id__in=teams)
    if filters.wijk is not None:
        rows = rows.filter(team_id__in=Team.objects.filter(wijken=filters.wijk).values("pk"))
    namen = dict(Team.objects.values_list("pk", "naam"))
    data = list(rows)
    open_cellen = beschermd({str(c.team_id): c.open_casussen for c in data})
    wacht_cellen = beschermd({str(c.team_id): c.niet_opgepakt for c in data})
    rijen = [Rij(namen.get(c.team_id, "?"), [
        totaal(c.professionals), open_cellen[str(c.team_id)],
        getal(c.mediaan_per_professional, c.professionals),
        getal(c.max_per_professional, c.professionals), wacht_cellen[str(c.team_id)],
        getal(c.wachttijd_mediaan, c.niet_opgepakt), getal(c.wachttijd_p90, c.niet_opgepakt),
    ], sleutel=str(c.team_id)) for c in sorted(data, key=lambda c: namen.get(c.team_id, ""))]
    return Tabel("caseload", _("Werkvoorraad per team (nu)"), [
        _("Professionals"), _("Open casussen"), _("Mediaan per professional"),
        _("Hoogste per professional"), _("Nog niet opgepakt"),
        _("Wachttijd mediaan (werkdagen)"), _("Wachttijd 90% (werkdagen)")], rijen,
        totaal=Rij(_("Totaal"), [totaal(sum(c.professionals for c in data)),
                                 totaal(sum(c.open_casussen for c in data)), Cel(None, ""),
                                 Cel(None, ""), totaal(sum(c.niet_opgepakt for c in data)),
                                 Cel(None, ""), Cel(None, "")]),
        grafiek="geen")


def _percentiel(histogram: list[tuple[int, int]], p: float) -> int | None:
    n = sum(a for _d, a in histogram)
    if n == 0:
        return None
    doel, cum = p * n, 0
    for dagen, aantal in sorted(histogram):
        cum += aantal
        if cum >= doel:
            return dagen
    return sorted(histogram)[-1][0]


def doorlooptijden(filters: Filters) -> Tabel:
    per_maatstaf: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for maatstaf, dagen, aantal in (_gefilterd(StuurDoorlooptijd.objects.all(), filters)
                                    .values("maatstaf", "dagen").annotate(n=Sum("aantal"))
                                    .values_list("maatstaf", "dagen", "n")):
        per_maatstaf[maatstaf].append((dagen, aantal))
    rijen = []
    for maatstaf in StuurDoorlooptijd.Maatstaf:
        hist = per_maatstaf.get(maatstaf.value, [])
        n = sum(a for _d, a in hist)
        rijen.append(Rij(str(maatstaf.label), [
            getal(_percentiel(hist, 0.5), n, _(" dagen")),
            getal(_percentiel(hist, 0.9), n, _(" dagen")), totaal(n)], sleutel=maatstaf.value))
    return Tabel("doorlooptijden", _("Doorlooptijden (kalenderdagen)"),
                 [_("Mediaan"), _("90% binnen"), _("Aantal")], rijen, grafiek="geen")


def termijnen(filters: Filters) -> dict[str, Tabel]:
    per_soort: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    per_wet: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    hoofdwet = _hoofdwet()
    for soort, team_id, op_tijd, te_laat, open_te_laat, verdaagd in _gefilterd(
            StuurTermijn.objects.all(), filters).values_list(
            "soort", "team_id", "op_tijd", "te_laat", "open_te_laat", "verdaagd"):
        for doel in (per_soort[soort], per_wet[hoofdwet.get(team_id, MEERDERE)]):
            doel[0] += op_tijd
            doel[1] += te_laat
            doel[2] += open_te_laat
            doel[3] += verdaagd

    def tabel(sleutel: str, titel: str, data: dict[str, list[int]], labels: dict[str, str]
              ) -> Tabel:
        keys = list(labels)
        te_laat = beschermd({k: data[k][1] for k in keys})
        open_te_laat = beschermd({k: data[k][2] for k in keys})
        verdaagd = beschermd({k: data[k][3] for k in keys})
        rijen = [Rij(labels[k], [aandeel(data[k][0], data[k][0] + data[k][1]), te_laat[k],
                                 open_te_laat[k], verdaagd[k]], sleutel=k) for k in keys]
        return Tabel(sleutel, titel, [_("Op tijd afgehandeld"), _("Te laat afgehandeld"),
                                      _("Nu te laat"), _("Verdaagd")], rijen, grafiek="geen")

    return {
        "termijnen_soort": tabel("termijnen_soort", _("Termijnen per soort"), per_soort,
                                 {s.value: str(s.label) for s in TermijnSoort}),
        "termijnen_wet": tabel("termijnen_wet", _("Termijnen per wet"), per_wet,
                               {w: _wet_label(w) for w in [*Wet.values, MEERDERE]}),
    }


def signalen(filters: Filters) -> Tabel:
    esc = veilig = 0
    for e, v in _gefilterd(StuurSignalen.objects.all(), filters).values_list(
            "escalaties", "veiligheidsmeldingen"):
        esc += e
        veilig += v
    return Tabel("signalen", _("Escalaties en veiligheidsmeldingen"), [_("Aantal")], [
        Rij(_("Casussen naar AVE-fase 3 of 4"), [totaal(esc)], sleutel="escalaties"),
        Rij(_("Veiligheidsmeldingen (Meldcode)"), [totaal(veilig)], sleutel="veiligheid")],
        grafiek="geen")


def zrm(filters: Filters) -> Tabel:
    per_domein: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for domein, beter, gelijk, slechter in _gefilterd(StuurZrm.objects.all(), filters) \
            .values_list("domein", "beter", "gelijk", "slechter"):
        per_domein[domein][0] += beter
        per_domein[domein][1] += gelijk
        per_domein[domein][2] += slechter
    rijen = []
    for domein in Levensgebied.values:
        beter, gelijk, slechter = per_domein[domein]
        n = beter + gelijk + slechter
        rijen.append(Rij(str(ZRM_DOMEINNAAM[Levensgebied(domein)]),
                         [aandeel(beter, n), totaal(n)], sleutel=domein))
    return Tabel("zrm", _("Vooruitgang in zelfredzaamheid (afgesloten casussen, eerste en "
                          "laatste ZRM)"), [_("Beter geworden"), _("Casussen gemeten")], rijen)


def delen(filters: Filters) -> dict[str, Tabel]:
    casussen = meerdere = 0
    for c, m in _gefilterd(StuurDelen.objects.all(), filters).values_list(
            "casussen", "meerdere_wetten"):
        casussen += c
        meerdere += m
    per_wet: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for wet, gevraagd, gegeven in _gefilterd(StuurToestemming.objects.all(), filters) \
            .values_list("wet", "gevraagd", "gegeven"):
        per_wet[wet][0] += gevraagd
        per_wet[wet][1] += gegeven
    gevraagd_cellen = beschermd({w: per_wet[w][0] for w in Wet.values})
    return {
        "een_keer": Tabel("een_keer", _("Eén keer vertellen"), [_("Aandeel"), _("Casussen")], [
            Rij(_("Casussen waarin teams van meer dan één wet dezelfde aanvraag gebruikten"),
                [aandeel(meerdere, casussen), totaal(casussen)], sleutel="meerdere")],
            grafiek="geen"),
        "toestemming": Tabel("toestemming", _("Toestemming per wet"),
                             [_("Gevraagd"), _("Gegeven (aandeel)")],
                             [Rij(str(Wet(w).label), [gevraagd_cellen[w],
                                                      aandeel(per_wet[w][1], per_wet[w][0])],
                                  sleutel=w) for w in Wet.values]),
    }


def bijgewerkt_op() -> datetime | None:
    laatste = StuurVerversing.objects.filter(klaar_op__isnull=False).order_by("-klaar_op").first()
    return laatste.klaar_op if laatste else None


def dashboard(filters: Filters) -> Dashboard:
    """All figures for one set of filters (a fixed number of small queries)."""
    result = Dashboard(filters=filters, bijgewerkt_op=bijgewerkt_op())
    result.tabellen.update(instroom(filters))
    result.tabellen["caseload"] = caseload(filters)
    result.tabellen["doorlooptijden"] = doorlooptijden(filters)
    result.tabellen.update(termijnen(filters))
    result.tabellen["signalen"] = signalen(filters)
    result.tabellen["zrm"] = zrm(filters)
    result.tabellen.update(delen(filters))
    result.trends = trends_per_wijk(filters)
    result.tabellen["trends_wijk"] = result.trends
    return result


