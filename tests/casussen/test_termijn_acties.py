"""Clocks on a casus: badges on the casus page, starting a legal term, a call-back promise,
met, suspend, resume, extend (each but "met" on a page of its own); gated, logged, on the
timeline, errors in Dutch with input kept."""

import datetime as dt
import html

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from casussen.services import casus_transition, regiehouder_assign
from intake.services import toestemming_give
from regie.termijnen.models import Termijn, TermijnGebeurtenis, TermijnSoort, TermijnStatus
from regie.termijnen.services import termijn_start
from tests.factories import (
    CasusFactory,
    ProfessionalFactory,
    TermijnFactory,
)
from toegang.audit.models import Toegangslog
from toegang.berichten.models import Notificatie

AMS = dt.timezone(dt.timedelta(hours=1))
NU = dt.datetime(2026, 11, 23, 10, tzinfo=AMS)  # a Monday


@pytest.fixture(autouse=True)
def _klok():  # type: ignore[no-untyped-def]
    with time_machine.travel(NU, tick=False):
        yield


@pytest.fixture
def casus(stad):  # type: ignore[no-untyped-def]
    return CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner, eerste_contact_gehad=True)


def url(casus, actie: str, termijn=None) -> str:  # type: ignore[no-untyped-def]
    if termijn is None:
        return f"/werk/casussen/{casus.pk}/termijnen/{actie}/"
    return f"/werk/casussen/{casus.pk}/termijnen/{termijn.pk}/{actie}/"


def _lopend(casus) -> list[Termijn]:  # type: ignore[no-untyped-def]
    return list(Termijn.objects.open().filter(intake=casus.intake).order_by("soort"))


def test_start_a_legal_term_from_the_date_of_the_aanvraag(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    response = client.post(url(casus, "start"), {"soort": TermijnSoort.WMO_BESCHIKKING,
                                                 "start": "2026-11-20", "omschrijving": "Rolstoel"})
    assert response.status_code == 302
    [termijn] = _lopend(casus)
    # Friday 20 November + 2 weeks = Friday 4 December, a working day.
    assert termijn.deadline.astimezone(AMS).date() == dt.date(2026, 12, 4)
    assert termijn.verantwoordelijke == stad.pro and termijn.omschrijving == "Rolstoel"
    assert Toegangslog.objects.filter(user_id=stad.pro.pk, object_type="termijn",
                                      object_id=termijn.pk, actie="wijzigen").exists()
    page = client.get(f"/werk/casussen/{casus.pk}/").content.decode()
    assert "Termijn gestart: Wmo-beschikking (2 weken na de aanvraag), uiterlijk 4 december 2026" \
        in page


def test_participatiewet_starts_the_decision_and_the_advance(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    client.post(url(casus, "start"), {"soort": TermijnSoort.PW_BESLUIT, "start": "23-11-2026"})
    assert [t.soort for t in _lopend(casus)] == [TermijnSoort.PW_BESLUIT,
                                                TermijnSoort.PW_VOORSCHOT]


@pytest.mark.parametrize(("data", "fout"), [
    ({"soort": TermijnSoort.WMO_BESCHIKKING, "start": "2026-12-01", "omschrijving": "Getypt"},
     "kan niet in de toekomst liggen"),
    ({"soort": "", "start": "2026-11-20", "omschrijving": "Getypt"}, "Kies een termijn."),
    ({"soort": TermijnSoort.WMO_BESCHIKKING, "start": "vorige week", "omschrijving": "Getypt"},
     "Vul een datum in als dag-maand-jaar"),
])
def test_start_errors_are_dutch_and_keep_the_input(client, stad, casus, data, fout) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    response = client.post(url(casus, "start"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert fout in html and 'value="Getypt"' in html
    assert "Er is iets niet goed ingevuld" in html and 'href="#termijnstart_' in html
    assert '<h1 class="utrecht-heading-1">Wettelijke termijn starten</h1>' in html
    assert not _lopend(casus)


def test_call_back_promise_reaches_resident_and_mijn_termijnen(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    response = client.post(url(casus, "terugbellen"), {"moment": "2026-11-24T14:30",
                                                       "toelichting": "Over de huur"})
    assert response.status_code == 302
    [termijn] = _lopend(casus)
    assert termijn.soort == TermijnSoort.TERUGBELLEN and not termijn.door_inwoner
    note = Notificatie.objects.get(ontvanger=stad.inwoner, soort="termijn")
    assert "24-11-2026 14:30" in note.tekst
    assert casus.intake.referentie in client.get("/werk/termijnen/").content.decode()
    client.force_login(stad.inwoner)
    mijn = html.unescape(client.get(f"/mijn/aanvragen/{casus.intake_id}/").content.decode())
    # (unescaped: a generated name such as "Jan van 't Erve" is escaped in the page)
    assert f"{stad.pro.get_full_name()} belt u op dinsdag 24 november om 14.30 uur." in mijn


def test_call_back_in_the_past_is_refused_with_input_kept(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    response = client.post(url(casus, "terugbellen"), {"moment": "2026-11-20T10:00",
                                                       "toelichting": "Mijn tekst"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies een moment in de toekomst." in html and "Mijn tekst" in html
    assert not _lopend(casus)


def test_mark_met(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    termijn = TermijnFactory(casus=casus, soort=TermijnSoort.WMO_ONDERZOEK)
    client.force_login(stad.pro)
    assert client.post(url(casus, "afgehandeld", termijn)).status_code == 302
    termijn.refresh_from_db()
    assert (termijn.status, termijn.afgehandeld_door) == (TermijnStatus.AFGEHANDELD, stad.pro)
    page = client.get(f"/werk/casussen/{casus.pk}/").content.decode()
    assert "Termijn afgehandeld: Wmo-onderzoek" in page
    # A clock that is no longer open is not found.
    assert client.post(url(casus, "afgehandeld", termijn)).status_code == 404


def test_suspend_and_resume(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 11, 2, 10, tzinfo=AMS), tick=False):
        [termijn] = termijn_start(user=stad.pro, intake=casus.intake,
                                  soort=TermijnSoort.JEUGD_BESCHIKKING, start=dt.date(2026, 11, 2))
    client.force_login(stad.pro)
    response = client.post(url(casus, "opschorten", termijn),
                           {"reden": "Wacht op het verslag", "vanaf": "2026-11-13"})
    assert response.status_code == 302
    termijn.refresh_from_db()
    assert termijn.status == TermijnStatus.OPGESCHORT
    page = client.get(f"/werk/casussen/{casus.pk}/")
    assert page.context["termijn_rijen"][0]["badge"] == "opgeschort"
    assert "staat stil sinds 13 nov 2026" in page.content.decode().lower()
    client.post(url(casus, "hervatten", termijn), {"op": "2026-11-23"})
    termijn.refresh_from_db()
    # Ten days still (13 → 23 November): 28 December + 10 days = 7 January 2027.
    assert termijn.status == TermijnStatus.LOPEND
    assert termijn.deadline.astimezone(AMS).date() == dt.date(2027, 1, 7)
    soorten = list(TermijnGebeurtenis.objects.filter(termijn=termijn)
                   .values_list("soort", flat=True))
    assert soorten == ["gestart", "opgeschort", "hervat"]
    html = client.get(f"/werk/casussen/{casus.pk}/").content.decode()
    assert "Termijn opgeschort: Jeugdwet-beschikking (8 weken)" in html
    assert "Wacht op het verslag" in html
    assert "Termijn hervat: Jeugdwet-beschikking (8 weken), nu uiterlijk 7 januari 2027" in html


def test_suspend_without_reason_shows_the_error_on_the_clock_page(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    termijn = TermijnFactory(casus=casus, soort=TermijnSoort.WMO_BESCHIKKING)
    client.force_login(stad.pro)
    response = client.post(url(casus, "opschorten", termijn), {"reden": "", "vanaf": "2026-11-23"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit veld is nodig." in html and 'value="2026-11-23"' in html
    assert f'href="#t{termijn.pk}_opschorten_reden"' in html
    # Back on the clock's own page, which names the clock.
    assert response.templates[0].name == "casussen/actie.html"
    assert '<h1 class="utrecht-heading-1">Termijn opschorten</h1>' in html
    assert "Wmo-beschikking (2 weken na de aanvraag)" in html
    termijn.refresh_from_db()
    assert termijn.status == TermijnStatus.LOPEND


def test_extend_tells_the_resident_the_new_date_and_reason(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    termijn = TermijnFactory(casus=casus, soort=TermijnSoort.WMO_BESCHIKKING)
    client.force_login(stad.pro)
    te_vroeg = client.post(url(casus, "verdagen", termijn),
                           {"nieuwe_deadline": "2026-11-30", "reden": "Advies arts"})
    assert te_vroeg.status_code == 400
    assert "De nieuwe datum moet na de huidige termijn liggen." in te_vroeg.content.decode()
    client.post(url(casus, "verdagen", termijn), {"nieuwe_deadline": "2026-12-21",
                                                  "reden": "Advies arts"})
    termijn.refresh_from_db()
    assert termijn.deadline.astimezone(AMS).date() == dt.date(2026, 12, 21)
    assert "21-12-2026" in Notificatie.objects.get(ontvanger=stad.inwoner, soort="termijn").tekst
    client.force_login(stad.inwoner)
    mijn = client.get(f"/mijn/aanvragen/{casus.intake_id}/").content.decode()
    assert "U krijgt het besluit op uw aanvraag uiterlijk maandag 21 december." in mijn
    assert "Dit duurt langer dan eerst gezegd (dat was maandag 7 december). De reden: " \
           "Advies arts" in mijn


@pytest.mark.parametrize("actie", ["afgehandeld", "opschorten", "verdagen"])
def test_actions_are_gated(client, stad, casus, actie) -> None:  # type: ignore[no-untyped-def]
    termijn = TermijnFactory(casus=casus, soort=TermijnSoort.WMO_BESCHIKKING)
    data = {"reden": "x", "vanaf": "2026-11-23", "nieuwe_deadline": "2026-12-30"}
    # A team that reads by consent may look but not act; another wijk does not even see it.
    toestemming_give(intake=casus.intake, wet="JEUGDWET", user=stad.inwoner)
    for user in (stad.pro_jeugd, stad.pro_noord, stad.manager, stad.inwoner):
        client.force_login(user)
        assert client.get(url(casus, actie, termijn)).status_code == 404, user
        assert client.post(url(casus, actie, termijn), data).status_code == 404, user
    # A clock of another casus is not found through this casus.
    vreemd = TermijnFactory(casus=CasusFactory(opgepakt_door=stad.pro),
                            soort=TermijnSoort.WMO_BESCHIKKING)
    client.force_login(stad.pro)
    assert client.get(url(casus, actie, vreemd)).status_code == 404
    assert client.post(url(casus, actie, vreemd), data).status_code == 404
    termijn.refresh_from_db()
    vreemd.refresh_from_db()
    assert termijn.status == vreemd.status == TermijnStatus.LOPEND
    assert termijn.oorspronkelijke_deadline is None


def test_consented_team_sees_badges_but_no_actions(client, stad) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner,
                         intake__met_toestemming_jeugd=True)
    termijn = TermijnFactory(casus=casus, soort=TermijnSoort.WMO_BESCHIKKING)
    acties = [f"/werk/casussen/{casus.pk}/termijnen/{termijn.pk}/{actie}/"
              for actie in ("afgehandeld", "opschorten", "verdagen")]
    acties.append(f"/werk/casussen/{casus.pk}/termijnen/start/")
    client.force_login(stad.pro)  # the regiehouder gets the actions
    html = client.get(f"/werk/casussen/{casus.pk}/").content.decode()
    assert all(url in html for url in acties)
    client.force_login(stad.pro_jeugd)
    html = client.get(f"/werk/casussen/{casus.pk}/").content.decode()
    assert "Wmo-beschikking (2 weken na de aanvraag)" in html
    assert not any(url in html for url in acties)


def test_casus_page_query_count_is_flat_in_the_number_of_clocks(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    TermijnFactory(casus=casus, soort=TermijnSoort.WMO_BESCHIKKING)
    client.get(f"/werk/casussen/{casus.pk}/")
    with CaptureQueriesContext(connection) as small:
        client.get(f"/werk/casussen/{casus.pk}/")
    for dagen in range(12):
        [t] = termijn_start(user=stad.pro, intake=casus.intake, soort=TermijnSoort.WMO_ONDERZOEK,
                            start=NU.date() - dt.timedelta(days=dagen))
        if dagen % 3 == 0:
            client.post(url(casus, "opschorten", t), {"reden": "Wacht", "vanaf": "2026-11-23"})
    with CaptureQueriesContext(connection) as large:
        response = client.get(f"/werk/casussen/{casus.pk}/")
    assert len(response.context["termijn_rijen"]) == 13
    assert len(large.captured_queries) == len(small.captured_queries)


def test_closing_the_case_lets_its_clocks_lapse(stad, casus) -> None:  # type: ignore[no-untyped-def]
    termijn = TermijnFactory(casus=casus, soort=TermijnSoort.WMO_BESCHIKKING)
    casus_transition(user=stad.pro, casus=casus, naar="afgesloten", reden="Klaar")
    termijn.refresh_from_db()
    assert termijn.status == TermijnStatus.VERVALLEN and termijn.volgende_herinnering_op is None
    assert TermijnGebeurtenis.objects.filter(termijn=termijn, soort="vervallen",
                                             reden="De casus is afgesloten.").exists()


def test_clocks_follow_the_regiehouder_to_another_team(stad, casus) -> None:  # type: ignore[no-untyped-def]
    toestemming_give(intake=casus.intake, wet="JEUGDWET", user=stad.inwoner)
    termijn = TermijnFactory(casus=casus, soort=TermijnSoort.WMO_BESCHIKKING)
    regiehouder_assign(user=stad.teamleider, casus=casus, naar=stad.pro_jeugd,
                       toelichting="Jeugdhulp staat voorop")
    termijn.refresh_from_db()
    assert (termijn.verantwoordelijke, termijn.team) == (stad.pro_jeugd, stad.jeugdteam)


def test_queue_row_shows_the_nearest_other_clock(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    TermijnFactory(casus=casus, soort=TermijnSoort.WMO_ONDERZOEK)
    with time_machine.travel(dt.datetime(2026, 11, 13, 10, tzinfo=AMS), tick=False):
        termijn_start(user=stad.pro, intake=casus.intake, soort=TermijnSoort.WMO_BESCHIKKING,
                      start=dt.date(2026, 11, 6))  # due Friday 20 November: late
    ProfessionalFactory(teams=[stad.wijkteam])
    client.force_login(stad.pro)
    response = client.get("/werk/")
    [(_rij, klok)] = response.context["rows"]
    assert klok["volgende"]["soort"] == "Wmo-beschikking (2 weken na de aanvraag)"
    assert klok["volgende"]["badge"] == "te_laat"
    assert ('<span class="utrecht-status-badge utrecht-status-badge--danger badge-laat">'
            'te laat</span>') in response.content.decode()
