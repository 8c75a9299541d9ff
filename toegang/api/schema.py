"""Shared parts of the OpenAPI document: the problem answer and which errors each kind of
call can give."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from .conventies import PROBLEM


class OngeldigVeld(serializers.Serializer):
    name = serializers.CharField()
    code = serializers.CharField()
    reason = serializers.CharField()


class Probleem(serializers.Serializer):
    """application/problem+json (RFC 9457)."""

    type = serializers.CharField()
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField()
    invalidParams = OngeldigVeld(many=True, required=False)


def _fout(tekst: str) -> OpenApiResponse:
    return OpenApiResponse(response=Probleem, description=tekst)


# Keyed by (status, media type): errors are served as application/problem+json, and the
# document must say so (clients and the schema check read the content type).
FOUTEN = {
    (400, PROBLEM): _fout("Ongeldige vraag (bijvoorbeeld een onbekende filterwaarde)."),
    (401, PROBLEM): _fout("Geen of een ongeldige API-sleutel."),
    (403, PROBLEM): _fout("De client heeft het recht (scope) voor deze gegevens niet."),
    (404, PROBLEM): _fout("Niet gevonden, of niet zichtbaar voor deze client (hetzelfde "
                          "antwoord)."),
    (406, PROBLEM): _fout("De API levert alleen JSON."),
    (429, PROBLEM): _fout("Te veel verzoeken deze minuut."),
}
FOUTEN_SCHRIJVEN = {**FOUTEN,
                    (415, PROBLEM): _fout("Stuur JSON (`Content-Type: application/json`).")}

# The paging of every list (conventies.Pagina). drf-spectacular adds these only to views it
# recognises as lists by their serializer; ours name their answers in `responses`.
PAGINA = [
    OpenApiParameter("page", int, description="Paginanummer, vanaf 1."),
    OpenApiParameter("pageSize", int, description="Aantal per pagina (standaard 50, hoogstens "
                                                  "200)."),
]
