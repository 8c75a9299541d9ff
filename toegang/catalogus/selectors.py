"""Reads from the catalogue: the products a wet allows, the tariff on a date, the providers
contracted for a product, and the decision rules."""

from datetime import date

from django.db.models import Prefetch, QuerySet

from .models import Besluitregels, Contract, Product, Tarief, Zorgaanbieder


def producten_for(*, wet: str) -> QuerySet[Product]:
    return Product.objects.actief().filter(wet=wet).order_by("productcategorie", "naam")


def tarief_op(*, product: Product, dag: date) -> Tarief | None:
    """The tariff that applies on `dag`: the newest that started on or before it."""
    return product.tarieven.filter(geldig_vanaf__lte=dag).order_by("-geldig_vanaf").first()


def contract_op(*, product: Product, aanbieder: Zorgaanbieder, dag: date) -> Contract | None:
    return (Contract.objects.geldig_op(dag).filter(product=product, aanbieder=aanbieder)
            .order_by("-geldig_vanaf").first())


def aanbieders_for(*, product_ids: list[int], dag: date) -> QuerySet[Zorgaanbieder]:
    """Active providers with a contract for one of these products on `dag`, with their
    contracts prefetched (so a form can show which provider delivers what)."""
    contracten = Contract.objects.geldig_op(dag).filter(product_id__in=product_ids)
    return (Zorgaanbieder.objects.filter(actief=True, contracten__in=contracten).distinct()
            .prefetch_related(Prefetch("contracten", queryset=contracten,
                                       to_attr="geldige_contracten"))
            .order_by("naam"))


def besluitregels_current() -> Besluitregels:
    regels = Besluitregels.objects.order_by("pk").first()
    return regels if regels is not None else Besluitregels()
