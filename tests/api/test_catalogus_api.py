"""The catalogue through the API, and the API's own gate on it: the key (none, wrong,
revoked, rotated, an account switched off), the scope and the rate limit per client."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import Api, api_client_make
from tests.factories import ContractFactory, ProductFactory, ZorgaanbiederFactory
from toegang.accounts.services import user_deactivate
from toegang.api.models import Scope
from toegang.api.services import client_revoke, sleutel_rotate

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(stad):  # type: ignore[no-untyped-def]
    return api_client_make(account=stad.beheerder, scopes=[Scope.CATALOGUS_LEZEN],
                           naam="Zorgportaal")[1]


# --- Producten -------------------------------------------------------------------------------


def test_active_products_are_listed_and_inactive_ones_are_not(api) -> None:  # type: ignore[no-untyped-def]
    actief = ProductFactory(naam="Begeleiding groep", productcode="07A02")
    ProductFactory(naam="Oud product", actief=False)

    response = api.get("producten")

    assert response.status_code == 200
    body = response.json()
    assert body["totaal"] == 1
    [rij] = body["resultaten"]
    assert rij == {"id": actief.pk, "wet": "WMO", "naam": "Begeleiding groep", "uitleg": "",
                   "productcategorie": "07", "productcode": "07A02", "eenheid": "04",
                   "frequentie": "2", "pgbMogelijk": True, "naturaMogelijk": True}


def test_an_active_product_is_shown_and_an_inactive_or_missing_one_is_404(api) -> None:  # type: ignore[no-untyped-def]
    actief = ProductFactory()
    oud = ProductFactory(actief=False)

    assert api.get(f"producten/{actief.pk}").json()["id"] == actief.pk
    verborgen, ontbreekt = api.get(f"producten/{oud.pk}"), api.get("producten/987654321")
    assert verborgen.status_code == ontbreekt.status_code == 404
    assert verborgen["Content-Type"] == "application/problem+json"
    assert verborgen.json()["detail"] == ontbreekt.json()["detail"]


def test_the_product_list_s_query_count_is_flat(api) -> None:  # type: ignore[no-untyped-def]
    ProductFactory.create_batch(2)
    api.get("producten")

    with CaptureQueriesContext(connection) as weinig:
        assert api.get("producten").json()["totaal"] == 2
    ProductFactory.create_batch(4)
    with CaptureQueriesContext(connection) as veel:
        assert api.get("producten").json()["totaal"] == 6

    assert len(veel.captured_queries) == len(weinig.captured_queries)


# --- Zorgaanbieders --------------------------------------------------------------------------


def test_providers_come_with_their_running_contracts_only(api) -> None:  # type: ignore[no-untyped-def]
    aanbieder = ZorgaanbiederFactory(naam="Zorg Dichtbij", agb_code="75000001")
    lopend = ContractFactory(aanbieder=aanbieder)
    ContractFactory(aanbieder=aanbieder, verlopen=True)
    ZorgaanbiederFactory(naam="Gestopt", actief=False)

    body = api.get("zorgaanbieders").json()

    assert body["totaal"] == 1
    [rij] = body["resultaten"]
    assert (rij["id"], rij["naam"], rij["agbCode"]) == (aanbieder.pk, "Zorg Dichtbij",
                                                       "75000001")
    assert rij["contracten"] == [{"productId": lopend.product_id, "tarief": 68.0,
                                  "geldigVanaf": "2020-01-01", "geldigTot": None,
                                  "wachttijdWeken": 3}]


def test_an_active_provider_is_shown_and_an_inactive_or_missing_one_is_404(api) -> None:  # type: ignore[no-untyped-def]
    actief = ZorgaanbiederFactory()
    gestopt = ZorgaanbiederFactory(actief=False)

    assert api.get(f"zorgaanbieders/{actief.pk}").status_code == 200
    assert api.get(f"zorgaanbieders/{gestopt.pk}").status_code == 404
    assert api.get("zorgaanbieders/987654321").status_code == 404


def test_the_provider_list_s_query_count_is_flat(api) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        ContractFactory(aanbieder=ZorgaanbiederFactory())
    api.get("zorgaanbieders")

    with CaptureQueriesContext(connection) as weinig:
        assert api.get("zorgaanbieders").json()["totaal"] == 2
    for _ in range(4):
        aanbieder = ZorgaanbiederFactory()
        ContractFactory.create_batch(2, aanbieder=aanbieder)
    with CaptureQueriesContext(connection) as veel:
        assert api.get("zorgaanbieders").json()["totaal"] == 6

    assert len(veel.captured_queries) == len(weinig.captured_queries)


# --- The gate: key, scope, rate ----------------------------------------------------------


def _is_probleem(response, status: int) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == status


def test_without_a_key_or_with_a_wrong_one_it_is_401(stad, anoniem) -> None:  # type: ignore[no-untyped-def]
    _is_probleem(anoniem.get("producten"), 401)
    assert anoniem.get("producten")["WWW-Authenticate"] == "Api-Key"
    _is_probleem(Api("abcdefgh.verkeerd-geheim").get("producten"), 401)
    _is_probleem(Api("zonder-punt").get("producten"), 401)
    vals = Api()
    vals.http.credentials(HTTP_AUTHORIZATION="Api-Key een twee")
    _is_probleem(vals.get("producten"), 401)
    # Another scheme is no key at all.
    basic = Api()
    basic.http.credentials(HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz")
    _is_probleem(basic.get("producten"), 401)


def test_a_client_without_the_catalogus_scope_gets_403(stad) -> None:  # type: ignore[no-untyped-def]
    product = ProductFactory()
    api = api_client_make(account=stad.beheerder, scopes=[Scope.BESLUITEN_LEZEN])[1]

    _is_probleem(api.get("producten"), 403)
    _is_probleem(api.get(f"producten/{product.pk}"), 403)
    _is_probleem(api.get("zorgaanbieders"), 403)


def test_a_revoked_client_stops_at_once(stad) -> None:  # type: ignore[no-untyped-def]
    client, api = api_client_make(account=stad.beheerder, scopes=[Scope.CATALOGUS_LEZEN])
    assert api.get("producten").status_code == 200

    client_revoke(client=client)

    _is_probleem(api.get("producten"), 401)
    # A new key for a client that is switched off does not open it again.
    _is_probleem(Api(sleutel_rotate(client=client)).get("producten"), 401)


def test_a_rotated_key_replaces_the_old_one_at_once(stad) -> None:  # type: ignore[no-untyped-def]
    client, oud = api_client_make(account=stad.beheerder, scopes=[Scope.CATALOGUS_LEZEN])
    assert oud.get("producten").status_code == 200

    nieuw = Api(sleutel_rotate(client=client))

    _is_probleem(oud.get("producten"), 401)
    assert nieuw.get("producten").status_code == 200


def test_a_client_whose_account_is_switched_off_is_refused(stad) -> None:  # type: ignore[no-untyped-def]
    _client, api = api_client_make(account=stad.beheerder, scopes=[Scope.CATALOGUS_LEZEN])

    user_deactivate(user=stad.beheerder)

    _is_probleem(api.get("producten"), 401)


def test_the_fourth_call_in_a_minute_is_429_with_retry_after(stad) -> None:  # type: ignore[no-untyped-def]
    _client, api = api_client_make(account=stad.beheerder, scopes=[Scope.CATALOGUS_LEZEN],
                                   per_minuut=3)
    ander = api_client_make(account=stad.beheerder, scopes=[Scope.CATALOGUS_LEZEN],
                            per_minuut=3)[1]
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, 20, tzinfo=dt.UTC), tick=False):
        assert [api.get("producten").status_code for _ in range(3)] == [200, 200, 200]
        vierde = api.get("producten")
        _is_probleem(vierde, 429)
        assert vierde["Retry-After"] == "40"  # the rest of this minute
        assert ander.get("producten").status_code == 200  # the limit is per client
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 1, 1, tzinfo=dt.UTC), tick=False):
        assert api.get("producten").status_code == 200  # a new minute
