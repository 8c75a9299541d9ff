"""Residents see their wijkteam: on the public postcode page, after sending a request and in
Mijn toegang."""

import re
from datetime import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import CasusFactory, IntakeFactory, TeamFactory
from toegang.organisatie.services import team_contact_set, team_inlooptijd_add

pytestmark = pytest.mark.django_db


def _adres(team, straat="Marktstraat 12", pc="7511 AB"):  # type: ignore[no-untyped-def]
    team_contact_set(team=team, straat_huisnummer=straat, postcode=pc, plaats="Dijkstad",
                     introductie=f"Wij zijn {team.naam}. Kom gerust langs.",
                     telefoon="14 0123 100", email="centrum@dijkstad.example.nl")
    team_inlooptijd_add(team=team, weekdag=2, van=time(9), tot=time(12))
    team_inlooptijd_add(team=team, weekdag=4, van=time(13, 30), tot=time(16, 30),
                        locatie="Buurthuis De Es")


@pytest.fixture
def adressen(stad):  # type: ignore[no-untyped-def]
    _adres(stad.wijkteam)
    _adres(stad.wijkteam_noord, straat="Noorderlaan 4", pc="7521 AA")
    return stad


def _tekst(response) -> str:  # type: ignore[no-untyped-def]
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_start_page_asks_for_the_postcode_and_names_no_fixed_hours(client, stad) -> None:  # type: ignore[no-untyped-def]
    html = _tekst(client.get("/"))
    assert "Welk wijkteam hoort bij mij?" in html
    assert 'action="/wijkteam/"' in html and 'method="get"' in html
    assert "dinsdag en donderdag" not in html
    assert 'class="crisisbox' in html


def test_a_postcode_shows_the_team_its_address_and_hours(client, adressen) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/wijkteam/", {"postcode": "7511ab"})
    html = _tekst(response)
    assert response.status_code == 200
    assert "Uw wijkteam bij postcode 7511 AB" in html
    assert "Wijkteam Centrum" in html and "Wij zijn Wijkteam Centrum." in html
    assert "Marktstraat 12, 7511 AB Dijkstad" in html
    assert 'href="tel:140123100"' in html and "centrum@dijkstad.example.nl" in html
    assert "Dinsdag</dt>" in html and "9.00 tot 12.00 uur" in html
    assert "13.30 tot 16.30 uur (Buurthuis De Es)" in html
    assert "Maandag</dt>" in html and "geen inloop" in html
    assert 'href="/hulp-vragen/"' in html
    assert "Noorderlaan" not in html
    # The field keeps what was typed; the page needs no login and stores nothing.
    assert 'value="7511ab"' in html
    assert "sessionid" not in response.cookies
    assert 'class="crisisbox' in html


def test_another_postcode_shows_another_team(client, adressen) -> None:  # type: ignore[no-untyped-def]
    html = _tekst(client.get("/wijkteam/", {"postcode": "7521"}))
    assert "Wijkteam Noord" in html and "Noorderlaan 4, 7521 AA Dijkstad" in html


def test_an_invalid_postcode_gets_a_summary_linked_to_the_field(client, adressen) -> None:  # type: ignore[no-untyped-def]
    html = _tekst(client.get("/wijkteam/", {"postcode": "75A1"}))
    assert "Er is iets niet goed ingevuld" in html
    assert '<a href="#id_postcode">Uw postcode: Dit is geen postcode.' in html
    assert 'value="75A1"' in html and 'aria-invalid="true"' in html
    assert "Marktstraat" not in html


def test_an_empty_postcode_asks_for_one(client, stad) -> None:  # type: ignore[no-untyped-def]
    html = _tekst(client.get("/wijkteam/", {"postcode": ""}))
    assert "Vul uw postcode in, bijvoorbeeld 7511 AB." in html


def test_an_unknown_postcode_says_so_and_points_to_the_central_team(client, adressen) -> None:  # type: ignore[no-untyped-def]
    centraal = TeamFactory(naam="Centrale toegang", is_centrale_toegang=True,
                           telefoon="14 0123 999")
    html = _tekst(client.get("/wijkteam/", {"postcode": "1234 AB"}))
    assert "Bij deze postcode vinden we geen wijkteam." in html
    assert '<a href="#id_postcode">' in html and 'value="1234 AB"' in html
    assert centraal.naam in html and "14 0123 999" in html
    assert "Wijkteam Centrum" not in html


def test_without_a_postcode_the_page_only_asks(client, stad) -> None:  # type: ignore[no-untyped-def]
    html = _tekst(client.get("/wijkteam/"))
    assert "Uw postcode" in html and "Er is iets niet goed ingevuld" not in html


def test_the_page_is_read_only(client, stad) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/wijkteam/", {"postcode": "7511"}).status_code == 405


def test_the_page_reads_a_fixed_number_of_queries(client, adressen) -> None:  # type: ignore[no-untyped-def]
    client.get("/wijkteam/", {"postcode": "7511"})
    with CaptureQueriesContext(connection) as weinig:
        client.get("/wijkteam/", {"postcode": "7511"})
    for dag in (1, 3, 5):
        team_inlooptijd_add(team=adressen.wijkteam, weekdag=dag, van=time(9), tot=time(10))
        team_inlooptijd_add(team=adressen.wijkteam, weekdag=dag, van=time(14), tot=time(15))
    with CaptureQueriesContext(connection) as veel:
        html = _tekst(client.get("/wijkteam/", {"postcode": "7511"}))
    assert html.count("14.00 tot 15.00 uur") == 3
    assert len(weinig) == len(veel) <= 4, "\n".join(q["sql"] for q in veel.captured_queries)


def test_the_confirmation_shows_the_wijkteam_with_address_and_hours(client, adressen) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(in_noord=True)
    session = client.session
    session["intake_verstuurd"] = intake.pk
    session.save()
    html = _tekst(client.get("/hulp-vragen/verstuurd/"))
    assert intake.referentie in html
    assert "Liever langskomen of bellen?" in html
    assert "Wijkteam Noord" in html and "Noorderlaan 4, 7521 AA Dijkstad" in html
    assert "9.00 tot 12.00 uur" in html


def test_mijn_toegang_shows_the_regiehouders_team_and_hours(client, adressen) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(inwoner=adressen.inwoner, opgepakt_door=adressen.pro)
    client.force_login(adressen.inwoner)
    html = _tekst(client.get(f"/mijn/aanvragen/{casus.intake_id}/"))
    assert "Langskomen zonder afspraak bij Wijkteam Centrum" in html
    assert "Marktstraat 12, 7511 AB Dijkstad" in html
    assert "centrum@dijkstad.example.nl" in html and "14 0123 100" in html
    assert "13.30 tot 16.30 uur (Buurthuis De Es)" in html


def test_another_resident_does_not_see_the_request(client, adressen) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(inwoner=adressen.inwoner, opgepakt_door=adressen.pro)
    client.force_login(adressen.andere_inwoner)
    response = client.get(f"/mijn/aanvragen/{casus.intake_id}/")
    assert response.status_code == 404
    assert "Marktstraat" not in response.content.decode()


def test_mijn_toegang_reads_the_hours_in_one_query_however_many(client, adressen) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(inwoner=adressen.inwoner, opgepakt_door=adressen.pro)
    client.force_login(adressen.inwoner)
    url = f"/mijn/aanvragen/{casus.intake_id}/"
    client.get(url)
    with CaptureQueriesContext(connection) as weinig:
        client.get(url)
    for dag in (1, 3, 5):
        team_inlooptijd_add(team=adressen.wijkteam, weekdag=dag, van=time(9), tot=time(10))
    with CaptureQueriesContext(connection) as veel:
        html = _tekst(client.get(url))
    assert html.count("9.00 tot 10.00 uur") == 3
    assert len(weinig) == len(veel)
    assert sum("organisatie_inlooptijd" in q["sql"] for q in veel.captured_queries) == 1
