"""Mijn toegang's list of requests names, for each request someone picked up, the resident's
contact person, their team's phone number and the team's walk-in hours (its own casus or the
casus the request was linked to); a fixed number of queries however many requests."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from casussen.huishouden.models import KoppelRol
from casussen.huishouden.services import aanvraag_link
from casussen.services import casus_open
from tests.factories import IntakeFactory
from toegang.organisatie.models import Inlooptijd, Weekdag

pytestmark = pytest.mark.django_db


@pytest.fixture
def team_met_inloop(stad):  # type: ignore[no-untyped-def]
    team = stad.wijkteam
    team.telefoon = "053 481 00 00"
    team.save()
    Inlooptijd.objects.create(team=team, weekdag=Weekdag.DINSDAG, van=dt.time(9),
                              tot=dt.time(12), opmerking="ook voor jongeren")
    return team


def _mijn(client, user) -> str:  # type: ignore[no-untyped-def]
    client.force_login(user)
    response = client.get("/mijn/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_picked_up_request_names_the_contact_person_phone_and_walk_in_hours(  # type: ignore[no-untyped-def]
        client, stad, team_met_inloop) -> None:
    opgepakt = IntakeFactory(inwoner=stad.inwoner)
    casus_open(user=stad.pro, intake=opgepakt)
    wacht = IntakeFactory(inwoner=stad.inwoner)
    html = _mijn(client, stad.inwoner)
    naam = escape(stad.pro.get_full_name())
    assert f"Uw contactpersoon is <strong>{naam}</strong> van {escape(team_met_inloop.naam)}" \
        in html
    assert 'href="tel:0534810000"' in html
    assert f"Langskomen zonder afspraak bij {escape(team_met_inloop.naam)}" in html
    [dinsdag] = [d for d in team_met_inloop.inloop_per_dag if d.dag == "dinsdag"]
    assert escape(dinsdag.tijden[0]) in html and "ook voor jongeren" in html
    # Only the picked-up request has a contact person: one block, under its own reference.
    assert html.count("Uw contactpersoon is") == 1
    assert html.index(opgepakt.referentie) < html.index("Uw contactpersoon is")
    assert html.index(wacht.referentie) < html.index(opgepakt.referentie)  # newest first


def test_a_linked_request_names_the_contact_person_of_the_casus_it_joined(  # type: ignore[no-untyped-def]
        client, stad, team_met_inloop) -> None:
    eerste = IntakeFactory(inwoner=stad.inwoner)
    casus = casus_open(user=stad.pro, intake=eerste)
    tweede = IntakeFactory(inwoner=stad.inwoner)
    aanvraag_link(user=stad.pro, intake=tweede, casus=casus, rol=KoppelRol.ZELFDE_PERSOON)
    assert _mijn(client, stad.inwoner).count(
        f"Uw contactpersoon is <strong>{escape(stad.pro.get_full_name())}</strong>") == 2


def test_nobody_else_sees_the_contact_person(client, stad, team_met_inloop) -> None:  # type: ignore[no-untyped-def]
    casus_open(user=stad.pro, intake=IntakeFactory(inwoner=stad.inwoner))
    html = _mijn(client, stad.andere_inwoner)
    assert "Uw contactpersoon is" not in html
    assert escape(stad.pro.get_full_name()) not in html
    client.logout()
    assert client.get("/mijn/").status_code == 302  # the login page


def test_the_list_runs_the_same_queries_for_1_and_5_picked_up_requests(  # type: ignore[no-untyped-def]
        client, stad, team_met_inloop) -> None:
    client.force_login(stad.inwoner)

    def tellen() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/mijn/").status_code == 200
        return len(ctx.captured_queries)

    casus_open(user=stad.pro, intake=IntakeFactory(inwoner=stad.inwoner))
    een = tellen()
    for _ in range(4):
        casus_open(user=stad.pro, intake=IntakeFactory(inwoner=stad.inwoner))
    assert _mijn(client, stad.inwoner).count("Uw contactpersoon is") == 5
    assert tellen() == een
