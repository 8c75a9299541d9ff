"""The dashboard's "Besluiten en kosten": granted products in force and what they cost per
month (per month, wet, product category, wijk and provider), the support that ended, and the
waiting time providers report.

Read from the summary tables (`refresh_besluit.py`) and the catalogue's names in six queries,
whatever the number of decisions. An amount of money says as much about a few residents as
a count does, so every amount is protected with the count of lines behind it: it is hidden
exactly when that count is (under 5, or to protect another cell), its cell carries that
count for the protection against differences between filters
(`privacy.verschil_beschermen`), and a table of amounts with a total gets the same secondary
protection as its counts. Waiting times are about
providers, not residents, and are shown as reported.
"""

from collections import Counter, defaultdict
from collections.abc import Hashable
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeVar

from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from toegang.catalogus.models import Product, Zorgaanbieder
from toegang.core.domein import Wet

from .filters import GEEN_WIJK, Selectie, gefilterd, maand_label, maanden_in, wet_label
from .models import StuurToekenning, StuurUitstroom, StuurWachttijd
from .privacy import DREMPEL, Cel, beschermd, klein, totaal
from .privacy import verborgen as beschermd_cel
from .tabel import Rij, Tabel, verborgen_cel
from .tabellen import wijk_rijen

K = TypeVar("K", bound=Hashable)
NUL = Decimal("0.00")
PGB, GELD = "pgb", "geld"  # the rows of the provider table without a provider


def euro(bedrag: Decimal) -> str:
    """Whole euros the Dutch way: "€ 1.234"."""
    heel = int(bedrag.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return "€ " + f"{heel:,}".replace(",", ".")


def geld(bedrag: Decimal, aantal: Cel) -> Cel:
    """The amount of the lines counted in `aantal`, hidden when that count is hidden. The count
    rides along as `_ruw` (never shown) for the protection of the whole table."""
    if aantal.verborgen:
        return verborgen_cel(aantal.reden, eenheid="euro", ruw=aantal._ruw)
    heel = int(bedrag.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return Cel(heel, euro(bedrag), "euro", _ruw=aantal._ruw)


def _paren(aantallen: dict[K, Cel], bedragen: dict[K, Decimal]) -> dict[K, list[Cel]]:
    return {k: [cel, geld(bedragen.get(k, NUL), cel)] for k, cel in aantallen.items()}


def _tabel(sleutel: str, titel: str, rij_kop: str, labels: dict[str, str],
           aantal: Counter[str], kosten: dict[str, Decimal], kolommen: list[str], uitleg: str,
           grafiek_titel: str, cellen: dict[str, Cel] | None = None) -> Tabel:
    """Rows of (count, amount) with their total; counts protected as a row with a total
    unless `cellen` gives them protected already."""
    keys = list(labels)
    beschermde = cellen if cellen is not None else beschermd({k: aantal[k] for k in keys})
    rijen = _paren(beschermde, kosten)
    n = sum(aantal[k] for k in keys)
    som = sum((kosten.get(k, NUL) for k in keys), NUL)
    alles = totaal(n)
    return Tabel(sleutel, titel, kolommen,
                 [Rij(labels[k], rijen[k], sleutel=k) for k in keys],
                 totaal=Rij(_("Totaal"), [alles, geld(som, alles)], sleutel="totaal"),
                 grafiek="balken", grafiek_kolom=1, rij_kop=rij_kop, optelbaar="kolommen",
                 grafiek_titel=grafiek_titel, uitleg=uitleg)


def _categorie_labels() -> dict[tuple[str, str], str]:
    """"07: Begeleiding individueel, Dagbesteding" per wet and category, from the catalogue."""
    namen: dict[tuple[str, str], list[str]] = defaultdict(list)
    for wet, categorie, naam in (Product.objects.order_by("naam")
                                 .values_list("wet", "productcategorie", "naam")):
        if naam not in namen[(wet, categorie)]:
            namen[(wet, categorie)].append(naam)
    return {k: f"{k[1]}: {', '.join(v[:3])}{', …' if len(v) > 3 else ''}"
            for k, v in namen.items()}


def besluiten(sel: Selectie) -> dict[str, Tabel]:
    """The section's tables for the chosen period and filters."""
    f = sel.filters
    lopend = gefilterd(StuurToekenning.objects.all(), sel)
    uit = gefilterd(StuurUitstroom.objects.all(), sel)
    wachttijd = StuurWachttijd.objects.all()
    if f.wet:
        lopend, uit = lopend.filter(wet=f.wet), uit.filter(wet=f.wet)
        wachttijd = wachttijd.filter(wet=f.wet)
    maanden = maanden_in(f)
    peil = maanden[-1]
    stand = maand_label(peil)

    # 1. Per month: lines in force and their cost.
    per_maand = {m: (n, k) for m, n, k in lopend.values("periode").annotate(
        n=Sum("aantal"), k=Sum("kosten")).order_by().values_list("periode", "n", "k")}
    maand_cellen = {m: totaal(per_maand.get(m, (0, NUL))[0]) for m in maanden}
    maand_tabel = Tabel(
        "besluiten_maand", _("Lopende toekenningen en kosten per maand"),
        [_("Lopende toekenningen"), _("Kosten per maand")],
        [Rij(maand_label(m), [maand_cellen[m], geld(per_maand.get(m, (0, NUL))[1] or NUL,
                                                     maand_cellen[m])], sleutel=m.isoformat())
         for m in maanden],
        grafiek="kolommen", rij_kop=_("Maand"),
        grafiek_titel=_("Lopende toekenningen per maand"),
        uitleg=_("Toegekende producten die op de laatste dag van de maand liepen (deze maand: "
                 "vandaag), en wat die samen per maand kosten. Een herziening vervangt het "
                 "oude besluit vanaf de dag dat zij is genomen; een ingetrokken besluit telt "
                 "tot de dag van intrekking."))

    # 2. At the end of the period, per wet, category, wijk and provider (one query).
    aantal: dict[str, Counter[str]] = defaultdict(Counter)
    kosten: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: NUL))
    aanbieders: set[int] = set()
    for wet, categorie, wijk_id, aanbieder_id, levering, n, k in (
            lopend.filter(periode=peil)
            .values("wet", "productcategorie", "wijk_id", "aanbieder_id", "levering")
            .annotate(n=Sum("aantal"), k=Sum("kosten")).order_by()
            .values_list("wet", "productcategorie", "wijk_id", "aanbieder_id", "levering",
                         "n", "k")):
        if aanbieder_id is not None:
            aanbieders.add(aanbieder_id)
        for dimensie, sleutel in (
                ("wet", wet), ("categorie", f"{wet}:{categorie}"),
                ("wijk", str(wijk_id) if wijk_id else GEEN_WIJK),
                ("aanbieder", str(aanbieder_id) if aanbieder_id is not None
                 else PGB if levering == PGB else GELD)):
            aantal[dimensie][sleutel] += n
            kosten[dimensie][sleutel] += k or NUL

    kolommen = [_("Lopende toekenningen"), _("Kosten per maand")]
    wetten = [w for w in Wet.values if not f.wet or w == f.wet]
    tabellen = {"besluiten_maand": maand_tabel}
    tabellen["besluiten_wet"] = _tabel(
        "besluiten_wet", _("Lopende toekenningen per wet, stand %(maand)s") % {"maand": stand},
        _("Wet"), {w: wet_label(w) for w in wetten}, aantal["wet"], kosten["wet"], kolommen,
        _("Stand op de laatste dag van de laatste maand van de periode (deze maand: vandaag)."),
        _("Kosten per maand per wet"))

    categorie_labels = _categorie_labels()
    categorieen = sorted({*(k for k in aantal["categorie"]),
                          *(f"{w}:{c}" for w, c in categorie_labels if w in wetten)},
                         key=lambda k: (Wet.values.index(k.split(":")[0]), k))
    # The categories of one wet add up to its row in the table per wet, and all of them to
    # the total: no hidden count may stand alone in either.
    groepen = [[k for k in categorieen if k.split(":")[0] == w] for w in wetten]
    tabellen["besluiten_categorie"] = _tabel(
        "besluiten_categorie",
        _("Lopende toekenningen per productcategorie, stand %(maand)s") % {"maand": stand},
        _("Productcategorie"),
        {k: f"{wet_label(k.split(':')[0])} – "
            f"{categorie_labels.get(_wet_categorie(k), k.split(':')[1])}" for k in categorieen},
        aantal["categorie"], kosten["categorie"], kolommen,
        _("Per productcategorie van de iStandaarden, met de producten uit de catalogus."),
        _("Kosten per maand per productcategorie"),
        cellen=beschermd_in_groepen({k: aantal["categorie"][k] for k in categorieen},
                                    [*groepen, categorieen]))

    wijken = wijk_rijen(sel, {k for k, v in aantal["wijk"].items() if v})
    tabellen["besluiten_wijk"] = _tabel(
        "besluiten_wijk", _("Lopende toekenningen per wijk, stand %(maand)s") % {"maand": stand},
        _("Wijk"), wijken, aantal["wijk"], kosten["wijk"], kolommen,
        _("De wijk van de inwoner toen het besluit werd genomen."),
        _("Kosten per maand per wijk"))

    # Providers: those with a contract in force (and those with lines) by name, then the
    # lines without a provider.
    contracten = list(wachttijd.order_by("aanbieder_naam", "wet", "productcategorie"))
    namen = dict(Zorgaanbieder.objects.values_list("pk", "naam"))
    met_contract = {w.aanbieder_id for w in contracten}
    labels = {str(pk): naam for pk, naam in sorted(namen.items(), key=lambda p: (p[1], p[0]))
              if pk in aanbieders or pk in met_contract}
    labels[PGB] = _("Pgb (de inwoner koopt de zorg zelf in)")
    if not f.wet or f.wet == Wet.PARTICIPATIEWET:
        labels[GELD] = _("Geldbedrag (Participatiewet)")
    tabellen["besluiten_aanbieder"] = _tabel(
        "besluiten_aanbieder",
        _("Lopende toekenningen per zorgaanbieder, stand %(maand)s") % {"maand": stand},
        _("Zorgaanbieder"), labels, aantal["aanbieder"], kosten["aanbieder"], kolommen,
        _("Zorg in natura per zorgaanbieder; een pgb en een geldbedrag hebben geen "
          "zorgaanbieder van de gemeente."),
        _("Kosten per maand per zorgaanbieder"))

    # 3. Outflow over the whole period, per wet.
    uit_aantal: Counter[str] = Counter()
    uit_kosten: dict[str, Decimal] = defaultdict(lambda: NUL)
    for wet, n, k in (uit.values("wet").annotate(n=Sum("aantal"), k=Sum("kosten")).order_by()
                      .values_list("wet", "n", "k")):
        uit_aantal[wet] += n
        uit_kosten[wet] += k or NUL
    tabellen["besluiten_uitstroom"] = _tabel(
        "besluiten_uitstroom", _("Beëindigde toekenningen per wet"), _("Wet"),
        {w: wet_label(w) for w in wetten}, uit_aantal, uit_kosten,
        [_("Beëindigd"), _("Kosten per maand die stopten")],
        _("Toegekende producten waarvan de laatste dag in de gekozen maanden lag: de einddatum "
          "was bereikt of het besluit werd ingetrokken. Een herziening is geen einde: de "
          "zorg loopt door in het nieuwe besluit."),
        _("Beëindigde toekenningen per wet"))

    tabellen["wachttijd_aanbieder"] = _wachttijd([w for w in contracten if w.weken is not None],
                                                 categorie_labels)
    return tabellen


def _wet_categorie(sleutel: str) -> tuple[str, str]:
    wet, _sep, categorie = sleutel.partition(":")
    return wet, categorie


def beschermd_in_groepen(waarden: dict[str, int], groepen: list[list[str]]) -> dict[str, Cel]:
    """Counts whose `groepen` each add up to a figure that can be read elsewhere: counts under
    5 hidden, then in every group with exactly one hidden count the smallest visible one
    too, until no group has one alone."""
    verborgen = {k for k, v in waarden.items() if v < DREMPEL}
    veranderd = True
    while veranderd:
        veranderd = False
        for groep in groepen:
            zichtbaar = [k for k in groep if k not in verborgen]
            if len(groep) - len(zichtbaar) == 1 and zichtbaar:
                verborgen.add(min(zichtbaar, key=lambda k: (waarden[k], k)))
                veranderd = True
    return {k: (klein(v) if v < DREMPEL else beschermd_cel(v)) if k in verborgen else totaal(v)
            for k, v in waarden.items()}


def _weken(weken: int) -> Cel:
    return Cel(weken, ngettext("%(n)s week", "%(n)s weken", weken) % {"n": weken}, "weken")


def _wachttijd(rijen: list[StuurWachttijd], labels: dict[tuple[str, str], str]) -> Tabel:
    return Tabel(
        "wachttijd_aanbieder", _("Wachttijd die zorgaanbieders melden (nu)"),
        [_("Gemelde wachttijd")],
        [Rij(f"{r.aanbieder_naam} – {wet_label(r.wet)} "
             f"{labels.get((r.wet, r.productcategorie), r.productcategorie)}",
             [_weken(r.weken or 0)],
             sleutel=f"{r.aanbieder_id}:{r.wet}:{r.productcategorie}") for r in rijen],
        rij_kop=_("Zorgaanbieder en productcategorie"), grafiek="balken" if len(rijen) <= 40
        else "geen",
        uitleg=_("Alleen contracten die nu gelden en waarvoor de aanbieder een wachttijd "
                 "meldde. Heeft een aanbieder in een categorie meer producten, dan staat hier "
                 "de langste. Dit gaat over aanbieders, niet over inwoners: deze getallen zijn "
                 "niet afgeschermd."))


__all__ = ["beschermd_in_groepen", "besluiten", "euro", "geld"]
