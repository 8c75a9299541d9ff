"""Stuurinformatie through the API: exactly the dashboard's protected figures for the same
filters (small numbers hidden as on the page), only for an account that may open the
dashboard, and the filter form's own messages for bad input."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from regie.stuur.filters import Filters
from regie.stuur.refresh import stuurinformatie_refresh
from regie.stuur.selectors import dashboard
from regie.stuur.tabel import KLEIN, REDENEN, Rij
from tests.api.conftest import api_client_make
from tests.factories import IntakeFactory, TeamleiderFactory
from tests.regie.stuurdata import at, bekend_jaar
from toegang.api.models import Scope

pytestmark = pytest.mark.django_db

FILTERS = Filters(van=dt.date(2026, 1, 1), tot=dt.date(2026, 11, 1))
NU = at(11, 23)


@pytest.fixture
def data(stad):  # type: ignore[no-untyped-def]
    return bekend_jaar(stad)


@pytest.fixture
def op_23_november():  # type: ignore[no-untyped-def]
    with time_machine.travel(NU, tick=False):
        yield


@pytest.fixture
def api(stad):  # type: ignore[no-untyped-def]
    return api_client_make(account=stad.manager, scopes=[Scope.STUURINFORMATIE_LEZEN],
                           naam="Datawarehouse")[1]


def _rij(rij: Rij) -> dict:  # type: ignore[type-arg]
    return {"sleutel": rij.sleutel, "label": str(rij.label),
            "cellen": [{"waarde": c.waarde, "tekst": c.tekst, "eenheid": c.eenheid,
                        "reden": c.reden} for c in rij.cellen]}


def _verwacht(filters: Filters) -> dict[str, dict]:  # type: ignore[type-arg]
    """The dashboard's own tables for `filters`, in the API's shape."""
    with translation.override("nl"):
        tabellen = dashboard(filters).tabellen
    return {sleutel: {"rijen": [_rij(r) for r in t.rijen],
                      "totaal": _rij(t.totaal) if t.totaal else None,
                      "kolommen": [str(k) for k in t.kolommen], "titel": str(t.titel)}
            for sleutel, t in tabellen.items()}


def _gekregen(body: dict) -> dict[str, dict]:  # type: ignore[type-arg]
    return {t["sleutel"]: {k: t[k] for k in ("rijen", "totaal", "kolommen", "titel")}
            for t in body["tabellen"]}


def test_the_figures_are_the_dashboard_s_with_the_same_cells_hidden(  # type: ignore[no-untyped-def]
        api, stad, data, op_23_november) -> None:
    response = api.get("stuurinformatie", van="2026-01", tot="2026-11")

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["van"], body["tot"]) == ("2026-01-01", "2026-11-01")
    assert body["bijgewerktOp"].startswith("2026-11-23")
    assert _gekregen(body) == _verwacht(FILTERS)
    # The complement attack of the dashboard tests: Noord (2) small, Centrum protected.
    wijk = {r["sleutel"]: r["cellen"][0] for r in _gekregen(body)["instroom_wijk"]["rijen"]}
    assert wijk[str(stad.noord.pk)] == {"waarde": None, "tekst": "<5", "eenheid": "",
                                        "reden": KLEIN}
    assert wijk[str(stad.centrum.pk)]["waarde"] is None
    assert wijk[str(stad.centrum.pk)]["reden"] == "beschermd"
    # A cell without a figure says why: hidden (a reason) or nothing to show ("–" or empty).
    zonder = [c for t in body["tabellen"] for r in t["rijen"] for c in r["cellen"]
              if c["waarde"] is None]
    assert zonder and all(c["reden"] in REDENEN or (c["reden"], c["tekst"]) in
                          (("", "–"), ("", "")) for c in zonder)


def test_filters_and_one_table_match_the_dashboard(api, stad, data, op_23_november) -> None:  # type: ignore[no-untyped-def]
    response = api.get("stuurinformatie", van="2026-03", tot="2026-06",
                       wijk=stad.centrum.pk, tabel="instroom_kanaal")

    assert response.status_code == 200
    [tabel] = response.json()["tabellen"]
    assert tabel["sleutel"] == "instroom_kanaal"
    verwacht = _verwacht(Filters(van=dt.date(2026, 3, 1), tot=dt.date(2026, 6, 1),
                                 wijk=stad.centrum.pk))
    assert _gekregen(response.json())["instroom_kanaal"] == verwacht["instroom_kanaal"]


def test_a_teamleider_s_client_sees_the_figures_of_its_own_teams(  # type: ignore[no-untyped-def]
        stad, data, op_23_november) -> None:
    api = api_client_make(account=stad.teamleider, scopes=[Scope.STUURINFORMATIE_LEZEN])[1]

    response = api.get("stuurinformatie", van="2026-01", tot="2026-11")

    assert response.status_code == 200
    eigen = Filters(van=dt.date(2026, 1, 1), tot=dt.date(2026, 11, 1),
                    teams_toegestaan=(stad.wijkteam.pk,))
    assert _gekregen(response.json()) == _verwacht(eigen)
    # Another team is not among its choices: the form's message.
    fout = api.get("stuurinformatie", team=stad.jeugdteam.pk)
    assert fout.status_code == 400
    assert fout.json()["invalidParams"] == [
        {"name": "team", "code": "invalid", "reason": "Kies een team uit de lijst."}]


@pytest.mark.parametrize("wie", ["pro", "inwoner", "beheerder"])
def test_an_account_that_may_not_open_the_dashboard_gets_403(stad, wie: str) -> None:  # type: ignore[no-untyped-def]
    api = api_client_make(account=getattr(stad, wie), scopes=[Scope.STUURINFORMATIE_LEZEN])[1]

    response = api.get("stuurinformatie")

    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert "tabellen" not in response.json()


def test_a_teamleider_without_a_team_gets_403_as_on_the_page(stad) -> None:  # type: ignore[no-untyped-def]
    api = api_client_make(account=TeamleiderFactory(teams=[]),
                          scopes=[Scope.STUURINFORMATIE_LEZEN])[1]

    assert api.get("stuurinformatie").status_code == 403


def test_the_scope_is_needed(stad, anoniem) -> None:  # type: ignore[no-untyped-def]
    zonder_scope = api_client_make(account=stad.manager, scopes=[Scope.CATALOGUS_LEZEN])[1]

    assert zonder_scope.get("stuurinformatie").status_code == 403
    assert anoniem.get("stuurinformatie").status_code == 401


@pytest.mark.parametrize(("params", "veld", "fout"), [
    ({"van": "maart"}, "van", "Vul een maand in als jaar-maand, bijvoorbeeld 2026-03."),
    ({"van": "2026-13", "tot": "2026-11"}, "van",
     "Vul een maand in als jaar-maand, bijvoorbeeld 2026-03."),
    ({"van": "2026-06", "tot": "2026-03"}, "van", "De eerste maand ligt na de laatste maand."),
    ({"van": "2026-06", "tot": "2027-01"}, "tot",
     "Deze maand ligt in de toekomst. Kies uiterlijk deze maand."),
    ({"wet": "AOW"}, "wet", "Kies een wet uit de lijst."),
    ({"wijk": "999999"}, "wijk", "Kies een wijk uit de lijst."),
    ({"team": "abc"}, "team", "Kies een team uit de lijst."),
])
def test_bad_filters_give_the_form_s_dutch_message(api, op_23_november, params: dict,  # type: ignore[no-untyped-def,type-arg]
                                                  veld: str, fout: str) -> None:
    response = api.get("stuurinformatie", **params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert {"name": veld, "code": "invalid", "reason": fout} in response.json()["invalidParams"]


def test_an_unknown_table_is_400(api, stad, data, op_23_november) -> None:  # type: ignore[no-untyped-def]
    response = api.get("stuurinformatie", tabel="bsn_lijst")

    assert response.status_code == 400
    [param] = response.json()["invalidParams"]
    assert param["name"] == "tabel" and "instroom_kanaal" in param["reason"]


def test_the_query_count_does_not_grow_with_the_data(api, stad, data, op_23_november) -> None:  # type: ignore[no-untyped-def]
    api.get("stuurinformatie", van="2026-01", tot="2026-11")
    with CaptureQueriesContext(connection) as weinig:
        assert api.get("stuurinformatie", van="2026-02", tot="2026-11").status_code == 200
    with time_machine.travel(at(5, 4), tick=False):
        for postcode in ["7511AA"] * 10 + ["7521AA"] * 10:
            IntakeFactory(postcode=postcode)
    stuurinformatie_refresh()
    api.get("stuurinformatie", van="2026-01", tot="2026-11")
    with CaptureQueriesContext(connection) as veel:
        assert api.get("stuurinformatie", van="2026-02", tot="2026-11").status_code == 200

    assert len(veel.captured_queries) == len(weinig.captured_queries)
