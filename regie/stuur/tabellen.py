"""The dashboard's tables, one function per subject, each from the summary tables and
protected against small numbers (see privacy.py)."""

from collections import Counter, defaultdict
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from intake.models import Kanaal
from toegang.core.domein import ZRM_DOMEINNAAM, Levensgebied, Wet
from toegang.organisatie.models import Team, Wijk

from ..termijnen.models import TermijnSoort
from .filters import (
    GEEN_WIJK,
    KLASSEN,
    MEERDERE,
    WEKEN,
    Filters,
    Selectie,
    gefilterd,
    maand_label,
    maanden_in,
    tabel_1d,
    week_label,
    wet_label,
)
from .models import (
    StuurCaseload,
    StuurCaseloadVerdeling,
    StuurDelen,
    StuurDoorlooptijd,
    StuurInstroom,
    StuurLevensgebied,
    StuurSignalen,
    StuurTermijn,
    StuurToestemming,
    StuurWachtend,
    StuurZrm,
)
from .privacy import Cel, aandeel, beschermd, beschermd_2d, getal, totaal
from .tabel import KLEIN, Rij, Tabel, markering

# --- Inflow -----------------------------------------------------------------------------------


def weken_in(filters: Filters, aantal: int = WEKEN) -> list[date]:
    """The last `aantal` weeks (Mondays) of the period, oldest first, not before its start,
    not after today."""
    einde = min(filters.tot_en_met - timedelta(days=1), timezone.localdate())
    laatste = einde - timedelta(days=einde.weekday())
    eerste_toegestaan = filters.van - timedelta(days=filters.van.weekday())
    weken = [laatste - timedelta(weeks=n) for n in range(aantal - 1, -1, -1)]
    return [w for w in weken if w >= eerste_toegestaan]


def wijk_rijen(sel: Selectie, met_data: set[str]) -> dict[str, str]:
    """The wijken to show as rows: the chosen one, or all (for a selection of teams: the wijken
    they serve plus any that has intakes)."""
    f = sel.filters
    if f.wijk is not None:
        return {str(w.pk): w.naam for w in sel.wijken if w.pk == f.wijk}
    labels = {str(w.pk): w.naam for w in sel.wijken}
    if sel.teams is not None:
        gediend = {str(pk) for pk in Wijk.objects.filter(teams__in=sel.teams)
                   .values_list("pk", flat=True)}
        labels = {k: v for k, v in labels.items() if k in gediend or k in met_data}
    if GEEN_WIJK in met_data:
        labels[GEEN_WIJK] = _("Geen wijk (centrale toegang)")
    return labels


def instroom(sel: Selectie) -> dict[str, Tabel]:
    f = sel.filters
    rows = gefilterd(StuurInstroom.objects.all(), sel, periode="maand")
    per_maand: Counter[date] = Counter()
    urgent_maand: Counter[date] = Counter()
    per_wijk: Counter[str] = Counter()
    per_team: Counter[int] = Counter()
    per_kanaal: Counter[str] = Counter()
    # Grouped by month in the database: a few thousand rows at a million intakes, not the
    # tens of thousands of weekly rows.
    for maand, wijk_id, team_id, kanaal, aantal, urgent in (
            rows.values("maand", "wijk_id", "team_id", "kanaal")
            .annotate(n=Sum("aantal"), u=Sum("urgent")).order_by()
            .values_list("maand", "wijk_id", "team_id", "kanaal", "n", "u")):
        per_maand[maand] += aantal
        urgent_maand[maand] += urgent
        per_wijk[str(wijk_id) if wijk_id else GEEN_WIJK] += aantal
        per_team[team_id] += aantal
        per_kanaal[kanaal] += aantal
    weken = weken_in(f)
    per_week: Counter[date] = Counter(dict(
        rows.filter(periode__in=weken).values("periode")
        .annotate(n=Sum("aantal")).order_by().values_list("periode", "n")))
    maanden = maanden_in(f)
    tabellen: dict[str, Tabel] = {}
    maand_cellen = beschermd({m: per_maand[m] for m in maanden})
    urgent_cellen = beschermd({m: urgent_maand[m] for m in maanden})
    tabellen["instroom_maand"] = Tabel(
        "instroom_maand", _("Aanvragen per maand"), [_("Aanvragen"), _("Waarvan urgent")],
        [Rij(maand_label(m), [maand_cellen[m], urgent_cellen[m]], sleutel=m.isoformat())
         for m in maanden],
        totaal=Rij(_("Totaal"), [totaal(sum(per_maand.values())),
                                 totaal(sum(urgent_maand.values()))], sleutel="totaal"),
        grafiek="kolommen", rij_kop=_("Maand"), optelbaar="kolommen",
        uitleg=_("Aanvragen die in de maand binnenkwamen, via alle kanalen."))
    tabellen["instroom_week"] = tabel_1d(
        "instroom_week", _("Aanvragen per week (laatste 13 weken)"), _("Aanvragen"),
        {w.isoformat(): per_week[w] for w in weken},
        {w.isoformat(): week_label(w) for w in weken},
        grafiek="kolommen", rij_kop=_("Week"),
        uitleg=_("Per week, van maandag tot en met zondag; alleen de dagen binnen de gekozen "
                 "periode tellen mee."))
    wijken = wijk_rijen(sel, set(per_wijk))
    tabellen["instroom_wijk"] = tabel_1d(
        "instroom_wijk", _("Aanvragen per wijk"), _("Aanvragen"),
        {k: per_wijk[k] for k in wijken}, wijken, grafiek="balken", rij_kop=_("Wijk"),
        uitleg=_("De wijk van het adres van de aanvrager."))
    per_wet: Counter[str] = Counter()
    for team_id, aantal in per_team.items():
        per_wet[sel.hoofdwet.get(team_id, MEERDERE)] += aantal
    wet_keys = [*Wet.values, MEERDERE]
    if f.wet or f.team is not None or f.teams_toegestaan is not None:
        wet_keys = [w for w in wet_keys if per_wet[w] or w == f.wet]
    tabellen["instroom_wet"] = tabel_1d(
        "instroom_wet", _("Aanvragen per wet"), _("Aanvragen"),
        {w: per_wet[w] for w in wet_keys}, {w: wet_label(w) for w in wet_keys},
        grafiek="balken", rij_kop=_("Wet"),
        uitleg=_("De wet van het team dat de aanvraag als eerste kreeg."))
    tabellen["instroom_kanaal"] = tabel_1d(
        "instroom_kanaal", _("Aanvragen per kanaal"), _("Aanvragen"),
        {k: per_kanaal[k] for k in Kanaal.values}, {k: str(Kanaal(k).label) for k in Kanaal.values},
        grafiek="balken", rij_kop=_("Kanaal"), uitleg=_("Hoe de aanvraag binnenkwam."))
    gebieden: Counter[str] = Counter(dict(
        gefilterd(StuurLevensgebied.objects.all(), sel, periode="maand")
        .values("levensgebied").annotate(n=Sum("aantal")).order_by()
        .values_list("levensgebied", "n")))
    tabellen["instroom_levensgebied"] = Tabel(
        "instroom_levensgebied", _("Waar de aanvragen over gaan"), [_("Aanvragen")],
        [Rij(str(Levensgebied(k).label), [totaal(gebieden[k])], sleutel=k)
         for k in Levensgebied.values],
        grafiek="balken", rij_kop=_("Levensgebied"),
        uitleg=_("Een aanvraag kan over meer dan één levensgebied gaan; de aantallen tellen "
                 "daarom niet op tot het aantal aanvragen."))
    return tabellen


def trends_per_wijk(sel: Selectie) -> Tabel:
    """Small multiples: per wijk the inflow per month, protected in both directions."""
    f = sel.filters
    maanden = maanden_in(f)
    waarden: dict[tuple[str, date], int] = {}
    per_wijk: Counter[tuple[str, date]] = Counter()
    for maand, wijk_id, aantal in (
            gefilterd(StuurInstroom.objects.all(), sel, periode="maand")
            .filter(wijk_id__isnull=False).values("maand", "wijk_id")
            .annotate(n=Sum("aantal")).order_by().values_list("maand", "wijk_id", "n")):
        per_wijk[(str(wijk_id), maand)] += aantal
    wijken = {k: v for k, v in wijk_rijen(sel, {w for w, _m in per_wijk}).items()
              if k != GEEN_WIJK}
    for wijk in wijken:
        for maand in maanden:
            waarden[(wijk, maand)] = per_wijk[(wijk, maand)]
    cellen = beschermd_2d(waarden)
    rijen = [Rij(naam, [cellen[(wijk, m)] for m in maanden], sleutel=wijk)
             for wijk, naam in wijken.items()]
    return Tabel("trends_wijk", _("Aanvragen per wijk per maand"),
                 [maand_label(m) for m in maanden], rijen, grafiek="multiples",
                 rij_kop=_("Wijk"), optelbaar="2d",
                 uitleg=_("Elke wijk heeft een eigen kleine grafiek, allemaal op dezelfde "
                          "schaal, zodat u de wijken kunt vergelijken."))


# --- Work in progress -------------------------------------------------------------------------


def _caseloadteams_for(sel: Selectie) -> list[int] | None:
    teams = sel.teams
    if sel.filters.wijk is not None:
        in_wijk = set(Team.objects.filter(wijken=sel.filters.wijk).values_list("pk", flat=True))
        teams = [t for t in (teams if teams is not None else in_wijk) if t in in_wijk]
    return teams


def drempel() -> int:
    return int(settings.STUUR_CASELOAD_DREMPEL)


def _percentiel(histogram: list[tuple[int, int]], p: float) -> int | None:
    """The smallest value with at least a share `p` of the cases at or below it."""
    n = sum(a for _d, a in histogram)
    if n == 0:
        return None
    doel, cum = p * n, 0
    for waarde, aantal in sorted(histogram):
        cum += aantal
        if cum >= doel:
            return waarde
    return sorted(histogram)[-1][0]


def caseload(sel: Selectie) -> dict[str, Tabel]:
    teams = _caseloadteams_for(sel)
    rows = StuurCaseload.objects.all()
    verdeling = StuurCaseloadVerdeling.objects.all()
    if teams is not None:
        rows = rows.filter(team_id__in=teams)
        verdeling = verdeling.filter(team_id__in=teams)
    data = sorted(rows, key=lambda c: sel.team_namen.get(c.team_id, ""))
    per_team: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for team_id, casussen, professionals in verdeling.values_list("team_id", "casussen",
                                                                  "professionals"):
        per_team[team_id].append((casussen, professionals))
    grens = drempel()
    boven = {c.team_id: sum(p for n, p in per_team[c.team_id] if n > grens) for c in data}
    keys = [str(c.team_id) for c in data]
    pro_cellen = beschermd({str(c.team_id): c.professionals for c in data})
    open_cellen = beschermd({str(c.team_id): c.open_casussen for c in data})
    boven_cellen = beschermd({str(c.team_id): boven[c.team_id] for c in data})
    alle: list[tuple[int, int]] = [x for c in data for x in per_team[c.team_id]]
    n_pros = sum(p for _n, p in alle)
    rijen = [Rij(sel.team_namen.get(c.team_id, "?"), [
        pro_cellen[k], open_cellen[k], getal(c.mediaan_per_professional, c.professionals),
        getal(c.max_per_professional, c.professionals), boven_cellen[k],
    ], sleutel=k) for c, k in zip(data, keys, strict=True)]
    tabel = Tabel("caseload", _("Open casussen per team (nu)"), [
        _("Professionals"), _("Open casussen"), _("Mediaan per professional"),
        _("Hoogste per professional"),
        _("Professionals met meer dan %(n)s casussen") % {"n": grens}], rijen,
        totaal=Rij(_("Totaal"), [totaal(n_pros), totaal(sum(c.open_casussen for c in data)),
                                 getal(_percentiel(alle, 0.5), n_pros),
                                 getal(max((n for n, _p in alle), default=None), n_pros),
                                 totaal(sum(boven.values()))], sleutel="totaal"),
        grafiek="balken", grafiek_kolom=1, rij_kop=_("Team"), optelbaar="kolommen",
        grafiek_titel=_("Open casussen per team (nu)"),
        uitleg=_("Casussen die nu open zijn, geteld bij het team van de casus. Per professional "
                 "alleen als verdeling: mediaan en hoogste, bij minstens 5 professionals."))
    klassen: Counter[int] = Counter()
    for casussen, professionals in alle:
        klassen[next(i for i, (lo, hi) in enumerate(KLASSEN)
                     if casussen >= lo and (hi is None or casussen <= hi))] += professionals
    labels = {str(i): (str(lo) if lo == hi else f"{lo}–{hi}" if hi is not None
                       else _("%(n)s of meer") % {"n": lo}) for i, (lo, hi) in enumerate(KLASSEN)}
    verdeling_tabel = tabel_1d(
        "caseload_verdeling", _("Verdeling van de caseload over de professionals (nu)"),
        _("Professionals"), {str(i): klassen[i] for i in range(len(KLASSEN))}, labels,
        grafiek="kolommen", rij_kop=_("Open casussen als regiehouder"),
        uitleg=_("Hoeveel professionals regiehouder zijn van zoveel open casussen. Zonder "
                 "namen: kleine groepen professionals tonen we als %(klein)s.")
        % {"klein": markering(KLEIN)})
    return {"caseload": tabel, "caseload_verdeling": verdeling_tabel}


def wachtend(sel: Selectie) -> Tabel:
    rows = gefilterd(StuurWachtend.objects.all(), sel, periode=None)
    per_team: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for team_id, werkdagen, aantal in (rows.values("team_id", "werkdagen")
                                       .annotate(n=Sum("aantal")).order_by()
                                       .values_list("team_id", "werkdagen", "n")):
        per_team[team_id].append((werkdagen, aantal))
    teams = sorted(per_team, key=lambda t: sel.team_namen.get(t, ""))
    aantallen = {str(t): sum(a for _d, a in per_team[t]) for t in teams}
    cellen = beschermd(aantallen)
    alle = [x for t in teams for x in per_team[t]]
    n = sum(a for _d, a in alle)

    def stats(hist: list[tuple[int, int]], aantal: int) -> list[Cel]:
        return [getal(_percentiel(hist, 0.5), aantal, "werkdagen"),
                getal(_percentiel(hist, 0.9), aantal, "werkdagen")]

    rijen = [Rij(sel.team_namen.get(t, "?"), [cellen[str(t)], *stats(per_team[t],
                                                                     aantallen[str(t)])],
                 sleutel=str(t)) for t in teams]
    return Tabel("wachtend", _("Aanvragen die nog niet zijn opgepakt (nu)"),
                 [_("Aantal"), _("Wachttijd mediaan"), _("Wachttijd 90% korter dan")], rijen,
                 totaal=Rij(_("Totaal"), [totaal(n), *stats(alle, n)], sleutel="totaal"),
                 grafiek="balken", rij_kop=_("Team"), optelbaar="kolommen",
                 uitleg=_("Aanvragen zonder casus, per team dat ze kreeg. Wachttijd in "
                          "werkdagen sinds de aanvraag; boven 30 in stappen van 5 of 30."))


# --- Lead times and deadlines -----------------------------------------------------------------


def doorlooptijden(sel: Selectie) -> Tabel:
    per_maatstaf: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for maatstaf, dagen, aantal in (gefilterd(StuurDoorlooptijd.objects.all(), sel)
                                    .values("maatstaf", "dagen").annotate(n=Sum("aantal"))
                                    .values_list("maatstaf", "dagen", "n")):
        per_maatstaf[maatstaf].append((dagen, aantal))
    rijen = []
    for maatstaf in StuurDoorlooptijd.Maatstaf:
        hist = per_maatstaf.get(maatstaf.value, [])
        n = sum(a for _d, a in hist)
        rijen.append(Rij(str(maatstaf.label), [
            getal(_percentiel(hist, 0.5), n, "dagen"),
            getal(_percentiel(hist, 0.9), n, "dagen"), totaal(n)], sleutel=maatstaf.value))
    return Tabel("doorlooptijden", _("Doorlooptijden"),
                 [_("Mediaan"), _("90% korter dan"), _("Aantal")], rijen, rij_kop=_("Van … tot"),
                 uitleg=_("Kalenderdagen vanaf de aanvraag, voor aanvragen uit de gekozen "
                          "maanden. Mediaan: de helft was sneller. Boven 30 dagen in stappen."))


def termijnen(sel: Selectie) -> dict[str, Tabel]:
    per_soort: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    per_wet: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for soort, team_id, op_tijd, te_laat, open_te_laat, verdaagd in (
            gefilterd(StuurTermijn.objects.all(), sel).values("soort", "team_id")
            .annotate(a=Sum("op_tijd"), b=Sum("te_laat"), c=Sum("open_te_laat"),
                      d=Sum("verdaagd")).order_by()
            .values_list("soort", "team_id", "a", "b", "c", "d")):
        for doel in (per_soort[soort], per_wet[sel.hoofdwet.get(team_id, MEERDERE)]):
            doel[0] += op_tijd
            doel[1] += te_laat
            doel[2] += open_te_laat
            doel[3] += verdaagd

    def tabel(sleutel: str, titel: str, data: dict[str, list[int]], labels: dict[str, str],
              rij_kop: str) -> Tabel:
        keys = list(labels)
        te_laat = beschermd({k: data[k][1] for k in keys})
        open_te_laat = beschermd({k: data[k][2] for k in keys})
        verdaagd = beschermd({k: data[k][3] for k in keys})
        rijen = [Rij(labels[k], [aandeel(data[k][0], data[k][0] + data[k][1]), te_laat[k],
                                 open_te_laat[k], verdaagd[k]], sleutel=k) for k in keys]
        return Tabel(sleutel, titel, [_("Op tijd afgehandeld"), _("Te laat afgehandeld"),
                                      _("Nu te laat"), _("Verdaagd")], rijen, grafiek="balken",
                     rij_kop=rij_kop, optelbaar="kolommen",
                     grafiek_titel=_("%(titel)s: aandeel op tijd afgehandeld") % {"titel": titel},
                     uitleg=_("Termijnen met hun einddatum in de gekozen maanden. Op tijd: "
                              "het aandeel van de afgehandelde termijnen. Nu te laat: nog open "
                              "en over de einddatum."))

    return {
        "termijnen_soort": tabel("termijnen_soort", _("Termijnen per soort"), per_soort,
                                 {s.value: str(s.label) for s in TermijnSoort}, _("Soort")),
        "termijnen_wet": tabel("termijnen_wet", _("Termijnen per wet"), per_wet,
                               {w: wet_label(w) for w in [*Wet.values, MEERDERE]}, _("Wet")),
    }


def signalen(sel: Selectie) -> Tabel:
    som = gefilterd(StuurSignalen.objects.all(), sel).aggregate(
        esc=Sum("escalaties"), veilig=Sum("veiligheidsmeldingen"))
    esc, veilig = som["esc"] or 0, som["veilig"] or 0
    return Tabel("signalen", _("Escalaties en veiligheidsmeldingen"), [_("Aantal")], [
        Rij(_("Casussen naar AVE-fase 3 of 4"), [totaal(esc)], sleutel="escalaties"),
        Rij(_("Veiligheidsmeldingen (Meldcode)"), [totaal(veilig)], sleutel="veiligheid")],
        rij_kop=_("Signaal"), uitleg=_("Alleen aantallen, per maand van de escalatie of "
                                       "de melding."))


def zrm(sel: Selectie) -> Tabel:
    per_domein: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for domein, beter, gelijk, slechter in (
            gefilterd(StuurZrm.objects.all(), sel).values("domein")
            .annotate(a=Sum("beter"), b=Sum("gelijk"), c=Sum("slechter")).order_by()
            .values_list("domein", "a", "b", "c")):
        per_domein[domein] = [beter, gelijk, slechter]
    rijen = []
    for domein in Levensgebied.values:
        beter, gelijk, slechter = per_domein[domein]
        n = beter + gelijk + slechter
        rijen.append(Rij(str(ZRM_DOMEINNAAM[Levensgebied(domein)]),
                         [aandeel(beter, n), totaal(n)], sleutel=domein))
    return Tabel("zrm", _("Vooruitgang in zelfredzaamheid"),
                 [_("Beter geworden"), _("Casussen gemeten")], rijen,
                 grafiek="balken", rij_kop=_("Domein"),
                 grafiek_titel=_("Aandeel casussen dat beter werd, per domein"),
                 uitleg=_("Afgesloten casussen (per maand van afsluiten) met minstens twee "
                          "ZRM-metingen door een professional in het domein: het aandeel "
                          "waarin de laatste score hoger is dan de eerste."))


def delen(sel: Selectie) -> dict[str, Tabel]:
    som = gefilterd(StuurDelen.objects.all(), sel).aggregate(
        c=Sum("casussen"), m=Sum("meerdere_wetten"))
    casussen, meerdere = som["c"] or 0, som["m"] or 0
    per_wet: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for wet, gevraagd, gegeven in (
            gefilterd(StuurToestemming.objects.all(), sel).values("wet")
            .annotate(a=Sum("gevraagd"), b=Sum("gegeven")).order_by()
            .values_list("wet", "a", "b")):
        per_wet[wet] = [gevraagd, gegeven]
    gevraagd_cellen = beschermd({w: per_wet[w][0] for w in Wet.values})
    return {
        "een_keer": Tabel(
            "een_keer", _("Eén keer vertellen"), [_("Aandeel"), _("Casussen")], [
                Rij(_("Casussen waarin teams van meer dan één wet dezelfde aanvraag gebruikten"),
                    [aandeel(meerdere, casussen), totaal(casussen)], sleutel="meerdere")],
            rij_kop=_("Wat"),
            uitleg=_("Casussen geopend in de gekozen maanden waarin een team van een andere "
                     "wet de aanvraag las (met toestemming) of meedeed.")),
        "toestemming": Tabel(
            "toestemming", _("Toestemming per wet"), [_("Gevraagd"), _("Gegeven (aandeel)")],
            [Rij(str(Wet(w).label), [gevraagd_cellen[w], aandeel(per_wet[w][1], per_wet[w][0])],
                 sleutel=w) for w in Wet.values],
            grafiek="balken", grafiek_kolom=1, rij_kop=_("Wet"), optelbaar="kolommen",
            grafiek_titel=_("Aandeel toestemming gegeven, per wet"),
            uitleg=_("Vragen om toestemming voor een team van een andere wet, bij aanvragen "
                     "uit de gekozen maanden, en het aandeel dat de inwoner gaf.")),
    }
