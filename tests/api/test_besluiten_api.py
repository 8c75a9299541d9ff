"""Decisions and toewijzingen through the API: a client sees what its account may see through
the casus gate (never a draft), the same 404 for another's and a missing id, every record
read written to the access log with the client as actor, and flat queries per list."""

import datetime as dt
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from casussen.besluit import services as besluit
from casussen.besluit.models import Beschikking, Besluit, Levering
from casussen.toewijzing.models import Toewijzing
from tests.api.conftest import api_client_make
from tests.besluitpad import Catalogus, catalogus_make
from tests.factories import CasusFactory
from tests.toewijzingpad import BSN, BSN_ANDER
from toegang.api.models import Scope
from toegang.audit.models import Actie, Grond, Toegangslog

pytestmark = pytest.mark.django_db


@pytest.fixture
def cat(db) -> Catalogus:  # type: ignore[no-untyped-def]
    return catalogus_make()


@pytest.fixture
def casus(stad):  # type: ignore[no-untyped-def]
    return CasusFactory(opgepakt_door=stad.pro, intake__bsn=BSN)


@pytest.fixture
def casus_noord(stad):  # type: ignore[no-untyped-def]
    """A case of another wijk: stad.pro has no business with it."""
    return CasusFactory(opgepakt_door=stad.pro_noord, intake__in_noord=True,
                        intake__bsn=BSN_ANDER)


@pytest.fixture
def api(stad):  # type: ignore[no-untyped-def]
    return api_client_make(account=stad.pro, scopes=[Scope.BESLUITEN_LEZEN],
                           naam="Financiën")[1]


def _neem(pro, casus, cat: Catalogus, wet: str = "WMO", *, pgb: bool = False) -> Beschikking:  # type: ignore[no-untyped-def]
    """A decision taken today with one line: natura (a toewijzing follows) or a pgb."""
    beschikking = besluit.beschikking_draft(user=pro, casus=casus, wet=wet, motivering="Nodig.")
    besluit.toekenning_add(user=pro, beschikking=beschikking, regel=besluit.Regel(
        product=cat.begeleiding if wet == "WMO" else cat.jeugdhulp, besluit=Besluit.TOEGEKEND,
        volume=Decimal("3"), begindatum=timezone.localdate(),
        levering=Levering.PGB if pgb else Levering.NATURA,
        aanbieder=None if pgb else cat.aanbieder))
    return besluit.beschikking_take(user=pro, beschikking=beschikking)


def _concept(pro, casus) -> Beschikking:  # type: ignore[no-untyped-def]
    return besluit.beschikking_draft(user=pro, casus=casus, wet="WMO", motivering="Concept.")


def _laatste_log() -> int:
    """The newest access-log row now (the log is append-only: tests read what came after)."""
    return Toegangslog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _vraag(href: str) -> tuple[str, dict[str, list[str]]]:
    delen = urlsplit(href)
    return delen.path, parse_qs(delen.query)


def _zonder_pad(body: dict[str, Any]) -> dict[str, Any]:
    """The problem body without `instance` (the path, which names the id asked for)."""
    return {k: v for k, v in body.items() if k != "instance"}


# --- Besluiten -------------------------------------------------------------------------------


def test_the_list_holds_the_decisions_of_visible_cases_and_no_drafts(  # type: ignore[no-untyped-def]
        api, stad, cat, casus, casus_noord) -> None:
    eigen = _neem(stad.pro, casus, cat)
    _neem(stad.pro_noord, casus_noord, cat)
    _concept(stad.pro, casus)

    response = api.get("besluiten")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["totaal"] == 1
    [rij] = body["resultaten"]
    assert (rij["id"], rij["kenmerk"], rij["status"]) == (eigen.pk, eigen.kenmerk, "genomen")
    assert rij["casus"] == casus.pk and rij["inwoner"] == {"bsn": BSN}
    [regel] = rij["toekenningen"]
    assert regel["productcode"] == cat.begeleiding.productcode
    assert regel["aanbiederAgb"] == cat.aanbieder.agb_code and regel["levering"] == "natura"


def test_each_decision_read_is_logged_with_the_client_as_actor(api, stad, cat, casus) -> None:  # type: ignore[no-untyped-def]
    eerste, tweede = _neem(stad.pro, casus, cat), _neem(stad.pro, casus, cat, pgb=True)
    sinds = _laatste_log()  # making them wrote rows too

    api.get("besluiten")
    api.get(f"besluiten/{eerste.pk}")

    rijen = list(Toegangslog.objects.filter(pk__gt=sinds).order_by("pk"))
    assert [r.object_id for r in rijen] in ([tweede.pk, eerste.pk, eerste.pk],
                                            [eerste.pk, tweede.pk, eerste.pk])
    for rij in rijen:
        assert (rij.user_naam, rij.rol, rij.grond, rij.actie) == (
            "Financiën (API)", "api", Grond.API, Actie.BEKIJKEN)
        assert (rij.user_id, rij.object_type) == (stad.pro.pk, "beschikking")
        assert (rij.casus_id, rij.intake_id) == (casus.pk, casus.intake_id)


def test_a_visible_decision_is_shown(api, stad, cat, casus) -> None:  # type: ignore[no-untyped-def]
    eigen = _neem(stad.pro, casus, cat)

    response = api.get(f"besluiten/{eigen.pk}")

    assert response.status_code == 200
    assert response.json()["id"] == eigen.pk and response.json()["wet"] == "WMO"


def test_another_s_decision_a_draft_and_a_missing_one_are_the_same_404(  # type: ignore[no-untyped-def]
        api, stad, cat, casus, casus_noord) -> None:
    ander = _neem(stad.pro_noord, casus_noord, cat)
    concept = _concept(stad.pro, casus)
    sinds = _laatste_log()

    antwoorden = [api.get(f"besluiten/{pk}") for pk in (ander.pk, concept.pk, 987654321)]

    assert [a.status_code for a in antwoorden] == [404, 404, 404]
    assert all(a["Content-Type"] == "application/problem+json" for a in antwoorden)
    bodies = [_zonder_pad(a.json()) for a in antwoorden]
    assert bodies[0] == bodies[1] == bodies[2]
    assert antwoorden[0].json()["instance"] == f"/api/v1/besluiten/{ander.pk}"
    assert not Toegangslog.objects.filter(pk__gt=sinds).exists()  # nothing was shown


def test_the_wet_filter_and_an_unknown_wet(api, stad, cat, casus) -> None:  # type: ignore[no-untyped-def]
    wmo = _neem(stad.pro, casus, cat, "WMO")
    jeugd = _neem(stad.pro, casus, cat, "JEUGDWET")

    assert [r["id"] for r in api.get("besluiten", wet="WMO").json()["resultaten"]] == [wmo.pk]
    assert [r["id"] for r in api.get("besluiten", wet="JEUGDWET").json()["resultaten"]] == [
        jeugd.pk]
    fout = api.get("besluiten", wet="AOW")
    assert fout.status_code == 400
    assert fout["Content-Type"] == "application/problem+json"
    [param] = fout.json()["invalidParams"]
    assert param["name"] == "wet" and "WMO" in param["reason"]


def test_the_decision_list_s_query_count_is_flat(api, stad, cat, casus) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        _neem(stad.pro, casus, cat)
    api.get("besluiten")  # the first call of a key also notes when it was used

    with CaptureQueriesContext(connection) as weinig:
        assert api.get("besluiten").json()["totaal"] == 2
    tweede = CasusFactory(opgepakt_door=stad.pro, intake__bsn=BSN_ANDER)
    for zaak in (casus, tweede, tweede, casus):
        _neem(stad.pro, zaak, cat, pgb=zaak is tweede)
    with CaptureQueriesContext(connection) as veel:
        assert api.get("besluiten").json()["totaal"] == 6

    assert len(veel.captured_queries) == len(weinig.captured_queries)


def test_pagination_links_in_the_body_and_the_link_header(api, stad, cat, casus) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        _neem(stad.pro, casus, cat)

    eerste = api.get("besluiten", pageSize=1)
    tweede = api.get("besluiten", pageSize=1, page=2)

    links = eerste.json()["_links"]
    assert set(links) == {"self", "first", "next", "last"}
    assert _vraag(links["next"]["href"]) == ("/api/v1/besluiten", {"page": ["2"],
                                                                  "pageSize": ["1"]})
    assert _vraag(links["last"]["href"])[1]["page"] == ["3"]
    assert _vraag(links["first"]["href"])[1]["page"] == ["1"]
    assert eerste.json()["totaal"] == 3 and len(eerste.json()["resultaten"]) == 1
    assert f'<{links["next"]["href"]}>; rel="next"' in eerste["Link"]
    assert f'<{links["last"]["href"]}>; rel="last"' in eerste["Link"]
    assert set(tweede.json()["_links"]) == {"self", "first", "prev", "next", "last"}
    gezien = {eerste.json()["resultaten"][0]["id"], tweede.json()["resultaten"][0]["id"]}
    assert len(gezien) == 2
    assert api.get("besluiten", pageSize=1, page=9).status_code == 404


# --- Toewijzingen ----------------------------------------------------------------------------


def test_toewijzingen_of_visible_cases_are_listed_and_logged(  # type: ignore[no-untyped-def]
        api, stad, cat, casus, casus_noord) -> None:
    _neem(stad.pro, casus, cat)
    _neem(stad.pro_noord, casus_noord, cat)
    eigen = Toewijzing.objects.get(casus=casus)
    sinds = _laatste_log()

    response = api.get("toewijzingen")

    assert response.status_code == 200
    [rij] = response.json()["resultaten"]
    assert (rij["toewijzingnummer"], rij["casus"], rij["wet"]) == (eigen.pk, casus.pk, "WMO")
    assert rij["aanbiederAgb"] == cat.aanbieder.agb_code and rij["inwoner"] == {"bsn": BSN}
    [log] = Toegangslog.objects.filter(pk__gt=sinds)
    assert (log.object_type, log.object_id, log.casus_id) == ("toewijzing", eigen.pk, casus.pk)
    assert (log.user_naam, log.rol, log.grond) == ("Financiën (API)", "api", "api")


def test_a_visible_toewijzing_is_shown_and_another_s_is_404(  # type: ignore[no-untyped-def]
        api, stad, cat, casus, casus_noord) -> None:
    _neem(stad.pro, casus, cat)
    _neem(stad.pro_noord, casus_noord, cat)
    eigen = Toewijzing.objects.get(casus=casus)
    ander = Toewijzing.objects.get(casus=casus_noord)

    gezien = api.get(f"toewijzingen/{eigen.pk}")
    verboden = api.get(f"toewijzingen/{ander.pk}")
    ontbreekt = api.get("toewijzingen/987654321")

    assert gezien.status_code == 200 and gezien.json()["toewijzingnummer"] == eigen.pk
    assert verboden.status_code == ontbreekt.status_code == 404
    assert _zonder_pad(verboden.json()) == _zonder_pad(ontbreekt.json())


def test_the_toewijzing_list_filters_on_wet_and_refuses_an_unknown_one(  # type: ignore[no-untyped-def]
        api, stad, cat, casus) -> None:
    _neem(stad.pro, casus, cat, "WMO")
    _neem(stad.pro, casus, cat, "JEUGDWET")

    assert [r["wet"] for r in api.get("toewijzingen", wet="JEUGDWET").json()["resultaten"]] \
        == ["JEUGDWET"]
    assert api.get("toewijzingen").json()["totaal"] == 2
    fout = api.get("toewijzingen", wet="wmo")
    assert fout.status_code == 400 and fout.json()["invalidParams"][0]["name"] == "wet"


def test_the_toewijzing_list_s_query_count_is_flat(api, stad, cat, casus) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2):
        _neem(stad.pro, casus, cat)
    api.get("toewijzingen")

    with CaptureQueriesContext(connection) as weinig:
        assert api.get("toewijzingen").json()["totaal"] == 2
    tweede = CasusFactory(opgepakt_door=stad.pro, intake__bsn=BSN_ANDER)
    for zaak in (casus, tweede, tweede, casus):
        _neem(stad.pro, zaak, cat, "JEUGDWET" if zaak is tweede else "WMO")
    with CaptureQueriesContext(connection) as veel:
        assert api.get("toewijzingen").json()["totaal"] == 6

    assert len(veel.captured_queries) == len(weinig.captured_queries)


# --- Who may read ----------------------------------------------------------------------------


def test_a_client_sees_no_more_than_its_account_and_needs_the_scope(  # type: ignore[no-untyped-def]
        stad, cat, casus, anoniem) -> None:
    besluit_id = _neem(stad.pro, casus, cat).pk
    beheerder = api_client_make(account=stad.beheerder, scopes=[Scope.BESLUITEN_LEZEN])[1]
    noord = api_client_make(account=stad.pro_noord, scopes=[Scope.BESLUITEN_LEZEN])[1]
    zonder_scope = api_client_make(account=stad.pro, scopes=[Scope.CATALOGUS_LEZEN])[1]

    assert beheerder.get("besluiten").json()["totaal"] == 0
    assert noord.get("toewijzingen").json()["totaal"] == 0
    assert noord.get(f"besluiten/{besluit_id}").status_code == 404
    assert zonder_scope.get("besluiten").status_code == 403
    assert zonder_scope.get(f"besluiten/{besluit_id}").status_code == 403
    assert anoniem.get("toewijzingen").status_code == 401
    assert anoniem.get(f"besluiten/{besluit_id}").status_code == 401


def test_a_decision_is_dated_and_shows_its_term_for_objection(api, stad, cat, casus) -> None:  # type: ignore[no-untyped-def]
    eigen = _neem(stad.pro, casus, cat)

    rij = api.get(f"besluiten/{eigen.pk}").json()

    assert rij["genomenOp"] == timezone.localdate().isoformat()
    assert dt.date.fromisoformat(rij["bezwaarTot"]) > timezone.localdate()
