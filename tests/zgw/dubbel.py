"""A test double of a ZGW zaaksysteem (Zaken, Catalogi, Besluiten and Documenten API), mounted
in a `requests.Session` as a transport adapter.

Every request is checked before it is handled: the JWT (HS256, signed with the shared secret,
with the claims the standard requires) and the request against the OpenAPI documents in
`specs/` (paths, parameters, required headers, body fields, types, formats, enums, lengths).
A request that fails either check gets the standard's error answer (403 or 400) and is kept in
`afgekeurd`, so a test can assert that none was. Every answer is checked against the same
documents, so the double cannot drift from them either.

The store is in memory. `faal(operatie, wijze=...)` makes the next call of an operation fail:
"500" answers an error without doing anything; "timeout" does the work (stores the object) and
then lets the answer time out, as a real network may.
"""

import base64
import datetime as dt
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import jwt
import requests
from openapi_core import OpenAPI
from openapi_core.contrib.requests import RequestsOpenAPIRequest, RequestsOpenAPIResponse
from openapi_core.exceptions import OpenAPIError
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

ROOT = "https://zgw.test"
SPECS = Path(__file__).parent / "specs"
API = {
    "zaken": f"{ROOT}/zaken/api/v1",
    "catalogi": f"{ROOT}/catalogi/api/v1",
    "documenten": f"{ROOT}/documenten/api/v1",
    "besluiten": f"{ROOT}/besluiten/api/v1",
}
VEREISTE_CLAIMS = ["iss", "iat", "client_id", "user_id", "user_representation"]

NEDERLAND = ZoneInfo("Europe/Amsterdam")


class Afgekeurd(Exception):
    def __init__(self, status: int, code: str, detail: str,
                 velden: list[dict[str, str]] | None = None) -> None:
        super().__init__(detail)
        self.status, self.code, self.detail, self.velden = status, code, detail, velden or []


@dataclass
class Faalopdracht:
    wijze: str  # "500" or "timeout"
    aantal: int


@dataclass
class Route:
    api: str
    methode: str
    patroon: re.Pattern[str]
    operatie: str
    handler: Callable[..., tuple[int, Any]]


@dataclass
class ZgwDubbel:
    client_id: str
    secret: str
    objecten: dict[str, dict[str, dict[str, Any]]] = field(
        default_factory=lambda: defaultdict(dict))
    inhoud: dict[str, bytes] = field(default_factory=dict)
    afgekeurd: list[str] = field(default_factory=list)
    aanroepen: list[str] = field(default_factory=list)
    _falen: dict[str, Faalopdracht] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.specs = {api: OpenAPI.from_file_path(str(SPECS / f"{api}.yaml")) for api in API}
        self.routes = self._routes()
        self.catalogus = f"{API['catalogi']}/catalogussen/{uuid.uuid4()}"

    # --- For tests ----------------------------------------------------------------------------

    def faal(self, operatie: str, *, wijze: str = "500", aantal: int = 1) -> None:
        self._falen[operatie] = Faalopdracht(wijze=wijze, aantal=aantal)

    def alle(self, collectie: str) -> list[dict[str, Any]]:
        return list(self.objecten[collectie].values())

    def een(self, collectie: str) -> dict[str, Any]:
        rijen = self.alle(collectie)
        assert len(rijen) == 1, f"{len(rijen)} {collectie}"
        return rijen[0]

    def sessie(self) -> requests.Session:
        session = requests.Session()
        session.mount(ROOT + "/", DubbelAdapter(self))
        return session

    def zaaktype_add(self, *, identificatie: str, begin: dt.date, einde: dt.date | None = None,
                     concept: bool = False, statussen: tuple[str, ...] = (
                         "Aanvraag ontvangen", "Besluit genomen", "Afgehandeld")) -> str:
        """A zaaktype version with its statustypen (the last is the eindstatus) and an
        initiator roltype; returns its URL."""
        url = self._url("catalogi", "zaaktypen")
        statustypen = []
        for volgnummer, omschrijving in enumerate(statussen, start=1):
            st = self._url("catalogi", "statustypen")
            self.objecten["statustypen"][st] = {
                "url": st, "omschrijving": omschrijving, "zaaktype": url,
                "volgnummer": volgnummer, "isEindstatus": volgnummer == len(statussen)}
            statustypen.append(st)
        rt = self._url("catalogi", "roltypen")
        self.objecten["roltypen"][rt] = {"url": rt, "zaaktype": url, "omschrijving": "Aanvrager",
                                         "omschrijvingGeneriek": "initiator"}
        self.objecten["zaaktypen"][url] = {
            "url": url, "identificatie": identificatie, "omschrijving": f"Aanvraag {identificatie}",
            "vertrouwelijkheidaanduiding": "vertrouwelijk", "doorlooptijd": "P8W",
            "opschortingEnAanhoudingMogelijk": True, "verlengingMogelijk": True,
            "verlengingstermijn": "P6W", "catalogus": self.catalogus,
            "statustypen": statustypen, "roltypen": [rt], "besluittypen": [],
            "beginGeldigheid": begin.isoformat(),
            "eindeGeldigheid": einde.isoformat() if einde else None,
            "versiedatum": begin.isoformat(), "concept": concept}
        return url

    def besluittype_add(self, omschrijving: str, begin: dt.date) -> str:
        url = self._url("catalogi", "besluittypen")
        self.objecten["besluittypen"][url] = {
            "url": url, "catalogus": self.catalogus, "zaaktypen": [], "omschrijving": omschrijving,
            "publicatieIndicatie": False, "informatieobjecttypen": [],
            "beginGeldigheid": begin.isoformat(), "eindeGeldigheid": None, "concept": False}
        return url

    def informatieobjecttype_add(self, omschrijving: str, begin: dt.date) -> str:
        url = self._url("catalogi", "informatieobjecttypen")
        self.objecten["informatieobjecttypen"][url] = {
            "url": url, "catalogus": self.catalogus, "omschrijving": omschrijving,
            "vertrouwelijkheidaanduiding": "vertrouwelijk", "beginGeldigheid": begin.isoformat(),
            "eindeGeldigheid": None, "concept": False, "informatieobjectcategorie": "brief"}
        return url

    # --- The transport ------------------------------------------------------------------------

    def verwerk(self, request: requests.PreparedRequest) -> requests.Response:
        route, params = self._route(request)
        faal: Faalopdracht | None = None
        self.aanroepen.append(route.operatie if route else f"{request.method} {request.url}")
        try:
            if route is None:
                raise Afgekeurd(404, "not_found", "Onbekend pad.")
            self._check_jwt(request)
            self._check_spec(route.api, request)
            faal = self._falen.get(route.operatie)
            if faal is not None and faal.aantal > 0 and faal.wijze == "500":
                faal.aantal -= 1
                raise Afgekeurd(500, "error", "Interne fout (opgedragen door de test).")
            status, body = route.handler(request, _body(request), **params)
        except Afgekeurd as fout:
            if fout.status in (400, 403, 404):
                self.afgekeurd.append(f"{request.method} {urlsplit(request.url or '').path}: "
                                      f"{fout.status} {fout.detail}")
            return self._antwoord(request, fout.status, _fout(fout, request), probleem=True)
        if faal is not None and faal.aantal > 0 and faal.wijze == "timeout":
            faal.aantal -= 1  # the work is done; only the answer is lost
            raise requests.exceptions.ReadTimeout("opgedragen door de test")
        antwoord = self._antwoord(request, status, body)
        self._check_antwoord(route.api, request, antwoord)
        return antwoord

    def _check_jwt(self, request: requests.PreparedRequest) -> None:
        kop = request.headers.get("Authorization", "")
        if not kop.startswith("Bearer "):
            raise Afgekeurd(403, "not_authenticated", "Geen JWT in de Authorization-header.")
        try:
            claims = jwt.decode(kop.removeprefix("Bearer "), self.secret, algorithms=["HS256"],
                                options={"require": VEREISTE_CLAIMS, "verify_iat": True})
        except jwt.PyJWTError as exc:
            raise Afgekeurd(403, "permission_denied", f"JWT ongeldig: {exc}") from exc
        if claims["client_id"] != self.client_id or claims["iss"] != self.client_id:
            raise Afgekeurd(403, "permission_denied", "Onbekende client_id.")

    def _check_spec(self, api: str, request: requests.PreparedRequest) -> None:
        try:
            self.specs[api].validate_request(RequestsOpenAPIRequest(request))
        except OpenAPIError as exc:
            velden = [{"name": "request", "code": "invalid", "reason": _reden(exc)}]
            raise Afgekeurd(400, "invalid", velden[0]["reason"], velden) from exc

    def _check_antwoord(self, api: str, request: requests.PreparedRequest,
                        antwoord: requests.Response) -> None:
        self.specs[api].validate_response(RequestsOpenAPIRequest(request),
                                          RequestsOpenAPIResponse(antwoord))

    def _antwoord(self, request: requests.PreparedRequest, status: int, body: Any,
                  probleem: bool = False) -> requests.Response:
        antwoord = requests.Response()
        antwoord.status_code = status
        antwoord._content = json.dumps(body).encode()
        antwoord.headers = CaseInsensitiveDict({
            "Content-Type": "application/problem+json" if probleem else "application/json"})
        if (request.url or "").startswith(API["zaken"]):
            antwoord.headers["Content-Crs"] = "EPSG:4326"
        antwoord.url = request.url or ""
        antwoord.request = request
        antwoord.encoding = "utf-8"
        return antwoord

    # --- Routing and the store ----------------------------------------------------------------

    def _routes(self) -> list[Route]:
        uuid_ = r"(?P<uuid>[0-9a-f-]{36})"
        tabel = [
            ("zaken", "GET", "/zaken", "zaak_list", self._lijst("zaken", ["identificatie",
                                                                         "bronorganisatie"])),
            ("zaken", "POST", "/zaken", "zaak_create", self._zaak_create),
            ("zaken", "GET", f"/zaken/{uuid_}", "zaak_retrieve", self._ophalen("zaken")),
            ("zaken", "PATCH", f"/zaken/{uuid_}", "zaak_partial_update", self._zaak_patch),
            ("zaken", "GET", "/rollen", "rol_list",
             self._lijst("rollen", ["zaak", "betrokkeneType", "omschrijvingGeneriek"])),
            ("zaken", "POST", "/rollen", "rol_create", self._rol_create),
            ("zaken", "GET", "/statussen", "status_list",
             self._lijst("statussen", ["zaak", "statustype"])),
            ("zaken", "POST", "/statussen", "status_create", self._status_create),
            ("zaken", "GET", "/zaakinformatieobjecten", "zaakinformatieobject_list",
             self._lijst("zaakinformatieobjecten", ["zaak", "informatieobject"], plat=True)),
            ("zaken", "POST", "/zaakinformatieobjecten", "zaakinformatieobject_create",
             self._zio_create),
            ("catalogi", "GET", "/zaaktypen", "zaaktype_list",
             self._lijst("zaaktypen", ["catalogus", "identificatie"], definitief=True)),
            ("catalogi", "GET", "/statustypen", "statustype_list",
             self._lijst("statustypen", ["zaaktype"])),
            ("catalogi", "GET", "/roltypen", "roltype_list",
             self._lijst("roltypen", ["zaaktype", "omschrijvingGeneriek"])),
            ("catalogi", "GET", "/besluittypen", "besluittype_list",
             self._lijst("besluittypen", ["catalogus", "omschrijving"], definitief=True)),
            ("catalogi", "GET", "/informatieobjecttypen", "informatieobjecttype_list",
             self._lijst("informatieobjecttypen", ["catalogus", "omschrijving"],
                         definitief=True)),
            ("documenten", "GET", "/enkelvoudiginformatieobjecten",
             "enkelvoudiginformatieobject_list",
             self._lijst("enkelvoudiginformatieobjecten", ["identificatie", "bronorganisatie"])),
            ("documenten", "POST", "/enkelvoudiginformatieobjecten",
             "enkelvoudiginformatieobject_create", self._eio_create),
            ("besluiten", "GET", "/besluiten", "besluit_list",
             self._lijst("besluiten", ["identificatie", "verantwoordelijkeOrganisatie", "zaak"])),
            ("besluiten", "POST", "/besluiten", "besluit_create", self._besluit_create),
            ("besluiten", "PATCH", f"/besluiten/{uuid_}", "besluit_partial_update",
             self._besluit_patch),
            ("besluiten", "GET", "/besluitinformatieobjecten", "besluitinformatieobject_list",
             self._lijst("besluitinformatieobjecten", ["besluit", "informatieobject"],
                         plat=True)),
            ("besluiten", "POST", "/besluitinformatieobjecten", "besluitinformatieobject_create",
             self._bio_create),
        ]
        return [Route(api, methode, re.compile(re.escape(API[api]) + pad + r"/?$"), operatie,
                      handler) for api, methode, pad, operatie, handler in tabel]

    def _route(self, request: requests.PreparedRequest) -> tuple[Route | None, dict[str, str]]:
        url = (request.url or "").split("?")[0]
        for route in self.routes:
            match = route.patroon.match(url)
            if match and route.methode == request.method:
                return route, match.groupdict()
        return None, {}

    def _url(self, api: str, collectie: str) -> str:
        return f"{API[api]}/{collectie}/{uuid.uuid4()}"

    def _moet_bestaan(self, collectie: str, url: str | None, veld: str) -> dict[str, Any]:
        if not url or url not in self.objecten[collectie]:
            raise Afgekeurd(400, "invalid", f"{veld}: bestaat niet",
                            [{"name": veld, "code": "bad-url", "reason": "bestaat niet"}])
        return self.objecten[collectie][url]

    def _uniek(self, collectie: str, **velden: str) -> None:
        if any(all(o.get(k) == v for k, v in velden.items())
               for o in self.objecten[collectie].values()):
            naam = "identificatie"
            raise Afgekeurd(400, "invalid", f"{naam}: niet uniek",
                            [{"name": naam, "code": "identificatie-niet-uniek",
                              "reason": "niet uniek"}])

    def _lijst(self, collectie: str, filters: list[str], *, plat: bool = False,
               definitief: bool = False) -> Callable[..., tuple[int, Any]]:
        def handler(request: requests.PreparedRequest, body: Any) -> tuple[int, Any]:
            query = {k: v[0] for k, v in parse_qs(urlsplit(request.url or "").query).items()}
            rijen = [o for o in self.objecten[collectie].values()
                     if all(o.get(f) == query[f] for f in filters if f in query)
                     and not (definitief and o.get("concept"))]
            if plat:
                return 200, rijen
            return 200, {"count": len(rijen), "next": None, "previous": None, "results": rijen}
        return handler

    def _ophalen(self, collectie: str) -> Callable[..., tuple[int, Any]]:
        def handler(request: requests.PreparedRequest, body: Any, uuid: str) -> tuple[int, Any]:
            url = (request.url or "").split("?")[0].rstrip("/")
            return 200, self._moet_bestaan(collectie, url, "uuid")
        return handler

    def _bewaar(self, api: str, collectie: str, velden: dict[str, Any]) -> dict[str, Any]:
        url = self._url(api, collectie)
        rij = {"url": url, "uuid": url.rsplit("/", 1)[1], **velden}
        self.objecten[collectie][url] = rij
        return rij

    def _zaak_create(self, request: requests.PreparedRequest, body: dict[str, Any]
                     ) -> tuple[int, Any]:
        zaaktype = self._moet_bestaan("zaaktypen", body["zaaktype"], "zaaktype")
        if zaaktype["concept"]:
            raise Afgekeurd(400, "invalid", "zaaktype: concept")
        if body.get("identificatie"):
            self._uniek("zaken", identificatie=body["identificatie"],
                        bronorganisatie=body["bronorganisatie"])
        return 201, self._bewaar("zaken", "zaken", {
            "identificatie": body.get("identificatie") or f"ZAAK-{len(self.objecten['zaken'])}",
            "registratiedatum": dt.date.today().isoformat(), "einddatum": None,
            "opschorting": {"indicatie": False, "reden": ""}, "verlenging": None,
            "status": None, "rollen": [], "zaakinformatieobjecten": [],
            **{k: v for k, v in body.items() if k != "identificatie"}})

    def _zaak_patch(self, request: requests.PreparedRequest, body: dict[str, Any],
                    uuid: str) -> tuple[int, Any]:
        zaak = self._moet_bestaan("zaken", (request.url or "").rstrip("/"), "uuid")
        zaaktype = self.objecten["zaaktypen"][zaak["zaaktype"]]
        if body.get("opschorting", {}).get("indicatie") and \
                not zaaktype["opschortingEnAanhoudingMogelijk"]:
            raise Afgekeurd(400, "invalid", "opschorting: niet mogelijk voor dit zaaktype")
        if body.get("verlenging") and not zaaktype["verlengingMogelijk"]:
            raise Afgekeurd(400, "invalid", "verlenging: niet mogelijk voor dit zaaktype")
        zaak.update(body)
        return 200, zaak

    def _rol_create(self, request: requests.PreparedRequest, body: dict[str, Any]
                    ) -> tuple[int, Any]:
        zaak = self._moet_bestaan("zaken", body["zaak"], "zaak")
        roltype = self._moet_bestaan("roltypen", body["roltype"], "roltype")
        if roltype["zaaktype"] != zaak["zaaktype"]:
            raise Afgekeurd(400, "invalid", "roltype: hoort niet bij het zaaktype")
        rol = self._bewaar("zaken", "rollen", {
            **body, "omschrijving": roltype["omschrijving"],
            "omschrijvingGeneriek": roltype["omschrijvingGeneriek"],
            "registratiedatum": dt.datetime.now(dt.UTC).isoformat()})
        zaak["rollen"].append(rol["url"])
        return 201, rol

    def _status_create(self, request: requests.PreparedRequest, body: dict[str, Any]
                       ) -> tuple[int, Any]:
        zaak = self._moet_bestaan("zaken", body["zaak"], "zaak")
        statustype = self._moet_bestaan("statustypen", body["statustype"], "statustype")
        if statustype["zaaktype"] != zaak["zaaktype"]:
            raise Afgekeurd(400, "invalid", "statustype: hoort niet bij het zaaktype")
        if statustype["isEindstatus"]:
            for zio in self.objecten["zaakinformatieobjecten"].values():
                if zio["zaak"] == zaak["url"] and self.objecten["enkelvoudiginformatieobjecten"][
                        zio["informatieobject"]].get("indicatieGebruiksrecht") is None:
                    raise Afgekeurd(400, "invalid", "indicatieGebruiksrecht niet gezet")
            zaak["einddatum"] = body["datumStatusGezet"][:10]
        for status in self.objecten["statussen"].values():
            if status["zaak"] == zaak["url"]:
                status["indicatieLaatstGezetteStatus"] = False
        status = self._bewaar("zaken", "statussen", {**body, "indicatieLaatstGezetteStatus": True})
        zaak["status"] = status["url"]
        return 201, status

    def _zio_create(self, request: requests.PreparedRequest, body: dict[str, Any]
                    ) -> tuple[int, Any]:
        zaak = self._moet_bestaan("zaken", body["zaak"], "zaak")
        self._moet_bestaan("enkelvoudiginformatieobjecten", body["informatieobject"],
                           "informatieobject")
        self._uniek("zaakinformatieobjecten", zaak=body["zaak"],
                    informatieobject=body["informatieobject"])
        zio = self._bewaar("zaken", "zaakinformatieobjecten", {
            **body, "aardRelatieWeergave": "Hoort bij, omgekeerd: kent",
            "registratiedatum": dt.datetime.now(dt.UTC).isoformat()})
        zaak["zaakinformatieobjecten"].append(zio["url"])
        return 201, zio

    def _eio_create(self, request: requests.PreparedRequest, body: dict[str, Any]
                    ) -> tuple[int, Any]:
        self._moet_bestaan("informatieobjecttypen", body["informatieobjecttype"],
                           "informatieobjecttype")
        if body.get("identificatie"):
            self._uniek("enkelvoudiginformatieobjecten", identificatie=body["identificatie"],
                        bronorganisatie=body["bronorganisatie"])
        inhoud = base64.b64decode(body.get("inhoud") or "", validate=True)
        eio = self._bewaar("documenten", "enkelvoudiginformatieobjecten", {
            **{k: v for k, v in body.items() if k != "inhoud"}, "versie": 1,
            "beginRegistratie": dt.datetime.now(dt.UTC).isoformat(), "locked": False})
        eio["inhoud"] = eio["url"] + "/download"
        self.inhoud[eio["url"]] = inhoud
        return 201, eio

    def _besluit_create(self, request: requests.PreparedRequest, body: dict[str, Any]
                        ) -> tuple[int, Any]:
        self._moet_bestaan("besluittypen", body["besluittype"], "besluittype")
        if body.get("zaak"):
            self._moet_bestaan("zaken", body["zaak"], "zaak")
        # Not after today as a Dutch zaaksysteem counts days (Europe/Amsterdam): just after
        # midnight a decision is dated the new day while UTC is still on the old one.
        if dt.date.fromisoformat(body["datum"]) > dt.datetime.now(NEDERLAND).date():
            raise Afgekeurd(400, "invalid", "datum: in de toekomst")
        if body.get("identificatie"):
            self._uniek("besluiten", identificatie=body["identificatie"],
                        verantwoordelijkeOrganisatie=body["verantwoordelijkeOrganisatie"])
        return 201, self._bewaar("besluiten", "besluiten", body)

    def _besluit_patch(self, request: requests.PreparedRequest, body: dict[str, Any],
                       uuid: str) -> tuple[int, Any]:
        besluit = self._moet_bestaan("besluiten", (request.url or "").rstrip("/"), "uuid")
        besluit.update(body)
        return 200, besluit

    def _bio_create(self, request: requests.PreparedRequest, body: dict[str, Any]
                    ) -> tuple[int, Any]:
        self._moet_bestaan("besluiten", body["besluit"], "besluit")
        self._moet_bestaan("enkelvoudiginformatieobjecten", body["informatieobject"],
                           "informatieobject")
        self._uniek("besluitinformatieobjecten", besluit=body["besluit"],
                    informatieobject=body["informatieobject"])
        return 201, self._bewaar("besluiten", "besluitinformatieobjecten", body)


class DubbelAdapter(BaseAdapter):
    """Hands every request of the session to the double instead of the network."""

    def __init__(self, dubbel: ZgwDubbel) -> None:
        super().__init__()
        self.dubbel = dubbel

    def send(self, request: requests.PreparedRequest, stream: bool = False,  # type: ignore[override]
             timeout: Any = None, verify: Any = True, cert: Any = None,
             proxies: Any = None) -> requests.Response:
        return self.dubbel.verwerk(request)

    def close(self) -> None:
        pass


def _body(request: requests.PreparedRequest) -> Any:
    if not request.body:
        return None
    return json.loads(request.body)


def _reden(fout: Exception) -> str:
    onder = getattr(fout, "__cause__", None) or fout
    details = getattr(onder, "schema_errors", None)
    if details:
        return "; ".join(str(getattr(d, "message", d))[:200] for d in details)
    return str(onder)[:300]


def _fout(fout: Afgekeurd, request: requests.PreparedRequest) -> dict[str, Any]:
    """The standard's problem answer (Fout, or ValidatieFout with invalidParams)."""
    body: dict[str, Any] = {"type": f"{ROOT}/ref/fouten/{fout.code}/", "code": fout.code,
                            "title": fout.detail[:100], "status": fout.status,
                            "detail": fout.detail, "instance": f"urn:uuid:{uuid.uuid4()}"}
    if fout.status == 400:
        body["invalidParams"] = fout.velden or [{"name": "nonFieldErrors", "code": fout.code,
                                                 "reason": fout.detail}]
    return body
