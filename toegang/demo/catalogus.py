"""Dijkstad's catalogue for the demo: products per wet with their tariffs, zorgaanbieders with
their contracts and reported waiting times, and the four-eyes rule.

In a real municipality the functioneel beheerder keeps this in the admin, so the demo writes it
straight through the ORM, as the admin would. Running it twice changes nothing, and what a
beheerder changed in the demo stays as it is (rows are found by their natural key first).

The productcategorieën are modelled on the iStandaarden categories (iWmo, iJw); they, the
productcodes and every price are illustrative: a municipality enters its own codes (agreed
with its providers) and its own tariffs. Participatiewet products do not go through
iStandaarden: their category is an internal one and they have no productcode.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from toegang.catalogus.models import (
    Besluitregels,
    Contract,
    Eenheid,
    Frequentie,
    Goedkeurder,
    Product,
    Tarief,
    Zorgaanbieder,
)
from toegang.core.domein import Wet

VIER_OGEN_VANAF = Decimal("25000.00")  # per year, approved by the teamleider


@dataclass(frozen=True)
class _Product:
    sleutel: str          # how the demo (and besluiten.py) refers to it
    wet: str
    naam: str
    uitleg: str
    categorie: str
    code: str
    eenheid: str
    frequentie: str
    natura: Decimal       # tariff per unit from 1 January of this year
    pgb: Decimal | None   # None: no pgb
    natura_mogelijk: bool = True


E, F = Eenheid, Frequentie
W, J, P = Wet.WMO, Wet.JEUGDWET, Wet.PARTICIPATIEWET

# Illustrative codes and prices (2026 level); the municipality enters its own.
PRODUCTEN = [
    _Product("begeleiding", W, "Begeleiding individueel",
             "Een begeleider helpt u thuis om uw dag, uw post en uw afspraken te regelen.",
             "02", "02A01", E.UUR, F.PER_WEEK, Decimal("70.00"), Decimal("55.00")),
    _Product("dagbesteding", W, "Dagbesteding (begeleiding groep)",
             "Een paar dagdelen per week een zinvolle dag in een groep, met begeleiding.",
             "07", "07A01", E.DAGDEEL, F.PER_WEEK, Decimal("48.00"), Decimal("38.00")),
    _Product("huishouden", W, "Huishoudelijke ondersteuning",
             "Hulp bij het schoonhouden van uw huis en de was.",
             "01", "01A01", E.UUR, F.PER_WEEK, Decimal("35.00"), Decimal("27.50")),
    _Product("logeren", W, "Kortdurend verblijf (logeeropvang)",
             "Een paar etmalen per maand logeren, zodat uw mantelzorger even rust heeft.",
             "04", "04A01", E.ETMAAL, F.PER_MAAND, Decimal("165.00"), Decimal("130.00")),
    _Product("vervoer", W, "Wmo-vervoer (regiotaxipas)",
             "Een pas voor de regiotaxi: van deur tot deur voor een laag tarief.",
             "08", "08A01", E.STUKS, F.TOTAAL, Decimal("480.00"), None),
    _Product("woning", W, "Woningaanpassing",
             "Een aanpassing in uw huis, zoals een traplift of een aangepaste badkamer.",
             "13", "13A01", E.EURO, F.TOTAAL, Decimal("1.00"), None),
    _Product("scootmobiel", W, "Scootmobiel (in bruikleen)",
             "Een scootmobiel om zelf boodschappen te doen en mensen te bezoeken.",
             "12", "12A01", E.STUKS, F.TOTAAL, Decimal("2450.00"), None),
    _Product("ambulant", J, "Jeugdhulp ambulant",
             "Een hulpverlener komt bij u thuis of op school en werkt met uw kind en met u.",
             "45", "45A01", E.UUR, F.PER_WEEK, Decimal("82.00"), Decimal("62.00")),
    _Product("ggz", J, "Jeugd-GGZ behandeling",
             "Behandeling door een psycholoog of orthopedagoog.",
             "54", "54001", E.UUR, F.PER_MAAND, Decimal("115.00"), None),
    _Product("pleegzorg", J, "Jeugdhulp met verblijf: pleegzorg",
             "Uw kind woont (een tijd) in een pleeggezin, met begeleiding.",
             "44", "44A01", E.ETMAAL, F.PER_MAAND, Decimal("42.00"), None),
    _Product("dagbehandeling", J, "Dagbehandeling jeugd",
             "Een paar dagdelen per week behandeling in een groep, vaak naast school.",
             "46", "46A01", E.DAGDEEL, F.PER_WEEK, Decimal("95.00"), None),
    _Product("levensonderhoud", P, "Bijstand levensonderhoud",
             "Een uitkering voor de kosten van het dagelijks leven.",
             "70", "", E.EURO, F.PER_MAAND, Decimal("1.00"), None, natura_mogelijk=False),
    _Product("bijzonder", P, "Bijzondere bijstand",
             "Geld voor een noodzakelijke kostenpost die u zelf niet kunt betalen.",
             "71", "", E.EURO, F.TOTAAL, Decimal("1.00"), None, natura_mogelijk=False),
    _Product("reintegratie", P, "Re-integratietraject",
             "Een traject naar werk: scholing, een werkervaringsplek en een jobcoach.",
             "72", "", E.STUKS, F.TOTAAL, Decimal("2850.00"), None, natura_mogelijk=False),
]

# Last year's price of one product, so the admin shows how a new price is a new row.
OUDE_TARIEVEN = {"begeleiding": (Decimal("67.50"), Decimal("53.00"))}


@dataclass(frozen=True)
class _Aanbieder:
    naam: str
    agb: str           # 8 digits; fictional
    kvk: str           # 8 digits; fictional
    # (product, tariff per unit in natura, reported waiting time in weeks)
    contracten: tuple[tuple[str, Decimal, int], ...]


AANBIEDERS = [
    _Aanbieder("Thuiszorg De Dijk", "75101234", "61234501", (
        ("huishouden", Decimal("34.00"), 2), ("begeleiding", Decimal("68.50"), 3))),
    _Aanbieder("Schoon & Thuis Dijkstad", "75102345", "61234502", (
        ("huishouden", Decimal("33.50"), 0),)),
    _Aanbieder("Buurtzorgcollectief Noord", "75103456", "61234503", (
        ("begeleiding", Decimal("69.00"), 4), ("huishouden", Decimal("35.00"), 1),
        ("dagbesteding", Decimal("47.00"), 2), ("logeren", Decimal("160.00"), 6))),
    _Aanbieder("Zorggroep Havenkwartier", "75104567", "61234504", (
        ("logeren", Decimal("162.50"), 3), ("dagbesteding", Decimal("46.50"), 1),
        ("begeleiding", Decimal("68.00"), 2))),
    _Aanbieder("Dagcentrum De Molen", "75105678", "61234505", (
        ("dagbesteding", Decimal("45.00"), 5),)),
    _Aanbieder("Regiotaxi Dijkstreek", "75106789", "61234506", (
        ("vervoer", Decimal("480.00"), 0),)),
    _Aanbieder("Hulpmiddelencentrum Oost", "75107890", "61234507", (
        ("scootmobiel", Decimal("2395.00"), 3),)),
    _Aanbieder("Van der Laan Woningaanpassingen", "75108901", "61234508", (
        ("woning", Decimal("1.00"), 8),)),
    _Aanbieder("Jeugdhulp Samen Sterk", "98101234", "61234509", (
        ("ambulant", Decimal("80.00"), 4), ("dagbehandeling", Decimal("92.50"), 7))),
    _Aanbieder("Kind & Gezin GGZ Dijkstad", "94101234", "61234510", (
        ("ggz", Decimal("112.00"), 12), ("ambulant", Decimal("84.00"), 6))),
    _Aanbieder("Pleegzorg Oost-Nederland", "98102345", "61234511", (
        ("pleegzorg", Decimal("41.00"), 10),)),
    _Aanbieder("Het Jeugdhuis", "98103456", "61234512", (
        ("dagbehandeling", Decimal("96.00"), 3), ("pleegzorg", Decimal("42.50"), 9),
        ("ambulant", Decimal("81.00"), 2))),
]


@dataclass(frozen=True)
class Catalogus:
    producten: dict[str, Product]
    aanbieders: dict[str, Zorgaanbieder]


def _product(p: _Product, vanaf: date) -> Product:
    product = Product.objects.filter(wet=p.wet, naam=p.naam).first()
    if product is None:
        product = Product(wet=p.wet, naam=p.naam, uitleg=p.uitleg, productcategorie=p.categorie,
                          productcode=p.code, eenheid=p.eenheid, frequentie=p.frequentie,
                          pgb_mogelijk=p.pgb is not None, natura_mogelijk=p.natura_mogelijk)
        product.full_clean()  # the admin's checks: category, code, natura or pgb
        product.save()
    oud = OUDE_TARIEVEN.get(p.sleutel)
    if oud is not None:
        Tarief.objects.get_or_create(product=product, geldig_vanaf=vanaf.replace(vanaf.year - 1),
                                     defaults={"natura": oud[0], "pgb": oud[1]})
    Tarief.objects.get_or_create(product=product, geldig_vanaf=vanaf,
                                 defaults={"natura": p.natura, "pgb": p.pgb})
    return product


@transaction.atomic
def seed_catalogus(*, vandaag: date | None = None) -> Catalogus:
    """Create (or find) the catalogue, the providers and the four-eyes rule."""
    vandaag = vandaag or timezone.localdate()
    dit_jaar = date(vandaag.year, 1, 1)
    producten = {p.sleutel: _product(p, dit_jaar) for p in PRODUCTEN}
    aanbieders: dict[str, Zorgaanbieder] = {}
    for n, a in enumerate(AANBIEDERS):
        aanbieder = Zorgaanbieder.objects.filter(agb_code=a.agb).first()
        if aanbieder is None:
            aanbieder = Zorgaanbieder(
                naam=a.naam, agb_code=a.agb, kvk_nummer=a.kvk, telefoon=f"053 480 {2100 + n}",
                email=f"zorgtoewijzing@{re.sub(r'[^a-z0-9]', '', a.naam.lower())}.example.nl")
            aanbieder.full_clean()
            aanbieder.save()
        aanbieders[a.naam] = aanbieder
        for m, (sleutel, tarief, weken) in enumerate(a.contracten):
            # Contracted since last year; each provider reported its waiting time lately.
            Contract.objects.get_or_create(
                aanbieder=aanbieder, product=producten[sleutel],
                geldig_vanaf=dit_jaar.replace(dit_jaar.year - 1),
                defaults={"tarief": tarief, "wachttijd_weken": weken,
                          "wachttijd_gemeld_op": vandaag - timedelta(days=3 + (5 * n + m) % 25)})
    if not Besluitregels.objects.exists():
        Besluitregels.objects.create(vier_ogen_vanaf=VIER_OGEN_VANAF,
                                     goedkeurder=Goedkeurder.TEAMLEIDER)
    return Catalogus(producten=producten, aanbieders=aanbieders)
