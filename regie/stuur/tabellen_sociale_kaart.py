"""The dashboard's "Hulp in de buurt": how often each piece of free local help from the
sociale kaart was suggested, after the aanvraag (the wizard) and by a professional in the plan.

Read straight from the suggestions (`toegang.socialekaart`) in two queries, whatever their
number: one row per voorziening, a column per source, with totals. Each suggestion is about
one resident's aanvraag, so every column is protected like the rest of the dashboard: counts
under 5 hidden, a second cell hidden against the complement attack, and (in `selectors`)
counts that differ a little from the view without a filter hidden. The wijk filter is the
resident's wijk; the team and wet filters are the aanvraag's team.
"""

from django.db.models import Count
from django.utils.translation import gettext as _

from toegang.socialekaart.models import Suggestie, SuggestieBron, Voorziening

from .filters import Selectie
from .privacy import Cel, beschermd, totaal
from .tabel import Rij, Tabel

BRONNEN = [SuggestieBron.WIZARD, SuggestieBron.PLAN]


def sociale_kaart(sel: Selectie) -> dict[str, Tabel]:
    f = sel.filters
    qs = Suggestie.objects.filter(getoond_op__date__gte=f.van, getoond_op__date__lt=f.tot_en_met)
    if f.wijk is not None:
        qs = qs.filter(wijk_id=f.wijk)
    if sel.teams is not None:
        qs = qs.filter(intake__team_id__in=sel.teams)
    tellingen: dict[tuple[int, str], int] = {
        (r["voorziening_id"], r["bron"]): r["n"]
        for r in qs.values("voorziening_id", "bron").annotate(n=Count("id"))}
    # Every piece of help ever suggested is a row, whatever the filters: the same rows in a
    # filtered and a wider view, so the difference protection can compare them.
    voorzieningen = list(Voorziening.objects.filter(suggesties__isnull=False).distinct()
                         .order_by("naam", "organisatie").values("pk", "naam", "organisatie"))
    sleutels = [str(v["pk"]) for v in voorzieningen]
    kolommen: list[dict[str, Cel]] = []
    totalen: list[Cel] = []
    for bron in BRONNEN:
        waarden = {str(v["pk"]): tellingen.get((v["pk"], bron), 0) for v in voorzieningen}
        kolommen.append(beschermd(waarden) if waarden else {})
        totalen.append(totaal(sum(waarden.values())))
    rijen = [Rij(f"{v['naam']} ({v['organisatie']})", [k[s] for k in kolommen], sleutel=s)
             for v, s in zip(voorzieningen, sleutels, strict=True)]
    return {"sociale_kaart": Tabel(
        "sociale_kaart", _("Hulp in de buurt die is voorgesteld"),
        [_("Getoond na de aanvraag"), _("In het plan gezet")], rijen,
        totaal=Rij(_("Totaal"), totalen, sleutel="totaal"), optelbaar="kolommen",
        rij_kop=_("Voorziening"), grafiek="balken",
        uitleg=_("Hoe vaak inwoners na hun aanvraag op deze vrij toegankelijke hulp zijn "
                 "gewezen, en hoe vaak een hulpverlener deze hulp in het plan zette. Geteld "
                 "per aanvraag."))}
