"""Mijn termijnen and the team's clocks: gated, grouped, late first, flat in queries."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from regie.termijnen.models import Termijn, TermijnBeleid, TermijnSoort, TermijnStatus
from regie.termijnen.selectors import termijn_badge
from regie.termijnen.services import (
    herinneringen_scan,
    termijn_complete,
)
from tests.factories import CasusFactory, IntakeFactory, ProfessionalFactory, TermijnFactory
from toegang.audit.models import Toegangslog
from toegang.core.werkdagen import einde_van_dag

AMS = dt.timezone(dt.timedelta(hours=1))
NU = dt.datetime(2026, 11, 23, 10, tzinfo=AMS)  # a Monday
VANDAAG = NU.date()


@pytest.fixture(autouse=True)
def _klok():  # type: ignore[no-untyped-def]
    with time_machine.travel(NU, tick=False):
        yield


def _klok_op(casus, dag: dt.date) -> Termijn:  # type: ignore[no-untyped-def]
    """A call-back promise of the regiehouder, due at the end of `dag`."""
    return TermijnFactory(casus=casus, deadline=einde_van_dag(dag))


def _elk_soort(stad):  # type: ignore[no-untyped-def]
    casus = CasusFactory(opgepakt_door=stad.pro, eerste_contact_gehad=True)
    klokken = {
        "te_laat": TermijnFactory(casus=casus, te_laat=True),
        "vandaag": _klok_op(casus, VANDAAG),
        "week": _klok_op(casus, VANDAAG + dt.timedelta(days=4)),
        "later": _klok_op(casus, VANDAAG + dt.timedelta(days=30)),
        "opgeschort": TermijnFactory(casus=casus, soort=TermijnSoort.JEUGD_BESCHIKKING,
                                     opgeschort_om="Wacht"),
    }
    return casus, klokken


@pytest.mark.parametrize(("who", "status"), [("pro", 200), ("teamleider", 200),
                                             ("manager", 404), ("inwoner", 404),
                                             ("beheerder", 404)])
def test_mijn_termijnen_allowed_and_denied(client, stad, who, status) -> None:  # type: ignore[no-untyped-def]
    client.force_login(getattr(stad, who))
    assert client.get("/werk/termijnen/").status_code == status


def test_anonymous_goes_to_the_staff_login(client, stad) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/werk/termijnen/")
    assert response.status_code == 302 and "/medewerker/inloggen/" in response["Location"]


def test_groups_late_first_suspended_last(client, stad) -> None:  # type: ignore[no-untyped-def]
    casus, klokken = _elk_soort(stad)
    client.force_login(stad.pro)
    response = client.get("/werk/termijnen/")
    groepen = [(g["label"], [r["termijn"].pk for r in g["rijen"]])
               for g in response.context["groepen"]]
    assert groepen == [("Te laat", [klokken["te_laat"].pk]),
                       ("Vandaag", [klokken["vandaag"].pk]),
                       ("De komende 7 dagen", [klokken["week"].pk]),
                       ("Later", [klokken["later"].pk]),
                       ("Opgeschort", [klokken["opgeschort"].pk])]
    html = response.content.decode()
    assert html.count(casus.intake.referentie) == 5
    assert f'href="/werk/casussen/{casus.pk}/"' in html
    assert "te laat" in html and "opgeschort" in html
    # Reference and kind only: no name, and therefore no access-log row for the list.
    assert casus.intake.achternaam not in html
    assert not Toegangslog.objects.filter(user_id=stad.pro.pk, actie="bekijken").exists()


def test_only_my_clocks_and_only_on_intakes_i_may_see(client, stad) -> None:  # type: ignore[no-untyped-def]
    mijn = CasusFactory(opgepakt_door=stad.pro, eerste_contact_gehad=True)
    collega = ProfessionalFactory(teams=[stad.wijkteam])
    van_collega = CasusFactory(opgepakt_door=collega, eerste_contact_gehad=True)
    _klok_op(mijn, VANDAAG)
    _klok_op(van_collega, VANDAAG)
    # A clock that names me on an intake my teams may not see (routed to Noord) stays out.
    noord = CasusFactory(opgepakt_door=stad.pro_noord, intake__in_noord=True,
                         eerste_contact_gehad=True)
    vreemd = _klok_op(noord, VANDAAG)
    Termijn.objects.filter(pk=vreemd.pk).update(verantwoordelijke=stad.pro)
    client.force_login(stad.pro)
    html = client.get("/werk/termijnen/").content.decode()
    assert mijn.intake.referentie in html
    assert van_collega.intake.referentie not in html
    assert noord.intake.referentie not in html


def test_mijn_termijnen_query_count_is_flat_1_vs_40(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    casus = CasusFactory(opgepakt_door=stad.pro, eerste_contact_gehad=True)
    _klok_op(casus, VANDAAG)
    client.get("/werk/termijnen/")  # warm the session and the policy cache
    with CaptureQueriesContext(connection) as small:
        assert client.get("/werk/termijnen/").status_code == 200
    for n in range(39):
        op = casus if n % 5 else CasusFactory(opgepakt_door=stad.pro, eerste_contact_gehad=True)
        _klok_op(op, VANDAAG + dt.timedelta(days=n - 10))
    with CaptureQueriesContext(connection) as large:
        response = client.get("/werk/termijnen/")
    assert response.context["page"].paginator.count == 40
    assert len(large.captured_queries) == len(small.captured_queries)


# --- Team overview ------------------------------------------------------------------------------


@pytest.mark.parametrize(("who", "status"), [("teamleider", 200), ("pro", 404),
                                             ("manager", 404), ("inwoner", 404)])
def test_team_overview_allowed_and_denied(client, stad, who, status) -> None:  # type: ignore[no-untyped-def]
    client.force_login(getattr(stad, who))
    assert client.get("/werk/termijnen/team/").status_code == status


def test_team_overview_shows_the_team_late_first_with_filters(client, stad) -> None:  # type: ignore[no-untyped-def]
    _, klokken = _elk_soort(stad)
    zonder_regie = IntakeFactory()  # first-contact clock without a regiehouder yet
    andere_wijk = CasusFactory(opgepakt_door=stad.pro_noord, intake__in_noord=True,
                         eerste_contact_gehad=True)
    _klok_op(andere_wijk, VANDAAG)
    client.force_login(stad.teamleider)
    response = client.get("/werk/termijnen/team/")
    rijen = [r["termijn"] for g in response.context["groepen"] for r in g["rijen"]]
    # Late first, suspended last; the first-contact clock of the intake nobody picked up yet
    # (due Thursday 26 November) among the team's own.
    assert rijen == [klokken["te_laat"], klokken["vandaag"], zonder_regie.termijnen.get(),
                     klokken["week"], klokken["later"], klokken["opgeschort"]]
    assert andere_wijk.intake.referentie not in response.content.decode()
    assert escape(stad.pro.get_full_name()) in response.content.decode()

    gefilterd = client.get("/werk/termijnen/team/", {"soort": TermijnSoort.JEUGD_BESCHIKKING})
    assert [r["termijn"] for g in gefilterd.context["groepen"] for r in g["rijen"]] == \
        [klokken["opgeschort"]]
    ander_team = client.get("/werk/termijnen/team/", {"team": stad.wijkteam_noord.pk})
    assert ander_team.status_code == 200  # not one of my teams: the form refuses the choice
    assert ander_team.context["form"].errors == {"team": [
        f"Selecteer een geldige keuze. {stad.wijkteam_noord.pk} is geen beschikbare keuze."]}


def test_team_overview_lists_the_escalations_waiting(client, stad) -> None:  # type: ignore[no-untyped-def]
    _, klokken = _elk_soort(stad)
    client.force_login(stad.teamleider)
    assert client.get("/werk/termijnen/team/").context["escalaties_totaal"] == 0
    herinneringen_scan()  # Monday 10:00: the grace of the clock due Sunday has passed
    response = client.get("/werk/termijnen/team/")
    assert [r["termijn"] for r in response.context["escalaties"]] == [klokken["te_laat"]]
    alleen = client.get("/werk/termijnen/team/", {"geescaleerd": "on"})
    assert [r["termijn"] for g in alleen.context["groepen"] for r in g["rijen"]] == \
        [klokken["te_laat"]]
    termijn_complete(user=stad.pro, termijn=klokken["te_laat"])
    assert client.get("/werk/termijnen/team/").context["escalaties_totaal"] == 0


def test_team_overview_query_count_is_flat(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.teamleider)
    TermijnFactory(casus=CasusFactory(opgepakt_door=stad.pro, eerste_contact_gehad=True),
                   deadline=einde_van_dag(VANDAAG - dt.timedelta(days=3)))
    herinneringen_scan(now=NU + dt.timedelta(days=1))
    client.get("/werk/termijnen/team/")
    with CaptureQueriesContext(connection) as small:
        client.get("/werk/termijnen/team/")
    collega = ProfessionalFactory(teams=[stad.wijkteam])
    for n in range(30):
        casus = CasusFactory(opgepakt_door=collega if n % 2 else stad.pro,
                             eerste_contact_gehad=True)
        _klok_op(casus, VANDAAG + dt.timedelta(days=n - 15))
    herinneringen_scan(now=NU + dt.timedelta(days=1))
    with CaptureQueriesContext(connection) as large:
        response = client.get("/werk/termijnen/team/")
    # Escalated a working day after the deadline: every clock due on or before Monday
    # 23 November, the first one and 16 of the loop.
    assert response.context["escalaties_totaal"] == 17
    assert len(large.captured_queries) == len(small.captured_queries)


# --- Badges -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("deadline", "status", "badge"), [
    (NU - dt.timedelta(minutes=1), TermijnStatus.LOPEND, "te_laat"),
    (einde_van_dag(VANDAAG), TermijnStatus.LOPEND, "vandaag"),
    (einde_van_dag(VANDAAG + dt.timedelta(days=1)), TermijnStatus.LOPEND, "binnenkort"),
    (einde_van_dag(VANDAAG + dt.timedelta(days=2)), TermijnStatus.LOPEND, "loopt"),
    (NU - dt.timedelta(days=5), TermijnStatus.OPGESCHORT, "opgeschort"),
])
def test_badge(deadline, status, badge) -> None:  # type: ignore[no-untyped-def]
    beleid = TermijnBeleid(herinnering_vooraf=1)
    assert termijn_badge(deadline=deadline, status=status, now=NU, beleid=beleid) == badge


def test_badge_soon_follows_the_policy_lead_in_working_days() -> None:
    vrijdag = dt.datetime(2026, 11, 27, 10, tzinfo=AMS)
    dinsdag = einde_van_dag(dt.date(2026, 12, 1))
    assert termijn_badge(deadline=dinsdag, status="lopend", now=vrijdag,
                         beleid=TermijnBeleid(herinnering_vooraf=1)) == "loopt"
    assert termijn_badge(deadline=dinsdag, status="lopend", now=vrijdag,
                         beleid=TermijnBeleid(herinnering_vooraf=2)) == "binnenkort"
