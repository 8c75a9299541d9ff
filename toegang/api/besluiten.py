"""Decisions and assignments out, for the municipality's own systems (finance, archive).

A client sees the decisions and toewijzingen of the cases its account may see (the same
gate as the pages: `casussen_visible_to`), never drafts. Each answer that names a resident
writes one access-log row per record, with the client as actor.
"""

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import exceptions, serializers
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from casussen.besluit.models import Beschikking, BeschikkingStatus, Toekenning
from casussen.permissions import casussen_visible_to
from casussen.toewijzing.models import Toewijzing
from toegang.audit.models import Actie, Grond
from toegang.audit.services import Gegeven, toegangslog_write_many
from toegang.core.beveiliging import GEEN_RECHT, Geweigerd
from toegang.core.bsn import bsn_decrypt
from toegang.core.domein import Wet

from .models import Scope
from .poort import client_of
from .schema import FOUTEN, PAGINA

ZICHTBAAR = (BeschikkingStatus.GENOMEN, BeschikkingStatus.HERZIEN, BeschikkingStatus.INGETROKKEN)


def _bsn(intake: Any) -> str:
    return bsn_decrypt(intake.bsn_versleuteld) if intake.bsn_versleuteld else ""


class Inwoner(serializers.Serializer):
    bsn = serializers.CharField(allow_blank=True, help_text="Leeg als het BSN niet bekend is.")


class ToekenningUit(serializers.Serializer):
    productcode = serializers.CharField(source="product.productcode", allow_blank=True)
    productcategorie = serializers.CharField(source="product.productcategorie",
                                             allow_blank=True)
    product = serializers.CharField(source="product.naam")
    besluit = serializers.CharField()
    volume = serializers.DecimalField(max_digits=9, decimal_places=2, allow_null=True)
    eenheid = serializers.CharField()
    frequentie = serializers.CharField()
    begindatum = serializers.DateField(allow_null=True)
    einddatum = serializers.DateField(allow_null=True)
    levering = serializers.CharField()
    aanbiederAgb = serializers.SerializerMethodField()
    kostenPerMaand = serializers.DecimalField(source="kosten_per_maand", max_digits=10,
                                              decimal_places=2, allow_null=True)

    def get_aanbiederAgb(self, toekenning: Toekenning) -> str | None:
        return toekenning.aanbieder.agb_code if toekenning.aanbieder else None


class BesluitUit(serializers.Serializer):
    id = serializers.IntegerField()
    kenmerk = serializers.CharField()
    wet = serializers.ChoiceField(choices=Wet.values)
    status = serializers.ChoiceField(choices=[s.value for s in ZICHTBAAR])
    genomenOp = serializers.DateField(source="genomen_op", allow_null=True)
    bezwaarTot = serializers.DateField(source="bezwaar_tot", allow_null=True)
    ingetrokkenOp = serializers.DateField(source="ingetrokken_op", allow_null=True)
    vervangt = serializers.IntegerField(source="vervangt_id", allow_null=True)
    casus = serializers.IntegerField(source="casus_id")
    inwoner = serializers.SerializerMethodField()
    toekenningen = ToekenningUit(many=True)

    @extend_schema_field(Inwoner)
    def get_inwoner(self, beschikking: Beschikking) -> dict[str, str]:
        return {"bsn": _bsn(beschikking.casus.intake)}


class ToewijzingUit(serializers.Serializer):
    toewijzingnummer = serializers.IntegerField(source="pk")
    casus = serializers.IntegerField(source="casus_id")
    wet = serializers.ChoiceField(choices=Wet.values)
    aanbiederAgb = serializers.CharField(source="aanbieder.agb_code")
    productcode = serializers.CharField(source="product.productcode", allow_blank=True)
    ingangsdatum = serializers.DateField()
    einddatum = serializers.DateField(allow_null=True)
    volume = serializers.IntegerField(allow_null=True)
    eenheid = serializers.CharField()
    frequentie = serializers.CharField()
    status = serializers.CharField()
    redenWijziging = serializers.CharField(source="reden_wijziging", allow_blank=True)
    begonnenOp = serializers.DateField(source="begonnen_op", allow_null=True)
    gestoptOp = serializers.DateField(source="gestopt_op", allow_null=True)
    inwoner = serializers.SerializerMethodField()

    @extend_schema_field(Inwoner)
    def get_inwoner(self, toewijzing: Toewijzing) -> dict[str, str]:
        return {"bsn": _bsn(toewijzing.casus.intake)}


def _log(request: Request, object_type: str, rijen: list[Any]) -> None:
    if rijen:
        toegangslog_write_many(
            user=client_of(request).account, actie=Actie.BEKIJKEN, grond=Grond.API,
            object_type=object_type, doel=f"API-client {client_of(request).naam}",
            request=request,  # a DRF request wraps the HttpRequest
            gegevens=[Gegeven(object_id=r.pk, casus_id=r.casus_id,
                              intake_id=r.casus.intake_id) for r in rijen])


WET = OpenApiParameter("wet", str, enum=Wet.values, description="Alleen deze wet.")


def _wet(request: Request) -> str:
    wet = request.query_params.get("wet", "")
    if wet and wet not in Wet.values:
        raise exceptions.ValidationError({"wet": [f"Kies uit: {', '.join(Wet.values)}."]})
    return wet


class _Lezen(GenericAPIView):
    scope = Scope.BESLUITEN_LEZEN
    object_type = ""

    def basis(self) -> QuerySet[Any]:
        raise NotImplementedError

    def lijst(self, request: Request) -> Response:
        wet = _wet(request)
        rijen = self.basis()
        if wet:
            rijen = rijen.filter(wet=wet)
        page = list(self.paginate_queryset(rijen) or [])
        _log(request, self.object_type, page)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def een(self, request: Request, pk: int) -> Response:
        rijen = self.basis()
        gevonden = rijen.filter(pk=pk).first()
        if gevonden is None:  # the security log looks up which of the two it was
            raise Geweigerd(reden=GEEN_RECHT, object_type=self.object_type, object_id=pk,
                            model=rijen.model)
        _log(request, self.object_type, [gevonden])
        return Response(self.get_serializer(gevonden).data)


class _Besluiten(_Lezen):
    serializer_class = BesluitUit
    object_type = "beschikking"

    def basis(self) -> QuerySet[Beschikking]:
        zichtbaar = casussen_visible_to(user=client_of(self.request).account)
        return (Beschikking.objects.filter(casus__in=zichtbaar, status__in=ZICHTBAAR)
                .select_related("casus__intake")
                .only("id", "kenmerk", "wet", "status", "genomen_op", "bezwaar_tot",
                      "ingetrokken_op", "vervangt_id", "casus_id", "casus__intake_id",
                      "casus__intake__bsn_versleuteld")
                .prefetch_related(Prefetch("toekenningen", Toekenning.objects.select_related(
                    "product", "aanbieder").order_by("pk")))
                .order_by("-genomen_op", "-id"))


class BesluitenView(_Besluiten):
    @extend_schema(operation_id="besluiten_list", summary="Besluiten",
                   description="Genomen, herziene en ingetrokken besluiten van de casussen die "
                               "het account van de client mag zien; nieuwste eerst.",
                   parameters=[WET, *PAGINA],
                   responses={200: BesluitUit(many=True), **FOUTEN})
    def get(self, request: Request) -> Response:
        return self.lijst(request)


class BesluitView(_Besluiten):
    @extend_schema(operation_id="besluiten_retrieve", summary="Eén besluit",
                   responses={200: BesluitUit, **FOUTEN})
    def get(self, request: Request, pk: int) -> Response:
        return self.een(request, pk)


class _Toewijzingen(_Lezen):
    serializer_class = ToewijzingUit
    object_type = "toewijzing"

    def basis(self) -> QuerySet[Toewijzing]:
        zichtbaar = casussen_visible_to(user=client_of(self.request).account)
        return (Toewijzing.objects.filter(casus__in=zichtbaar)
                .select_related("aanbieder", "product", "casus__intake")
                .order_by("-created_at", "-pk"))


class ToewijzingenView(_Toewijzingen):
    @extend_schema(operation_id="toewijzingen_list", summary="Toewijzingen",
                   description="Toewijzingen aan zorgaanbieders (iWmo/iJw 301) van de casussen "
                               "die het account van de client mag zien.",
                   parameters=[WET, *PAGINA],
                   responses={200: ToewijzingUit(many=True), **FOUTEN})
    def get(self, request: Request) -> Response:
        return self.lijst(request)


class ToewijzingView(_Toewijzingen):
    @extend_schema(operation_id="toewijzingen_retrieve", summary="Eén toewijzing",
                   responses={200: ToewijzingUit, **FOUTEN})
    def get(self, request: Request, pk: int) -> Response:
        return self.een(request, pk)
