"""The dashboard's "Berichtenverkeer met zorgaanbieders": the messages sent and received per
week, and whether they were answered on time (per week and per wet), over the last 12 weeks
of the period.

Read from the summary table (`refresh_berichten.py`) in two queries, whatever the number of
messages. Every iWmo/iJw message is about one resident (a toewijzing, a start of care, a
provider's request), so its counts are protected like the counts of every other section: under
5 hidden, a column with its total protected against the complement attack, and counts that
differ a little from the view without a filter hidden (`privacy.verschil_beschermen`).
Shares follow the rule of the deadlines ("Termijnen"): shown only with at least 5 on time and
5 not. A week without a single message in the whole municipality reads "–" (`privacy.geen`).
"""

from collections import defaultdict
from datetime import date

from django.db.models import Sum
from django.utils.translation import gettext as _

from toegang.core.domein import Wet

from .filters import Selectie, gefilterd, week_label, wet_label
from .models import StuurBericht
from .privacy import Cel, aandeel, beschermd, geen, totaal
from .tabel import Rij, Tabel
from .tabellen import weken_in

WEKEN_BERICHTEN = 12
Soort = StuurBericht.Soort
STROOM = [Soort.TOEWIJZING, Soort.ANTWOORD, Soort.RETOUR_UIT, Soort.START_STOP, Soort.VERZOEK,
          Soort.RETOUR_IN]
# The three measures of timeliness: the kinds of heen message (or request) each one reads.
HUN_BERICHTEN: tuple[str, ...] = (Soort.START_STOP, Soort.VERZOEK)
VERZOEKEN: tuple[str, ...] = (Soort.VERZOEK_ANTWOORD,)
ONZE_BERICHTEN: tuple[str, ...] = (Soort.TOEWIJZING, Soort.ANTWOORD)
MAATSTAVEN = (HUN_BERICHTEN, VERZOEKEN, ONZE_BERICHTEN)
WETTEN = [Wet.WMO, Wet.JEUGDWET]  # the wetten with iStandaarden messages

# Per kind: messages, on time, late, open and late.
Cijfers = dict[str, list[int]]


def _som(cijfers: Cijfers, soorten: tuple[str, ...]) -> tuple[int, int]:
    """Of the heen messages (or requests) of `soorten`: how many were due (answered, or past
    their deadline) and how many of those on time."""
    op_tijd = sum(cijfers[s][1] for s in soorten)
    return op_tijd + sum(cijfers[s][2] + cijfers[s][3] for s in soorten), op_tijd


def _aandeel(op_tijd: int, noemer: int, *, niets: bool) -> Cel:
    return geen() if niets else aandeel(op_tijd, noemer)


def _kolom(waarden: dict[str, int], leeg: set[str]) -> dict[str, Cel]:
    """A column of counts shown with its total: protected among the rows with messages; a
    row without any message in the municipality reads "–" and protects nothing."""
    cellen = beschermd({k: v for k, v in waarden.items() if k not in leeg})
    return {k: cellen.get(k) or geen() for k in waarden}


def _totaal(n: int, *, niets: bool) -> Cel:
    return geen() if niets else totaal(n)


def _tijdigheid(sleutel: str, titel: str, rij_kop: str, labels: dict[str, str],
                cijfers: dict[str, Cijfers], leeg: set[str], alles: Cijfers, uitleg: str
                ) -> Tabel:
    """Per row (a week or a wet) the three measures: how many were due and the share of them
    on time; with the total over all rows."""
    niets = len(leeg) == len(labels)
    kolommen_cellen: list[dict[str, Cel]] = []
    for soorten in MAATSTAVEN:
        due = {k: _som(cijfers[k], soorten)[0] for k in labels}
        kolommen_cellen.append(_kolom(due, leeg))
    rijen = []
    for k, label in labels.items():
        cellen: list[Cel] = []
        for soorten, kolom in zip(MAATSTAVEN, kolommen_cellen, strict=True):
            noemer, op_tijd = _som(cijfers[k], soorten)
            cellen += [kolom[k], _aandeel(op_tijd, noemer, niets=k in leeg)]
        rijen.append(Rij(label, cellen, sleutel=k))
    som: list[Cel] = []
    for soorten in MAATSTAVEN:
        noemer, op_tijd = _som(alles, soorten)
        som += [_totaal(noemer, niets=niets), _aandeel(op_tijd, noemer, niets=niets)]
    return Tabel(sleutel, titel, [
        _("Berichten van aanbieders"), _("Retour op tijd"), _("Verzoeken"),
        _("Binnen 5 werkdagen beantwoord"), _("Toewijzingen en antwoorden"),
        _("Retour binnen 3 werkdagen")], rijen,
        totaal=Rij(_("Totaal"), som, sleutel="totaal"), rij_kop=rij_kop,
        optelbaar="kolommen", uitleg=uitleg)


def berichten(sel: Selectie) -> dict[str, Tabel]:
    f = sel.filters
    weken = weken_in(f, WEKEN_BERICHTEN)
    rows = gefilterd(StuurBericht.objects.all(), sel, periode=None).filter(periode__in=weken)
    if f.wet:
        rows = rows.filter(wet=f.wet)
    per_week: dict[str, Cijfers] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0]))
    per_wet: dict[str, Cijfers] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0]))
    alles: Cijfers = defaultdict(lambda: [0, 0, 0, 0])
    for periode, wet, soort, *cijfers in (
            rows.values("periode", "wet", "soort")
            .annotate(a=Sum("aantal"), o=Sum("op_tijd"), t=Sum("te_laat"),
                      n=Sum("open_te_laat")).order_by()
            .values_list("periode", "wet", "soort", "a", "o", "t", "n")):
        for doel in (per_week[periode.isoformat()][soort], per_wet[wet][soort], alles[soort]):
            for i, waarde in enumerate(cijfers):
                doel[i] += waarde
    # Weeks without any message in the whole municipality, whatever the filters: "–".
    met_verkeer: set[date] = set(StuurBericht.objects.filter(periode__in=weken)
                                 .values_list("periode", flat=True).distinct())
    week_labels = {w.isoformat(): week_label(w) for w in weken}
    leeg = {w.isoformat() for w in weken if w not in met_verkeer}
    niets = len(leeg) == len(weken)

    kolommen = {soort: _kolom({k: per_week[k][soort][0] for k in week_labels}, leeg)
                for soort in STROOM}
    stroom = Tabel(
        "berichten_week",
        _("Berichten per week (laatste %(n)s weken)") % {"n": WEKEN_BERICHTEN},
        [_("Toewijzingen verstuurd"), _("Antwoorden verstuurd"), _("Retouren verstuurd"),
         _("Start en stop ontvangen"), _("Verzoeken ontvangen"), _("Retouren ontvangen")],
        [Rij(label, [kolommen[s][k] for s in STROOM], sleutel=k)
         for k, label in week_labels.items()],
        totaal=Rij(_("Totaal"), [_totaal(alles[s][0], niets=niets) for s in STROOM],
                   sleutel="totaal"),
        grafiek="kolommen", rij_kop=_("Week"), optelbaar="kolommen",
        grafiek_titel=_("Toewijzingen verstuurd per week"),
        uitleg=_("Verstuurd: toewijzingen (301), antwoorden op verzoeken van aanbieders (319) "
                 "en retouren op hun berichten (306, 308, 316, 318). Ontvangen: start en stop "
                 "van zorg (305, 307), verzoeken om toewijzing of wijziging (315, 317) en "
                 "retouren op onze berichten (302, 320). Per week waarin het bericht is "
                 "gemaakt of ontvangen. Een bericht telt mee bij de wijk en het team van de "
                 "casus of van het verzoek; een bericht zonder casus en zonder verzoek telt "
                 "alleen mee als u niet op wijk, wet of team kiest. Staat er –, dan was er "
                 "die week in de hele gemeente geen enkel bericht."))

    uitleg = _("Berichten van aanbieders: start, stop en verzoeken (305, 307, 315, 317) waarop "
               "onze retour binnen 3 werkdagen weg moest. Verzoeken: elk gevraagd product, "
               "beantwoord met een toewijzing of een antwoordbericht (301, 319) binnen 5 "
               "werkdagen. Toewijzingen en antwoorden: onze berichten (301, 319) waarop de "
               "retour binnen 3 werkdagen terug moest zijn. Alleen berichten waarvan de "
               "termijn voorbij is of die al beantwoord zijn; een nog open termijn telt niet "
               "mee. Per week waarin het bericht of verzoek is gemaakt of ontvangen.")
    op_tijd = _tijdigheid(
        "berichten_op_tijd",
        _("Op tijd beantwoord per week (laatste %(n)s weken)") % {"n": WEKEN_BERICHTEN},
        _("Week"), week_labels, per_week, leeg, alles, uitleg)
    wetten = [w for w in WETTEN if not f.wet or w == f.wet]
    wet_alles: Cijfers = defaultdict(lambda: [0, 0, 0, 0])
    for wet in wetten:
        for soort, cijfers in per_wet[wet].items():
            wet_alles[soort] = [a + b for a, b in zip(wet_alles[soort], cijfers, strict=True)]
    per_wet_tabel = _tijdigheid(
        "berichten_wet",
        _("Op tijd beantwoord per wet (laatste %(n)s weken)") % {"n": WEKEN_BERICHTEN},
        _("Wet"), {w: wet_label(w) for w in wetten}, per_wet,
        set(wetten) if niets else set(), wet_alles,
        _("Dezelfde cijfers als hierboven, over de %(n)s weken samen, per wet (de iWmo voor "
          "de Wmo, de iJw voor de Jeugdwet).") % {"n": WEKEN_BERICHTEN})
    return {"berichten_week": stroom, "berichten_op_tijd": op_tijd,
            "berichten_wet": per_wet_tabel}


__all__ = ["WEKEN_BERICHTEN", "berichten"]
