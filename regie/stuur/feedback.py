"""The dashboard's "Wat inwoners zeggen": the three feedback questions per wijk and per team.

Read live from `FeedbackAntwoord` (one grouped query per computation): the answers are
anonymous already and few, so a summary table would add nothing but a copy. The figures go
through the same protection as every other table (counts under 5 hidden, complements and
differences with a wider view hidden, a share only with at least 5 on both sides) and are
cached per rebuild like the rest of the page, so an answer shows after the next rebuild.
"""

from collections import defaultdict

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from regie.feedback.models import FeedbackAntwoord, Geholpen, JaNeeWeetNiet

from .filters import GEEN_WIJK, Selectie, gefilterd
from .privacy import aandeel, beschermd, totaal
from .tabel import Cel, Rij, Tabel
from .tabellen import wijk_rijen

# (field, value) pairs counted per group, in the order of the columns after "Antwoorden".
TELLINGEN = [
    ("verhaal_een_keer", JaNeeWeetNiet.JA), ("verhaal_een_keer", JaNeeWeetNiet.NEE),
    ("wist_contactpersoon", JaNeeWeetNiet.JA), ("wist_contactpersoon", JaNeeWeetNiet.NEE),
    ("geholpen", Geholpen.JA), ("geholpen", Geholpen.NEE),
]
GEHOLPEN_JA = 5  # the column the chart shows


def _kolommen() -> list[str]:
    return [_("Antwoorden"),
            _("Eén keer verteld: ja"), _("Eén keer verteld: nee"),
            _("Contactpersoon bekend: ja"), _("Contactpersoon bekend: nee"),
            _("Geholpen: ja"), _("Geholpen: nee")]


def _rij(label: str, sleutel: str, aantal: Cel, getallen: list[int]) -> Rij:
    """The count cell, then each counted answer as a share of all answers of the row."""
    return Rij(label, [aantal, *(aandeel(t, getallen[0]) for t in getallen[1:])],
               sleutel=sleutel)


def _tabel(sleutel: str, titel: str, rij_kop: str, labels: dict[str, str],
           data: dict[str, list[int]], uitleg: str) -> Tabel:
    aantallen = beschermd({k: data[k][0] for k in labels})
    alles = [sum(data[k][i] for k in labels) for i in range(len(TELLINGEN) + 1)]
    return Tabel(
        sleutel, titel, _kolommen(),
        [_rij(label, k, aantallen[k], data[k]) for k, label in labels.items()],
        totaal=_rij(_("Totaal"), "totaal", totaal(alles[0]), alles),
        grafiek="balken", grafiek_kolom=GEHOLPEN_JA, rij_kop=rij_kop, optelbaar="kolommen",
        grafiek_titel=_("Aandeel inwoners dat zegt: ik ben geholpen"), uitleg=uitleg)


def feedback(sel: Selectie) -> dict[str, Tabel]:
    """Answers and the share of yes and no per question, per wijk and per team."""
    tellers = {f"n{i}": Count("pk", filter=Q(**{veld: waarde}))
               for i, (veld, waarde) in enumerate(TELLINGEN)}
    per_wijk: dict[str, list[int]] = defaultdict(lambda: [0] * (len(TELLINGEN) + 1))
    per_team: dict[int, list[int]] = defaultdict(lambda: [0] * (len(TELLINGEN) + 1))
    for rij in (gefilterd(FeedbackAntwoord.objects.all(), sel, periode="maand")
                .values("wijk_id", "team_id").annotate(n=Count("pk"), **tellers).order_by()):
        getallen = [rij["n"], *(rij[f"n{i}"] for i in range(len(TELLINGEN)))]
        wijk = str(rij["wijk_id"]) if rij["wijk_id"] else GEEN_WIJK
        for doel in (per_wijk[wijk], per_team[rij["team_id"]]):
            for i, waarde in enumerate(getallen):
                doel[i] += waarde
    wijken = wijk_rijen(sel, {k for k, v in per_wijk.items() if v[0]})
    teams = {str(t): sel.team_namen.get(t, "?")
             for t in sorted(per_team, key=lambda t: sel.team_namen.get(t, ""))}
    uitleg = _("Na het afsluiten van een casus krijgt de inwoner drie korte vragen. Per vraag "
               "het aandeel van alle antwoorden; de rest zei 'weet ik niet' (of bij 'geholpen': "
               "'een beetje'). De antwoorden zijn niet aan een persoon of casus gekoppeld.")
    return {
        "feedback_wijk": _tabel(
            "feedback_wijk", _("Wat inwoners zeggen, per wijk"), _("Wijk"), wijken,
            {k: per_wijk[k] for k in wijken}, uitleg),
        "feedback_team": _tabel(
            "feedback_team", _("Wat inwoners zeggen, per team"), _("Team"), teams,
            {k: per_team[int(k)] for k in teams}, uitleg),
    }
