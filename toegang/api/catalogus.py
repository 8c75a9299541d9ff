"""The product catalogue and the contracted providers (read only; no personal data)."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from toegang.catalogus.models import Contract, Product, Zorgaanbieder
from toegang.core.beveiliging import BESTAAT_NIET, Geweigerd
from toegang.core.domein import Wet

from .models import Scope
from .schema import FOUTEN, PAGINA


class ProductUit(serializers.Serializer):
    id = serializers.IntegerField()
    wet = serializers.ChoiceField(choices=Wet.values)
    naam = serializers.CharField()
    uitleg = serializers.CharField(allow_blank=True)
    productcategorie = serializers.CharField(allow_blank=True)
    productcode = serializers.CharField(allow_blank=True)
    eenheid = serializers.CharField()
    frequentie = serializers.CharField()
    pgbMogelijk = serializers.BooleanField(source="pgb_mogelijk")
    naturaMogelijk = serializers.BooleanField(source="natura_mogelijk")


class ContractUit(serializers.Serializer):
    productId = serializers.IntegerField(source="product_id")
    tarief = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    geldigVanaf = serializers.DateField(source="geldig_vanaf")
    geldigTot = serializers.DateField(source="geldig_tot", allow_null=True)
    wachttijdWeken = serializers.IntegerField(source="wachttijd_weken", allow_null=True)


class ZorgaanbiederUit(serializers.Serializer):
    id = serializers.IntegerField()
    naam = serializers.CharField()
    agbCode = serializers.CharField(source="agb_code")
    kvkNummer = serializers.CharField(source="kvk_nummer", allow_blank=True)
    email = serializers.CharField(allow_blank=True)
    telefoon = serializers.CharField(allow_blank=True)
    contracten = ContractUit(many=True, source="lopende_contracten")


class _Catalogus(GenericAPIView):
    scope = Scope.CATALOGUS_LEZEN
    object_type = ""

    def basis(self) -> QuerySet[Any]:
        raise NotImplementedError

    def lijst(self, request: Request) -> Response:
        page = self.paginate_queryset(self.basis())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def een(self, request: Request, pk: int) -> Response:
        gevonden = self.basis().filter(pk=pk).first()
        if gevonden is None:
            raise Geweigerd(reden=BESTAAT_NIET, object_type=self.object_type, object_id=pk)
        return Response(self.get_serializer(gevonden).data)


class _Producten(_Catalogus):
    serializer_class = ProductUit
    object_type = "product"

    def basis(self) -> QuerySet[Product]:
        return Product.objects.filter(actief=True).order_by("wet", "naam", "pk")


class ProductenView(_Producten):
    @extend_schema(operation_id="producten_list", summary="Producten", parameters=PAGINA,
                   responses={200: ProductUit(many=True), **FOUTEN})
    def get(self, request: Request) -> Response:
        return self.lijst(request)


class ProductView(_Producten):
    @extend_schema(operation_id="producten_retrieve", summary="Eén product",
                   responses={200: ProductUit, **FOUTEN})
    def get(self, request: Request, pk: int) -> Response:
        return self.een(request, pk)


class _Aanbieders(_Catalogus):
    serializer_class = ZorgaanbiederUit
    object_type = "zorgaanbieder"

    def basis(self) -> QuerySet[Zorgaanbieder]:
        lopend = Contract.objects.geldig_op(timezone.localdate()).order_by("product_id", "pk")
        return (Zorgaanbieder.objects.filter(actief=True)
                .prefetch_related(Prefetch("contracten", lopend, to_attr="lopende_contracten"))
                .order_by("naam", "pk"))


class ZorgaanbiedersView(_Aanbieders):
    @extend_schema(operation_id="zorgaanbieders_list", summary="Zorgaanbieders",
                   description="Actieve zorgaanbieders met hun lopende contracten.",
                   parameters=PAGINA,
                   responses={200: ZorgaanbiederUit(many=True), **FOUTEN})
    def get(self, request: Request) -> Response:
        return self.lijst(request)


class ZorgaanbiederView(_Aanbieders):
    @extend_schema(operation_id="zorgaanbieders_retrieve", summary="Eén zorgaanbieder",
                   responses={200: ZorgaanbiederUit, **FOUTEN})
    def get(self, request: Request, pk: int) -> Response:
        return self.een(request, pk)
