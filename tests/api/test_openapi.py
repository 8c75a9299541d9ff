"""The OpenAPI document: committed and equal to what the code generates, valid, with the
NL API Design Rules' errors on every operation and no personal data in a path, and the API
fuzzed from it (schemathesis, in-process over WSGI): no 5xx and every answer as documented."""

import copy
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
import yaml
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, Phase, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from regie.stuur.refresh import stuurinformatie_refresh
from tests import urlwalk
from tests.api.conftest import api_client_make
from tests.api.test_verwijzingen_api import BODY
from tests.besluitpad import catalogus_make
from tests.factories import CasusFactory, ProductFactory, VerwijzerFactory, besluit_nemen, regel
from tests.toewijzingpad import BSN
from toegang.api.models import Scope

DOCUMENT = Path(__file__).resolve().parents[2] / "docs" / "api" / "openapi.yaml"
PROBLEM = "application/problem+json"
METHODEN = ("get", "post", "put", "patch", "delete")


def _gegenereerd() -> str:
    uit = io.StringIO()
    call_command("spectacular", "--format", "openapi", "--validate", "--fail-on-warn",
                 stdout=uit)
    return uit.getvalue()


def _document() -> dict[str, Any]:
    return yaml.safe_load(DOCUMENT.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _operaties(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for pad, item in document["paths"].items():
        for methode in METHODEN:
            if methode in item:
                yield pad, methode, item[methode]


# --- The document ----------------------------------------------------------------------------


def test_the_committed_document_is_what_the_code_generates() -> None:
    assert DOCUMENT.exists(), "docs/api/openapi.yaml is missing: run `make openapi`"
    assert _gegenereerd() == DOCUMENT.read_text(encoding="utf-8"), (
        "docs/api/openapi.yaml differs from the API: run `make openapi` and commit the result")


def test_the_document_is_valid_openapi() -> None:
    document = _document()

    validate(document)  # raises on an invalid document
    assert document["openapi"].startswith("3.")
    assert document["components"]["securitySchemes"]["apiKey"] == {
        "type": "apiKey", "in": "header", "name": "Authorization",
        "description": document["components"]["securitySchemes"]["apiKey"]["description"]}


def test_every_operation_documents_the_problem_answers_and_needs_the_key() -> None:
    operaties = list(_operaties(_document()))

    assert len(operaties) == 16
    for pad, methode, operatie in operaties:
        for status in ("401", "403", "404", "429"):
            antwoord = operatie["responses"].get(status)
            assert antwoord, (methode, pad, status)
            assert list(antwoord["content"]) == [PROBLEM], (methode, pad, status)
            assert antwoord["content"][PROBLEM]["schema"] == {
                "$ref": "#/components/schemas/Probleem"}
        assert operatie["security"] == [{"apiKey": []}], (methode, pad)
        assert operatie["operationId"] and operatie["summary"], (methode, pad)


def test_no_trailing_slash_and_no_personal_data_in_a_path() -> None:
    document = _document()
    for pad in document["paths"]:
        assert pad.startswith("/api/v1/") and not pad.endswith("/"), pad
    for pad, methode, operatie in _operaties(document):
        for parameter in operatie.get("parameters", []):
            if parameter["in"] == "path":
                # Only numbers that name a record: never a BSN, a name or a postcode.
                assert (parameter["name"], parameter["schema"]["type"]) == ("id", "integer"), (
                    methode, pad)
    # The routes themselves: only the document and its page end with a slash (drf-spectacular
    # serves them as pages, outside the document).
    routes = [r.removeprefix("api/v1/") for r in urlwalk.routes() if r.startswith("api/v1/")]
    assert sorted(r for r in routes if r.endswith("/")) == ["docs/", "schema/"]
    for route in routes:
        assert all(naam in ("pk",) for _conv, naam in urlwalk.params(route)), route


# --- Fuzzing ---------------------------------------------------------------------------------

VOORBEELDEN = 25  # per operation and mode: bounded, so `make test` stays quick


@pytest.fixture
def wsgi_app() -> Iterator[Any]:
    """The production WSGI entry point, called in this thread inside the test's transaction.
    Like Django's test client, the connection is not closed at the end of each request (that
    would end the test's transaction)."""
    from toegang.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield application
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def sleutels(stad) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Real data (decisions, a toewijzing, a referral, products, figures) and a key per
    resource, of a client whose account and scopes fit it: one account cannot hold them all
    (a referrer sends referrals, a professional reads decisions, a manager the figures)."""
    cat = catalogus_make()
    ProductFactory(actief=False)
    casus = CasusFactory(opgepakt_door=stad.pro, intake__bsn=BSN)
    besluit_nemen(casus=casus, user=stad.pro, regels=[
        regel(cat.begeleiding, begin=timezone.localdate(), aanbieder=cat.aanbieder)])
    besluit_nemen(casus=casus, user=stad.pro, regels=[
        regel(cat.jeugdhulp, begin=timezone.localdate())])
    stuurinformatie_refresh()

    def sleutel(account: Any, *scopes: str) -> str:
        client = api_client_make(account=account, scopes=scopes, per_minuut=100_000)[1]
        return client.http._credentials["HTTP_AUTHORIZATION"]  # type: ignore[no-any-return]

    verwijzer = sleutel(VerwijzerFactory().user, Scope.VERWIJZINGEN_SCHRIJVEN,
                        Scope.BESLUITEN_LEZEN)
    besluiten = sleutel(stad.pro, Scope.BESLUITEN_LEZEN)
    return {"verwijzingen": verwijzer, "abonnementen": verwijzer, "besluiten": besluiten,
            "toewijzingen": besluiten,
            "stuurinformatie": sleutel(stad.manager, Scope.STUURINFORMATIE_LEZEN),
            "producten": sleutel(stad.beheerder, Scope.CATALOGUS_LEZEN),
            "zorgaanbieders": sleutel(stad.beheerder, Scope.CATALOGUS_LEZEN)}


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


def _fuzz(operatie: Any, modus: schemathesis.GenerationMode, headers: dict[str, str],
          app: Any) -> None:
    @settings(max_examples=VOORBEELDEN, derandomize=True, database=None, deadline=None,
              phases=[Phase.explicit, Phase.generate, Phase.shrink],
              suppress_health_check=list(HealthCheck))
    @given(case=operatie.as_strategy(generation_mode=modus))
    def probeer(case: Any) -> None:
        response = case.call(app=app, headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)

    probeer()


def _zonder_sleutel(document: dict[str, Any]) -> dict[str, Any]:
    """The document without its security scheme: each call carries the key of the client
    that fits the resource, so invalid input goes to parameters and bodies instead of the
    key (keys are tested in test_catalogus_api.py)."""
    kopie = copy.deepcopy(document)
    del kopie["components"]["securitySchemes"]
    for _pad, _methode, operatie in _operaties(kopie):
        operatie.pop("security", None)
    return kopie


def test_fuzz_every_operation_from_the_document(db, sleutels, wsgi_app) -> None:  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_dict(_zonder_sleutel(_document()))
    gevonden: list[str] = []
    aantal = 0
    for resultaat in schema.get_all_operations():
        operatie = resultaat.ok()
        bron = operatie.path.removeprefix("/api/v1/").split("/")[0]
        headers = {"Authorization": sleutels[bron]}
        invoer = operatie.definition.raw.get("parameters") or operatie.body
        for modus in schemathesis.GenerationMode:
            if modus == schemathesis.GenerationMode.NEGATIVE and not invoer:
                continue  # nothing to get wrong
            try:
                _fuzz(operatie, modus, headers, wsgi_app)
            except (Exception, BaseExceptionGroup) as exc:  # all are tried, all reported
                gevonden.append(f"{operatie.label} ({modus.value}): {exc}")
        aantal += 1

    assert aantal == 16
    assert not gevonden, "\n\n".join(gevonden)


def test_the_real_records_answer_as_documented(db, sleutels, wsgi_app) -> None:  # type: ignore[no-untyped-def]
    """The fuzzer mostly meets ids that do not exist; here every read and write is made with
    real ids and a valid body, and its 2xx answer checked against the document."""
    from casussen.besluit.models import Beschikking
    from casussen.toewijzing.models import Toewijzing
    from toegang.catalogus.models import Product, Zorgaanbieder

    schema = schemathesis.openapi.from_dict(_document())

    def roep(methode: str, pad: str, status: int, **kwargs: Any) -> Any:
        bron = pad.removeprefix("/api/v1/").split("/")[0]
        headers = {"Authorization": sleutels[bron]}
        case = schema[pad][methode].Case(headers=headers, **kwargs)
        response = case.call(app=wsgi_app, headers=headers)
        case.validate_response(response, checks=CHECKS, headers=headers)
        assert response.status_code == status, (methode, pad, response.text)
        return response

    verwijzing = roep("POST", "/api/v1/verwijzingen", 201, body=BODY).json()
    abonnement = roep("POST", "/api/v1/abonnementen", 201, body={
        "url": "https://koppeling.example/hook", "gebeurtenissen": ["besluit.genomen"]}).json()
    ids = {"verwijzingen": verwijzing["id"], "abonnementen": abonnement["id"],
           "besluiten": Beschikking.objects.filter(status="genomen").first().pk,  # type: ignore[union-attr]
           "toewijzingen": Toewijzing.objects.get().pk,
           "producten": Product.objects.filter(actief=True).first().pk,  # type: ignore[union-attr]
           "zorgaanbieders": Zorgaanbieder.objects.get().pk}
    for bron, pk in ids.items():
        lijst = roep("GET", f"/api/v1/{bron}", 200).json()
        assert lijst if bron == "abonnementen" else lijst["resultaten"], bron
        roep("GET", f"/api/v1/{bron}/{{id}}", 200, path_parameters={"id": pk})
    roep("GET", "/api/v1/stuurinformatie", 200, query={"tabel": "instroom_kanaal"})
    roep("DELETE", "/api/v1/abonnementen/{id}", 204, path_parameters={"id": abonnement["id"]})
