"""A small catalogue and a whole decision path on one casus, made through the services: for
tests that need decisions to exist (the security walks, the inzage, retention)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from casussen.besluit import services
from casussen.besluit.models import (
    Aanvraag,
    AanvraagVia,
    Beschikking,
    Besluit,
    Bezwaar,
    Levering,
    Onderzoek,
    Toekenning,
    Vormwens,
)
from casussen.models import Casus
from toegang.accounts.models import User
from toegang.catalogus.models import Contract, Product, Tarief, Zorgaanbieder


@dataclass
class Catalogus:
    begeleiding: Product   # Wmo, per week, natura or pgb
    jeugdhulp: Product     # Jeugdwet, per week, natura or pgb
    aanbieder: Zorgaanbieder


def catalogus_make() -> Catalogus:
    """Two products with a tariff since 2020 and one provider contracted for both."""
    begin = dt.date(2020, 1, 1)
    aanbieder, _ = Zorgaanbieder.objects.get_or_create(
        agb_code="75000001", defaults={"naam": "Zorg Dichtbij"})
    producten = []
    for wet, naam, cat, code in (("WMO", "Begeleiding individueel", "07", "07A01"),
                                 ("JEUGDWET", "Jeugdhulp ambulant", "45", "45A01")):
        product, nieuw = Product.objects.get_or_create(
            wet=wet, naam=naam, productcategorie=cat, productcode=code,
            defaults={"eenheid": "04", "frequentie": "2", "pgb_mogelijk": True})
        if nieuw:
            Tarief.objects.create(product=product, geldig_vanaf=begin, natura=Decimal("70"),
                                  pgb=Decimal("55"))
            Contract.objects.create(aanbieder=aanbieder, product=product, tarief=Decimal("68"),
                                    geldig_vanaf=begin, wachttijd_weken=2)
        producten.append(product)
    return Catalogus(begeleiding=producten[0], jeugdhulp=producten[1], aanbieder=aanbieder)


@dataclass
class Besluitpad:
    onderzoek: Onderzoek       # verslag sent to the resident
    aanvraag: Aanvraag         # via Mijn toegang, decided
    beschikking: Beschikking   # taken: one natura and one pgb line
    toekenning: Toekenning     # the natura line of the taken decision
    concept: Beschikking       # a draft with one line (its line can still be removed)
    conceptregel: Toekenning
    bezwaar: Bezwaar           # against the taken decision, its clock running


def besluitpad_make(*, casus: Casus, pro: User, inwoner: User | None = None,
                    catalogus: Catalogus | None = None) -> Besluitpad:
    """Onderzoek → verslag → aanvraag → beschikking (natura + pgb) → bezwaar, plus a draft."""
    cat = catalogus or catalogus_make()
    vandaag = timezone.localdate()
    gegevens = services.OnderzoekGegevens(
        gesprek_op=vandaag, hulpvraag="Structuur in de dag", eigen_kracht="Boodschappen zelf",
        netwerk="Zus", mantelzorg="", algemene_voorzieningen="Buurthuis", maatwerk_nodig=True,
        maatwerk_toelichting="Begeleiding", vormwens=Vormwens.PGB)
    onderzoek = services.onderzoek_record(user=pro, casus=casus, gegevens=gegevens)
    onderzoek = services.verslag_send(user=pro, onderzoek=onderzoek)
    aanvraag = services.aanvraag_submit(
        user=inwoner or pro, casus=casus, wet="WMO", ontvangen_op=vandaag,
        via=AanvraagVia.MIJN_TOEGANG if inwoner else AanvraagVia.PAPIER,
        vormwens=Vormwens.PGB, onderzoek=onderzoek)
    beschikking = services.beschikking_draft(user=pro, casus=casus, wet="WMO", aanvraag=aanvraag,
                                             motivering="Begeleiding helpt bij structuur.")
    regel = services.Regel(product=cat.begeleiding, besluit=Besluit.TOEGEKEND,
                           volume=Decimal("3"), begindatum=vandaag, levering=Levering.NATURA,
                           aanbieder=cat.aanbieder)
    toekenning = services.toekenning_add(user=pro, beschikking=beschikking, regel=regel)
    services.toekenning_add(user=pro, beschikking=beschikking, regel=services.Regel(
        product=cat.begeleiding, besluit=Besluit.TOEGEKEND, volume=Decimal("2"),
        begindatum=vandaag, levering=Levering.PGB))
    beschikking = services.beschikking_take(user=pro, beschikking=beschikking)
    bezwaar = services.bezwaar_record(user=pro, beschikking=beschikking, ontvangen_op=vandaag,
                                      toelichting="Te weinig uren.")
    concept = services.beschikking_draft(user=pro, casus=casus, wet="JEUGDWET",
                                         motivering="Ambulante hulp.")
    conceptregel = services.toekenning_add(user=pro, beschikking=concept, regel=services.Regel(
        product=cat.jeugdhulp, besluit=Besluit.TOEGEKEND, volume=Decimal("1"),
        begindatum=vandaag, levering=Levering.NATURA, aanbieder=cat.aanbieder))
    return Besluitpad(onderzoek=onderzoek, aanvraag=aanvraag, beschikking=beschikking,
                      toekenning=toekenning, concept=concept, conceptregel=conceptregel,
                      bezwaar=bezwaar)
