"""Decisions for the big city of the benchmark: a small catalogue (10 products under the three
wetten, 10 providers with contracts and reported waiting times) and beschikkingen with their
product lines, inserted in bulk on the seeded casussen.

The mix is meant to look like a municipality's: most decisions taken and running, some
herzien (a pair: the replaced decision and its herziening, which runs from the day it was
taken), some withdrawn; one to three lines each, one in ten refused; in natura with a
contracted provider or as a pgb (for the Participatiewet an amount of money); a start date
around the decision, an end date for about half of them. Tariffs and costs are computed the
way `toekenning_add` does (`toegang.catalogus.kosten.kosten`). Deterministic for a seed; a
second run tops up to `n` decisions instead of doubling. No `BesluitGebeurtenis` rows or
letters: the benchmark reads figures and costs, not the timeline of each decision.
"""

import functools
import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from casussen.besluit.models import (
    Beschikking,
    BeschikkingStatus,
    Besluit,
    Levering,
    Toekenning,
)
from casussen.models import Casus, Regiehouderschap
from toegang.accounts.models import Rol
from toegang.catalogus.kosten import kosten
from toegang.catalogus.models import (
    Contract,
    Eenheid,
    Frequentie,
    Product,
    Tarief,
    Zorgaanbieder,
)
from toegang.organisatie.models import Team, Teamlidmaatschap

SINDS = date(2020, 1, 1)
# (wet, naam, categorie, code, eenheid, frequentie, natura, pgb, volumes)
PRODUCTEN = [
    ("WMO", "Hulp bij het huishouden", "01", "01A01", Eenheid.UUR, Frequentie.PER_WEEK,
     "32.50", "24.00", (2, 3, 4)),
    ("WMO", "Begeleiding individueel", "02", "02A01", Eenheid.UUR, Frequentie.PER_WEEK,
     "68.00", "55.00", (1, 2, 3, 4)),
    ("WMO", "Dagbesteding", "02", "02A05", Eenheid.DAGDEEL, Frequentie.PER_WEEK,
     "42.00", "34.00", (2, 4, 6)),
    ("WMO", "Kortdurend verblijf", "03", "03A01", Eenheid.ETMAAL, Frequentie.PER_MAAND,
     "145.00", "115.00", (2, 4)),
    ("JEUGDWET", "Jeugdhulp ambulant", "45", "45A01", Eenheid.UUR, Frequentie.PER_WEEK,
     "85.00", "64.00", (1, 2, 3)),
    ("JEUGDWET", "Jeugd-ggz behandeling", "54", "54A01", Eenheid.UUR, Frequentie.PER_WEEK,
     "110.00", "80.00", (1, 2)),
    ("JEUGDWET", "Dagbehandeling jeugd", "46", "46A01", Eenheid.DAGDEEL, Frequentie.PER_WEEK,
     "75.00", "60.00", (2, 4)),
    ("JEUGDWET", "Verblijf pleegzorg", "43", "43A01", Eenheid.ETMAAL, Frequentie.PER_MAAND,
     "38.00", None, (30,)),
    ("PARTICIPATIEWET", "Bijzondere bijstand", "60", "", Eenheid.EURO, Frequentie.TOTAAL,
     "1.00", None, (250, 600, 1200)),
    ("PARTICIPATIEWET", "Individuele inkomenstoeslag", "61", "", Eenheid.EURO,
     Frequentie.TOTAAL, "1.00", None, (340, 460)),
]
AANBIEDERS = ["Zorg Dichtbij", "Thuiszorg De Linde", "Jeugdhulp Vooruit", "Begeleid Wonen Oost",
              "De Dagbesteding", "Gezinsplein", "Zorggroep Rivierenland", "Kwadrant Jeugd",
              "Huishoudhulp Samen", "Stichting Op Weg"]


@dataclass(frozen=True)
class _Catalogusregel:
    product: Product
    natura: Decimal
    pgb: Decimal | None
    volumes: tuple[int, ...]
    contracten: tuple[tuple[int, Decimal], ...]  # (provider id, contract tariff)


@dataclass
class _Herziening:
    oud: Beschikking
    oud_regels: list[Toekenning]
    nieuw: Beschikking
    nieuw_regels: list[Toekenning]


@transaction.atomic
def seed_catalogus_bulk(*, seed: int = 2026) -> dict[str, list[_Catalogusregel]]:
    """The products with a tariff since 2020, and the providers with their contracts (each
    provider two to four products of Wmo and Jeugdwet; one contract ended last year), per
    wet. Running it twice changes nothing."""
    rng = random.Random(seed)
    aanbieders = []
    for i, naam in enumerate(AANBIEDERS):
        aanbieder, _ = Zorgaanbieder.objects.get_or_create(agb_code=f"{75990001 + i:08d}",
                                                           defaults={"naam": naam})
        aanbieders.append(aanbieder)
    per_wet: dict[str, list[_Catalogusregel]] = {}
    zorg = [p for p in PRODUCTEN if p[0] != "PARTICIPATIEWET"]
    gekozen = {a.pk: rng.sample(range(len(zorg)), rng.randint(2, 4)) for a in aanbieders}
    for i, (wet, naam, cat, code, eenheid, freq, natura, pgb, volumes) in enumerate(PRODUCTEN):
        product, nieuw = Product.objects.get_or_create(
            wet=wet, naam=naam, productcategorie=cat, productcode=code,
            defaults={"eenheid": eenheid, "frequentie": freq, "pgb_mogelijk": pgb is not None,
                      "natura_mogelijk": wet != "PARTICIPATIEWET"})
        if nieuw:
            Tarief.objects.create(product=product, geldig_vanaf=SINDS, natura=Decimal(natura),
                                  pgb=Decimal(pgb) if pgb else None)
        contracten = []
        for aanbieder in aanbieders if wet != "PARTICIPATIEWET" else []:
            if i not in gekozen[aanbieder.pk]:
                continue
            tarief = (Decimal(natura) * Decimal(rng.choice(["0.95", "0.98", "1.00"]))
                      ).quantize(Decimal("0.01"))
            contract, _ = Contract.objects.get_or_create(
                aanbieder=aanbieder, product=product, geldig_vanaf=SINDS,
                defaults={"tarief": tarief, "wachttijd_weken": rng.choice([0, 1, 2, 4, 6, 9, 12]),
                          "wachttijd_gemeld_op": timezone.localdate() - timedelta(
                              days=rng.randint(1, 60))})
            contracten.append((aanbieder.pk, contract.tarief))
        per_wet.setdefault(wet, []).append(_Catalogusregel(
            product=product, natura=Decimal(natura), pgb=Decimal(pgb) if pgb else None,
            volumes=volumes, contracten=tuple(contracten)))
    # One contract that ended: its waiting time is no longer shown.
    eerste = Contract.objects.filter(aanbieder=aanbieders[-1]).order_by("pk").first()
    if eerste is not None and eerste.geldig_tot is None:
        Contract.objects.filter(pk=eerste.pk).update(
            geldig_tot=timezone.localdate() - timedelta(days=365))
    return per_wet


def _beschikking(status: str, op: date, *, volgnummers: Iterator[int], casus_id: int, wet: str,
                 user_id: int, **extra: object) -> Beschikking:
    return Beschikking(casus_id=casus_id, wet=wet, kenmerk=f"BENCH-B{next(volgnummers):08d}",
                       status=status,
                       motivering="Wat nodig is om mee te doen.", opgesteld_door_id=user_id,
                       genomen_op=op,
                       # Six weeks; the working-day rule of `bezwaar_tot` matters not here.
                       bezwaar_tot=op + timedelta(weeks=6), **extra)


def _regels(rng: random.Random, catalogus: list[_Catalogusregel], *, begin: date,
            einde: date | None, wijk_id: int | None) -> list[Toekenning]:
    """One to three lines of one wet, one in ten refused."""
    regels = []
    for item in rng.sample(catalogus, min(len(catalogus), rng.choice([1] * 14 + [2] * 5 + [3]))):
        product = item.product
        if rng.random() < 0.1:
            regels.append(Toekenning(product=product, besluit=Besluit.AFGEWEZEN,
                                     eenheid=product.eenheid, frequentie=product.frequentie,
                                     reden="Algemene voorziening volstaat.", wijk_id=wijk_id))
            continue
        volume = Decimal(rng.choice(item.volumes))
        aanbieder_id = None
        if product.wet == "PARTICIPATIEWET":
            levering, tarief = Levering.GELD, item.natura
        elif item.pgb is not None and (rng.random() < 0.3 or not item.contracten):
            levering, tarief = Levering.PGB, item.pgb
        else:
            aanbieder_id, tarief = rng.choice(item.contracten)
            levering = Levering.NATURA
        eind = einde
        if product.frequentie == Frequentie.TOTAAL:
            eind = begin + timedelta(days=rng.choice([30, 90, 364]))
        bedrag = kosten(volume=volume, tarief=tarief, frequentie=product.frequentie,
                        begin=begin, einde=eind)
        regels.append(Toekenning(
            product=product, besluit=Besluit.TOEGEKEND, volume=volume, eenheid=product.eenheid,
            frequentie=product.frequentie, begindatum=begin, einddatum=eind, levering=levering,
            aanbieder_id=aanbieder_id, tarief=tarief, kosten_per_maand=bedrag.per_maand,
            kosten_eerste_jaar=bedrag.eerste_jaar, wijk_id=wijk_id))
    return regels


def seed_besluiten_bulk(*, n: int, seed: int = 2026, batch: int = 5000, jaren: int = 3,
                        progress: Callable[[int], None] | None = None) -> int:
    """Beschikkingen until there are `n`, on the seeded casussen, taken over the last
    `jaren` years under a wet of the casus' team, each with its product lines."""
    rng = random.Random(seed)
    bestaand = Beschikking.objects.count()
    nodig = n - bestaand
    catalogus = seed_catalogus_bulk(seed=seed)
    casussen = list(Casus.objects.values_list("id", "team_id", "intake__wijk_id")
                    .order_by("id"))
    if nodig <= 0 or not casussen:
        return 0
    wetten: dict[int, list[str]] = {}
    for team_id, wet in Team.wetten.through.objects.values_list("team_id", "wet_id"):
        wetten.setdefault(team_id, []).append(wet)
    regie = dict(Regiehouderschap.objects.actief().values_list("casus_id", "user_id"))
    leden: dict[int, int] = {}
    for team_id, user_id in Teamlidmaatschap.objects.filter(
            user__rol=Rol.PROFESSIONAL).order_by("id").values_list("team_id", "user_id"):
        leden.setdefault(team_id, user_id)
    vandaag = timezone.localdate()
    volgnummers = itertools.count(bestaand + 1)
    made = 0
    while made < nodig:
        omvang = min(batch, nodig - made)
        enkel: list[tuple[Beschikking, list[Toekenning]]] = []
        paren: list[_Herziening] = []
        aantal = 0
        while aantal < omvang:
            casus_id, team_id, wijk_id = casussen[rng.randrange(len(casussen))]
            user = regie.get(casus_id) or leden.get(team_id)
            team_wetten = [w for w in wetten.get(team_id, []) if w in catalogus]
            if user is None or not team_wetten:
                continue
            wet = rng.choice(team_wetten)
            genomen = vandaag - timedelta(days=rng.randint(0, 365 * jaren))
            begin = genomen + timedelta(days=rng.randint(-20, 30))
            einde = begin + timedelta(days=rng.randint(60, 720)) if rng.random() < 0.5 \
                else None

            beschikking = functools.partial(_beschikking, volgnummers=volgnummers,
                                            casus_id=casus_id, wet=wet, user_id=user)
            kans = rng.random()
            herzien_op = genomen + timedelta(days=rng.randint(30, 300))
            if kans < 0.08 and omvang - aantal >= 2 and herzien_op < vandaag:
                oud_regels = _regels(rng, catalogus[wet], begin=begin, einde=einde,
                                     wijk_id=wijk_id)
                nieuw_begin = max(begin, herzien_op)
                nieuw_regels = [r for r in (
                    Toekenning(product=o.product, besluit=o.besluit, volume=(
                        o.volume + 1 if o.volume is not None and o.eenheid != Eenheid.EURO
                        else o.volume), eenheid=o.eenheid, frequentie=o.frequentie,
                        begindatum=nieuw_begin if o.begindatum else None,
                        einddatum=o.einddatum, levering=o.levering,
                        aanbieder_id=o.aanbieder_id, tarief=o.tarief, reden=o.reden,
                        wijk_id=wijk_id)
                    for o in oud_regels) if r.einddatum is None or r.begindatum is None
                    or r.einddatum >= nieuw_begin]
                for r in nieuw_regels:
                    if r.besluit == Besluit.TOEGEKEND:
                        assert r.volume is not None and r.tarief is not None
                        assert r.begindatum is not None
                        bedrag = kosten(volume=r.volume, tarief=r.tarief,
                                        frequentie=r.frequentie, begin=r.begindatum,
                                        einde=r.einddatum)
                        r.kosten_per_maand = bedrag.per_maand
                        r.kosten_eerste_jaar = bedrag.eerste_jaar
                paren.append(_Herziening(
                    oud=beschikking(BeschikkingStatus.HERZIEN, genomen), oud_regels=oud_regels,
                    nieuw=beschikking(BeschikkingStatus.GENOMEN, herzien_op,
                                      reden_wijziging="Meer hulp nodig."),
                    nieuw_regels=nieuw_regels))
                aantal += 2
                continue
            ingetrokken = genomen + timedelta(days=rng.randint(30, 400))
            if kans < 0.15 and ingetrokken <= vandaag:
                b = beschikking(BeschikkingStatus.INGETROKKEN, genomen,
                                ingetrokken_op=ingetrokken, reden_wijziging="Verhuisd.")
            else:
                b = beschikking(BeschikkingStatus.GENOMEN, genomen)
            enkel.append((b, _regels(rng, catalogus[wet], begin=begin, einde=einde,
                                     wijk_id=wijk_id)))
            aantal += 1
        with transaction.atomic():
            # The replaced decisions first: their herziening points at them.
            Beschikking.objects.bulk_create([b for b, _r in enkel] + [p.oud for p in paren],
                                            batch_size=batch)
            for paar in paren:
                paar.nieuw.vervangt_id = paar.oud.pk
            Beschikking.objects.bulk_create([p.nieuw for p in paren], batch_size=batch)
            regels = []
            for b, lijst in [*enkel, *((p.oud, p.oud_regels) for p in paren),
                             *((p.nieuw, p.nieuw_regels) for p in paren)]:
                for r in lijst:
                    r.beschikking_id = b.pk
                    regels.append(r)
            Toekenning.objects.bulk_create(regels, batch_size=batch)
        made += aantal
        if progress:
            progress(aantal)
    return made
