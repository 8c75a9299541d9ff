"""The public search /hulp-in-de-buurt/: no login, by theme and postcode (the wijk's help and
the municipality-wide help), a clear error for a wrong postcode, flat query count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.socialekaart.conftest import maak

URL = "/hulp-in-de-buurt/"


def namen(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [v.naam for v in response.context["page"]]


def test_without_search_all_active_help_is_listed(client, kaart) -> None:  # type: ignore[no-untyped-def]
    response = client.get(URL)
    assert response.status_code == 200
    assert namen(response) == ["Buurthuis De Kroon", "Buurtkamer Noorderlicht", "Geldloket"]


def test_theme_filters(client, kaart) -> None:  # type: ignore[no-untyped-def]
    response = client.get(URL, {"thema": "financien"})
    assert namen(response) == ["Geldloket"]  # not the inactive one


@pytest.mark.parametrize("postcode", ["7511 AB", "7511ab", "7512"])
def test_postcode_shows_the_wijk_and_municipality_wide_help(client, kaart, postcode) -> None:  # type: ignore[no-untyped-def]
    response = client.get(URL, {"postcode": postcode, "thema": ""})
    assert namen(response) == ["Buurthuis De Kroon", "Geldloket"]
    assert "voor de wijk Centrum en de hele gemeente" in response.content.decode()


def test_postcode_and_theme_together(client, kaart) -> None:  # type: ignore[no-untyped-def]
    response = client.get(URL, {"postcode": "7521", "thema": "sociaal_netwerk"})
    assert namen(response) == ["Buurtkamer Noorderlicht"]


@pytest.mark.parametrize(("postcode", "fout"), [
    ("abc", "Vul een postcode in zoals 1234 AB"),
    ("9999 ZZ", "Postcode 9999 ligt niet in onze gemeente"),
])
def test_invalid_postcode_shows_summary_and_keeps_input(client, kaart, postcode, fout) -> None:  # type: ignore[no-untyped-def]
    response = client.get(URL, {"postcode": postcode, "thema": "financien"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Er is iets niet goed ingevuld" in html and fout in html
    assert 'href="#id_postcode"' in html
    assert f'value="{postcode}"' in html
    assert response.context["page"] is None


def test_detail_page_public_and_inactive_is_404(client, kaart) -> None:  # type: ignore[no-untyped-def]
    response = client.get(f"{URL}{kaart['kroon'].pk}/?postcode=7511&thema=sociaal_netwerk")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Buurthuis De Kroon" in html and "053 480 12 12" in html and "Centrum" in html
    assert "?postcode=7511&amp;thema=sociaal_netwerk" in html  # the way back keeps the search
    assert client.get(f"{URL}{kaart['oud'].pk}/").status_code == 404
    assert client.get(f"{URL}999999/").status_code == 404


def test_start_page_links_to_the_search(client, db) -> None:  # type: ignore[no-untyped-def]
    assert f'href="{URL}"' in client.get("/").content.decode()


def _queries(client, params: dict) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL, params).status_code == 200
    return len(ctx.captured_queries)


def test_query_count_flat_as_rows_grow(client, stad) -> None:  # type: ignore[no-untyped-def]
    for n in range(3):
        maak(f"Hulp {n}", themas=["financien"], wijken=[stad.centrum, stad.noord])
    params = {"postcode": "7511", "thema": "financien"}
    _queries(client, params)  # warm caches (site settings, theme) once
    few = _queries(client, params)
    for n in range(3, 30):
        maak(f"Hulp {n}", themas=["financien"], wijken=[stad.centrum, stad.noord])
    assert _queries(client, params) == few
    assert _queries(client, {**params, "pagina": "3"}) == few
