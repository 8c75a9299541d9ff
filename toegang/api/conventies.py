"""The NL API Design Rules as they apply here: errors as `application/problem+json`
(RFC 9457), pagination with links (in the body and as a `Link` header), and the
`API-Version` header on every answer."""

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param
from rest_framework.views import APIView, exception_handler

from toegang.core.beveiliging import ONBEKEND_ADRES, Geweigerd, weigering_log

PROBLEM = "application/problem+json"
STATUS_500 = status.HTTP_500_INTERNAL_SERVER_ERROR
logger = logging.getLogger("toegang.api")

TITELS = {
    400: "Ongeldige gegevens.",
    401: "Niet ingelogd: geef een geldige API-sleutel mee.",
    403: "Geen toegang.",
    404: "Niet gevonden.",
    405: "Deze methode is hier niet toegestaan.",
    406: "Dit formaat kan de API niet leveren.",
    415: "Dit formaat kan de API niet lezen.",
    429: "Te veel verzoeken. Probeer het later opnieuw.",
    500: "Er ging iets mis bij de API.",
}


def _invalid_params(detail: Any, prefix: str = "") -> list[dict[str, str]]:
    """Flatten DRF's nested errors to `invalidParams`: name, code and reason per field."""
    if isinstance(detail, dict):
        rijen: list[dict[str, str]] = []
        for naam, waarde in detail.items():
            veld = f"{prefix}.{naam}" if prefix else str(naam)
            rijen += _invalid_params(waarde, "" if naam == "non_field_errors" and not prefix
                                     else veld)
        return rijen
    if isinstance(detail, list):
        rijen = []
        for i, waarde in enumerate(detail):
            sub = f"{prefix}.{i}" if isinstance(waarde, dict | list) else prefix
            rijen += _invalid_params(waarde, sub)
        return rijen
    return [{"name": prefix or "nonFieldErrors", "code": getattr(detail, "code", "invalid"),
             "reason": str(detail)}]


def probleem(request: Any, status_code: int, detail: str = "",
             invalid: list[dict[str, str]] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"https://toegang.example/problemen/{status_code}",
        "title": TITELS.get(status_code, "Fout."),
        "status": status_code,
        "detail": detail or TITELS.get(status_code, ""),
        "instance": request.path if request is not None else "",
    }
    if invalid:
        body["invalidParams"] = invalid
    return body


def problem_exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every error as problem+json. Missing and forbidden objects give the same 404 (the
    gate's `Geweigerd` is an Http404), without saying which of the two it was; the security
    log says which, as for the pages (the portal's 404 handler never sees these)."""
    request = context.get("request")
    if isinstance(exc, Geweigerd) and request is not None:
        weigering_log(request._request, reden=exc.vaststellen(), object_type=exc.object_type,
                      object_id=exc.object_id, actie=exc.actie)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:  # a bug: logged with its traceback, answered as a problem
        logger.exception("API-fout bij %s", getattr(request, "path", "?"), exc_info=exc)
        return Response(probleem(request, STATUS_500), status=STATUS_500, content_type=PROBLEM)
    invalid = None
    detail = ""
    if isinstance(exc, exceptions.ValidationError):
        invalid = _invalid_params(exc.detail)
        detail = _("Een of meer velden zijn niet goed ingevuld.")
    elif isinstance(exc, exceptions.NotFound):
        detail = TITELS[404]
    elif isinstance(exc, exceptions.APIException):
        detail = str(exc.detail)
    response.data = probleem(request, response.status_code, detail, invalid)
    response.content_type = PROBLEM
    return response


class Pagina(PageNumberPagination):
    """`?page=2&pageSize=50`; the answer carries `_links` (self, first, prev, next, last) and
    the total, and the same links in a `Link` header."""

    page_size = 50
    page_query_param = "page"
    page_size_query_param = "pageSize"
    max_page_size = 200

    def _links(self) -> dict[str, dict[str, str]]:
        request = self.request
        assert request is not None
        links = {"self": {"href": request.build_absolute_uri()}}
        eerste = self.page.paginator.page_range[0] if self.page.paginator.count else 1
        links["first"] = {"href": self._url(eerste)}
        if self.page.has_previous():
            links["prev"] = {"href": self.get_previous_link() or self._url(1)}
        if self.page.has_next():
            links["next"] = {"href": self.get_next_link() or ""}
        links["last"] = {"href": self._url(self.page.paginator.num_pages)}
        return links

    def _url(self, nummer: int) -> str:
        assert self.request is not None
        return replace_query_param(self.request.build_absolute_uri(), self.page_query_param,
                                   nummer)

    def get_paginated_response(self, data: Any) -> Response:
        links = self._links()
        response = Response({"_links": links, "totaal": self.page.paginator.count,
                             "resultaten": data})
        response["Link"] = ", ".join(f'<{link["href"]}>; rel="{rel}"'
                                     for rel, link in links.items())
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {"type": "object", "required": ["href"],
                "properties": {"href": {"type": "string", "format": "uri"}}}
        return {
            "type": "object", "required": ["_links", "totaal", "resultaten"],
            "properties": {
                "_links": {"type": "object", "required": ["self", "first", "last"],
                           "properties": dict.fromkeys(
                               ("self", "first", "prev", "next", "last"), link)},
                "totaal": {"type": "integer", "minimum": 0},
                "resultaten": schema,
            },
        }


class ApiVersieMiddleware:
    """`API-Version` on every answer under /api/ (NL API Design Rules, API-57)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.API_VERSIE
        return response



class NietGevonden(APIView):
    """Any other address under /api/v1/ (an id that is no number, a typo): the API's own
    problem+json 404, not the portal's HTML page. Logged like an unknown address."""

    authentication_classes: list[Any] = []
    permission_classes: list[Any] = []
    throttle_classes: list[Any] = []
    schema = None  # not an operation of the document

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        weigering_log(request._request, reden=ONBEKEND_ADRES, detail=request.path,
                      niveau=logging.INFO)
        raise exceptions.NotFound()
