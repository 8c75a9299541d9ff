"""Referrals in: a referrer's system posts a verwijzing and follows its status.

The body is checked by the referral form itself (`VerwijsFormulier`), so the API and the
referrer's portal accept and refuse exactly the same input with the same messages, and the
referral is stored by the same service (one intake, routed, clocks started, the resident
confirmed, logged with the client as actor). The JSON names are the form's in camelCase.
"""

import re
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BooleanField, ChoiceField, EmailField, MultipleChoiceField
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from intake.models import Verwijzer, Verwijzing
from intake.verwijzing import services as verwijzing_services
from intake.verwijzing.forms import VerwijsFormulier
from intake.verwijzing.permissions import verwijzer_access, verwijzing_access
from intake.verwijzing.selectors import VerwijzingRegel, VerwijzingStatus, verwijzingen_of
from toegang.core.beveiliging import Geweigerd

from .models import Scope
from .poort import client_of
from .schema import FOUTEN, FOUTEN_SCHRIJVEN, PAGINA

# Form fields a system does not send: the honeypot, files, and the key (a header here).
NIET_IN_API = {"website", "bestanden", "sleutel"}


def camel(naam: str) -> str:
    kop, *rest = naam.split("_")
    return kop + "".join(deel.capitalize() for deel in rest)


VELDEN = {camel(naam): naam for naam in VerwijsFormulier.base_fields if naam not in NIET_IN_API}


def _keuzes(veld: ChoiceField) -> list[str]:
    return [str(waarde) for waarde, _label in list(veld.choices)]  # type: ignore[arg-type]


def _veld(naam: str, veld: Any) -> serializers.Field:
    """The form field as a schema field (documentation only: the form checks)."""
    algemeen = {"required": veld.required, "help_text": str(veld.help_text or veld.label or "")}
    if naam == "over_kind":
        return serializers.BooleanField(**algemeen)
    if naam == "geboortedatum":
        return serializers.DateField(**algemeen)
    if isinstance(veld, MultipleChoiceField):
        return serializers.MultipleChoiceField(choices=_keuzes(veld), **algemeen)
    if isinstance(veld, ChoiceField):
        return serializers.ChoiceField(choices=_keuzes(veld), **algemeen)
    if isinstance(veld, BooleanField):
        return serializers.BooleanField(**algemeen)
    if isinstance(veld, EmailField):
        return serializers.EmailField(allow_blank=True, max_length=veld.max_length, **algemeen)
    return serializers.CharField(max_length=getattr(veld, "max_length", None),
                                 allow_blank=not veld.required, **algemeen)


VerwijzingIn = type("VerwijzingIn", (serializers.Serializer,), {
    json: _veld(naam, VerwijsFormulier.base_fields[naam]) for json, naam in VELDEN.items()})


class VerwijzingUit(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    referentie = serializers.CharField()
    verstuurdOp = serializers.DateTimeField(source="verstuurd_op")
    status = serializers.ChoiceField(choices=VerwijzingStatus.values)
    url = serializers.SerializerMethodField()

    def get_url(self, regel: VerwijzingRegel) -> str:
        return self.context["request"].build_absolute_uri(f"/api/v1/verwijzingen/{regel.pk}")


def _formdata(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise exceptions.ValidationError({"nonFieldErrors": ["Stuur een JSON-object."]})
    onbekend = sorted(set(body) - set(VELDEN))
    if onbekend:
        raise exceptions.ValidationError(
            {naam: ["Dit veld kent de API niet."] for naam in onbekend[:20]})
    data: dict[str, Any] = {}
    for json, waarde in body.items():
        naam = VELDEN[json]
        if naam == "over_kind" and isinstance(waarde, bool):
            waarde = "ja" if waarde else "nee"
        if isinstance(waarde, dict) or (isinstance(waarde, list) and naam not in (
                "levensgebieden", "dagdelen")):
            raise exceptions.ValidationError({json: ["Dit veld heeft het verkeerde type."]})
        if isinstance(waarde, bool) and isinstance(VerwijsFormulier.base_fields[naam],
                                                   BooleanField):
            data[naam] = "on" if waarde else ""
        elif waarde is None:
            continue
        else:
            data[naam] = waarde
    return data


SLEUTEL = re.compile(r"^[0-9a-fA-F-]{32,36}$")


def _sleutel(request: Request) -> uuid.UUID:
    tekst = request.headers.get("Idempotency-Key", "").strip()
    if not tekst:
        return uuid.uuid4()
    try:
        if not SLEUTEL.match(tekst):
            raise ValueError
        return uuid.UUID(tekst)
    except ValueError as exc:
        raise exceptions.ValidationError(
            {"Idempotency-Key": ["Geef een UUID, bijvoorbeeld "
                                 "3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f."]}) from exc


def _verwijzer(request: Request) -> Verwijzer:
    try:
        return verwijzer_access(user=client_of(request).account)
    except Geweigerd as exc:
        raise exceptions.PermissionDenied(
            "Deze client is niet gekoppeld aan het account van een verwijzer.") from exc


class VerwijzingenView(GenericAPIView):
    scope = Scope.VERWIJZINGEN_SCHRIJVEN
    serializer_class = VerwijzingUit

    def get_queryset(self) -> Any:
        return verwijzingen_of(verwijzer=_verwijzer(self.request))

    @extend_schema(operation_id="verwijzingen_list", summary="Uw verwijzingen",
                   description="De verwijzingen die deze client stuurde, nieuwste eerst: "
                               "referentie, datum en status. Niets van de inhoud.",
                   parameters=PAGINA,
                   responses={200: VerwijzingUit(many=True), **FOUTEN})
    def get(self, request: Request) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        regels = [VerwijzingRegel.van(v) for v in page or []]
        return self.get_paginated_response(
            VerwijzingUit(regels, many=True, context={"request": request}).data)

    @extend_schema(
        operation_id="verwijzingen_create", summary="Een verwijzing sturen",
        description="Dezelfde controles als het verwijsformulier. Stuur `Idempotency-Key` "
                    "(een UUID) mee: hetzelfde verzoek twee keer geeft één verwijzing.",
        request=VerwijzingIn,
        parameters=[OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER,
                                     required=False, description="UUID van dit verzoek")],
        responses={201: VerwijzingUit, **FOUTEN_SCHRIJVEN})
    def post(self, request: Request) -> Response:
        verwijzer = _verwijzer(request)
        sleutel = _sleutel(request)
        form = VerwijsFormulier({**_formdata(request.data), "sleutel": str(sleutel)},
                                verwijzer=verwijzer)
        if not form.is_valid():
            raise exceptions.ValidationError(_fouten(form))
        try:
            intake = verwijzing_services.verwijzing_send(
                verwijzer=verwijzer, user=verwijzer.user, gegevens=form.gegevens(),
                indien_sleutel=sleutel, request=request)
        except ValidationError as exc:
            raise exceptions.ValidationError({"inwonerAkkoord": exc.messages}) from exc
        except PermissionDenied as exc:  # the key belongs to another referral
            raise exceptions.ValidationError(
                {"Idempotency-Key": ["Deze sleutel is al gebruikt. Gebruik een nieuwe."]}
            ) from exc
        verwijzing = Verwijzing.objects.only("id", "created_at", "intake_id").get(intake=intake)
        verwijzing.intake = intake  # in hand already: its reference and status
        data = VerwijzingUit(VerwijzingRegel.van(verwijzing), context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": data["url"]})


def _fouten(form: VerwijsFormulier) -> dict[str, list[Any]]:
    terug = {naam: json for json, naam in VELDEN.items()}
    fouten: dict[str, list[Any]] = {}
    for naam, lijst in form.errors.as_data().items():
        sleutel = "nonFieldErrors" if naam == "__all__" else terug.get(naam, naam)
        fouten[sleutel] = [exceptions.ErrorDetail(" ".join(e.messages), code=e.code or "invalid")
                           for e in lijst]
    return fouten


class VerwijzingView(GenericAPIView):
    scope = Scope.VERWIJZINGEN_SCHRIJVEN
    serializer_class = VerwijzingUit

    @extend_schema(operation_id="verwijzingen_retrieve", summary="Status van een verwijzing",
                   responses={200: VerwijzingUit, **FOUTEN})
    def get(self, request: Request, pk: int) -> Response:
        verwijzing = verwijzing_access(verwijzer=_verwijzer(request), verwijzing_id=pk)
        return Response(VerwijzingUit(VerwijzingRegel.van(verwijzing),
                                      context={"request": request}).data)

