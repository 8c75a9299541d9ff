"""A client's subscriptions to events: where Toegang posts a signed message when something
it may read changes. The secret that signs them is shown once, in the answer to the POST."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from toegang.core.beveiliging import GEEN_RECHT, Geweigerd

from . import services
from .models import Abonnement, Gebeurtenis
from .poort import client_of
from .schema import FOUTEN, FOUTEN_SCHRIJVEN


class AbonnementIn(serializers.Serializer):
    url = serializers.CharField(max_length=500, help_text="https-adres dat de berichten krijgt.")
    gebeurtenissen = serializers.ListField(
        child=serializers.ChoiceField(choices=Gebeurtenis.values), min_length=1, max_length=10)


class AbonnementUit(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    gebeurtenissen = serializers.ListField(child=serializers.CharField())
    aangemaaktOp = serializers.DateTimeField(source="aangemaakt_op")


class AbonnementNieuw(AbonnementUit):
    geheim = serializers.CharField(help_text="Sleutel voor de HMAC-handtekening. Alleen nu "
                                             "te zien: bewaar hem veilig.")


class _Abonnementen(GenericAPIView):
    scope = None  # any client: what it hears depends on its scopes (checked on POST)
    serializer_class = AbonnementUit
    pagination_class = None

    def basis(self) -> QuerySet[Abonnement]:
        return Abonnement.objects.filter(client=client_of(self.request)).order_by("pk")


class AbonnementenView(_Abonnementen):
    @extend_schema(operation_id="abonnementen_list", summary="Uw abonnementen",
                   responses={200: AbonnementUit(many=True), **FOUTEN})
    def get(self, request: Request) -> Response:
        return Response(AbonnementUit(self.basis(), many=True).data)

    @extend_schema(operation_id="abonnementen_create", summary="Abonneren op gebeurtenissen",
                   description="Toegang stuurt bij elke gebeurtenis een POST met JSON naar de "
                               "url, ondertekend met HMAC-SHA256 (header `Toegang-Signature`).",
                   request=AbonnementIn, responses={201: AbonnementNieuw, **FOUTEN_SCHRIJVEN})
    def post(self, request: Request) -> Response:
        invoer = AbonnementIn(data=request.data)
        invoer.is_valid(raise_exception=True)
        try:
            abonnement, geheim = services.abonnement_create(
                client=client_of(request), url=invoer.validated_data["url"],
                gebeurtenissen=invoer.validated_data["gebeurtenissen"])
        except ValidationError as exc:
            veld = "url" if exc.code == "url" else "gebeurtenissen"
            raise exceptions.ValidationError({veld: exc.messages}) from exc
        data: dict[str, Any] = {**AbonnementUit(abonnement).data, "geheim": geheim}
        return Response(data, status=status.HTTP_201_CREATED)


class AbonnementView(_Abonnementen):
    def _een(self, pk: int) -> Abonnement:
        gevonden = self.basis().filter(pk=pk).first()
        if gevonden is None:
            raise Geweigerd(reden=GEEN_RECHT, object_type="abonnement", object_id=pk,
                            model=Abonnement)
        return gevonden

    @extend_schema(operation_id="abonnementen_retrieve", summary="Eén abonnement",
                   responses={200: AbonnementUit, **FOUTEN})
    def get(self, request: Request, pk: int) -> Response:
        return Response(AbonnementUit(self._een(pk)).data)

    @extend_schema(operation_id="abonnementen_destroy", summary="Abonnement opzeggen",
                   responses={204: None, **FOUTEN})
    def delete(self, request: Request, pk: int) -> Response:
        self._een(pk).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
