"""Stuurinformatie: the dashboard's figures, with the same protection (small numbers,
complements and differences hidden), never a person. The client's account must be one
that may open the dashboard (a manager, or a teamleider for their own teams)."""

import hashlib
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.views import APIView

from regie.stuur import selectors
from regie.stuur.forms import DashboardFilterForm
from regie.stuur.tabel import REDENEN, Tabel
from toegang.accounts.models import Rol
from toegang.core.domein import Wet

from .models import Scope
from .poort import client_of
from .schema import FOUTEN


class CelUit(serializers.Serializer):
    waarde = serializers.FloatField(allow_null=True,
                                    help_text="Leeg (null) als het cijfer verborgen is.")
    tekst = serializers.CharField()
    eenheid = serializers.CharField(allow_blank=True)
    reden = serializers.ChoiceField(choices=["", *REDENEN],
                                    help_text="Waarom het cijfer verborgen is.")


class RijUit(serializers.Serializer):
    sleutel = serializers.CharField(allow_blank=True)
    label = serializers.CharField(allow_blank=True)
    cellen = CelUit(many=True)


class TabelUit(serializers.Serializer):
    sleutel = serializers.CharField()
    titel = serializers.CharField()
    kolommen = serializers.ListField(child=serializers.CharField(allow_blank=True))
    rijen = RijUit(many=True)
    totaal = RijUit(allow_null=True)
    samenvatting = serializers.CharField(allow_blank=True)


class StuurinformatieUit(serializers.Serializer):
    van = serializers.DateField()
    tot = serializers.DateField(help_text="Eerste dag van de laatste maand die meetelt.")
    bijgewerktOp = serializers.DateTimeField(allow_null=True)
    tabellen = TabelUit(many=True)


def _cel(cel: Any) -> dict[str, Any]:
    return {"waarde": cel.waarde, "tekst": cel.tekst, "eenheid": cel.eenheid,
            "reden": cel.reden}


def _rij(rij: Any) -> dict[str, Any]:
    return {"sleutel": rij.sleutel, "label": str(rij.label),
            "cellen": [_cel(c) for c in rij.cellen]}


def _tabel(tabel: Tabel) -> dict[str, Any]:
    return {"sleutel": tabel.sleutel, "titel": str(tabel.titel),
            "kolommen": [str(k) for k in tabel.kolommen], "rijen": [_rij(r) for r in tabel.rijen],
            "totaal": _rij(tabel.totaal) if tabel.totaal else None,
            "samenvatting": str(tabel.samenvatting)}


PARAMETERS = [
    OpenApiParameter("van", str, description="Eerste maand, jjjj-mm (standaard: 12 maanden "
                                             "terug)."),
    OpenApiParameter("tot", str, description="Laatste maand, jjjj-mm (standaard: deze maand)."),
    OpenApiParameter("wijk", int, description="Id van een wijk."),
    OpenApiParameter("wet", str, enum=Wet.values),
    OpenApiParameter("team", int, description="Id van een team."),
    OpenApiParameter("tabel", str, description="Alleen deze tabel (sleutel)."),
]


class StuurinformatieView(APIView):
    scope = Scope.STUURINFORMATIE_LEZEN

    @extend_schema(operation_id="stuurinformatie_retrieve", summary="Stuurinformatie",
                   description="De cijfers van het dashboard voor de gekozen periode en "
                               "filters, beschermd zoals op het dashboard.",
                   parameters=PARAMETERS, responses={200: StuurinformatieUit, **FOUTEN})
    def get(self, request: Request) -> HttpResponse:
        account = client_of(request).account
        if account.rol not in (Rol.MANAGER, Rol.TEAMLEIDER):
            raise exceptions.PermissionDenied(
                "Het account van deze client mag geen stuurinformatie zien.")
        keuzes = selectors.keuzes_voor(user=account)
        if keuzes.teams_toegestaan == ():  # a teamleider of no team: the page shows nothing
            raise exceptions.PermissionDenied(
                "Het account van deze client hoort bij geen team.")
        velden = ("van", "tot", "wijk", "wet", "team")
        form = DashboardFilterForm({k: request.query_params.get(k, "") for k in velden},
                                   teams=keuzes.teams, wijken=keuzes.wijken,
                                   alle_teams=keuzes.teams_toegestaan is None)
        if not form.is_valid():
            raise exceptions.ValidationError({k: [" ".join(e.messages) for e in v]
                                              for k, v in form.errors.as_data().items()})
        filters = form.filters(teams_toegestaan=keuzes.teams_toegestaan)
        gekozen = request.query_params.get("tabel", "")
        # The answer is kept as JSON text under the dashboard's own key (filters, language,
        # last rebuild): a repeat costs one cache read and no object graph to unpickle.
        sleutel = "api:" + selectors.cache_sleutel(filters) + ":" + hashlib.sha256(
            gekozen.encode()).hexdigest()[:16]
        body = cache.get(sleutel)
        if body is None:
            body = self._json(filters, gekozen)
            cache.set(sleutel, body, settings.STUUR_CACHE_SECONDS)
        return HttpResponse(body, content_type="application/json")

    @staticmethod
    def _json(filters: Any, gekozen: str) -> bytes:
        overzicht = selectors.dashboard(filters)
        if gekozen and gekozen not in overzicht.tabellen:
            raise exceptions.ValidationError(
                {"tabel": [f"Kies uit: {', '.join(sorted(overzicht.tabellen))}."]})
        tabellen = [t for k, t in overzicht.tabellen.items() if not gekozen or k == gekozen]
        return JSONRenderer().render({"van": filters.van, "tot": filters.tot,
                                      "bijgewerktOp": overzicht.bijgewerkt_op,
                                      "tabellen": [_tabel(t) for t in tabellen]})
