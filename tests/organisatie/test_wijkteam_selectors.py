"""Which wijkteam belongs to a postcode, and the walk-in hours in Dutch."""

from datetime import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import TeamFactory, WijkFactory
from toegang.organisatie.models import Inlooptijd, Team, inloop_per_dag, postcode_parse
from toegang.organisatie.selectors import team_voor_postcode, team_voor_wijk
from toegang.organisatie.services import team_inlooptijd_add

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("tekst", "verwacht"), [
    ("7511AB", ("7511", "AB")), ("7511 ab", ("7511", "AB")), (" 7511 ", ("7511", "")),
    ("7511  Ab", ("7511", "AB")),
    ("751", None), ("75111", None), ("0511 AB", None), ("7511 A", None), ("7511 ABC", None),
    ("AB 7511", None), ("", None),
])
def test_postcode_parse_accepts_the_ways_people_write_a_postcode(tekst, verwacht) -> None:  # type: ignore[no-untyped-def]
    assert postcode_parse(tekst) == verwacht


@pytest.fixture
def gemeente(db):  # type: ignore[no-untyped-def]
    centrum = WijkFactory(naam="Centrum", postcodes=["7511", "7512"])
    noord = WijkFactory(naam="Noord", postcodes=["7521"])
    leeg = WijkFactory(naam="Haven", postcodes=["7561"])  # no wijkteam of its own
    # A jeugdteam serving Centrum is made first: the wijkteam must still win.
    TeamFactory(naam="Jeugdteam", soort="jeugdteam", wetten=["JEUGDWET"], wijken=[centrum])
    wijkteam = TeamFactory(naam="Wijkteam Centrum", wijken=[centrum])
    noord_team = TeamFactory(naam="Wijkteam Noord", wijken=[noord])
    centraal = TeamFactory(naam="Centrale toegang", is_centrale_toegang=True)
    return {"centrum": centrum, "noord": noord, "leeg": leeg, "wijkteam": wijkteam,
            "noord_team": noord_team, "centraal": centraal}


@pytest.mark.parametrize("postcode", ["7511AB", "7511 ab", "7512", " 7512 zz "])
def test_a_postcode_finds_the_wijkteam_of_its_wijk(gemeente, postcode) -> None:  # type: ignore[no-untyped-def]
    assert team_voor_postcode(postcode) == gemeente["wijkteam"]


def test_another_wijk_has_another_team(gemeente) -> None:  # type: ignore[no-untyped-def]
    assert team_voor_postcode("7521 AA") == gemeente["noord_team"]


def test_a_wijk_without_an_active_wijkteam_falls_back_to_the_central_team(gemeente) -> None:  # type: ignore[no-untyped-def]
    assert team_voor_postcode("7561 AB") == gemeente["centraal"]
    Team.objects.filter(pk=gemeente["noord_team"].pk).update(actief=False)
    assert team_voor_postcode("7521") == gemeente["centraal"]


@pytest.mark.parametrize("postcode", ["1234 AB", "9999", "hallo", "", "7511 A"])
def test_an_unknown_or_invalid_postcode_has_no_team(gemeente, postcode) -> None:  # type: ignore[no-untyped-def]
    assert team_voor_postcode(postcode) is None


def test_without_a_wijk_the_central_team_helps(gemeente) -> None:  # type: ignore[no-untyped-def]
    assert team_voor_wijk(wijk_id=None) == gemeente["centraal"]


def test_the_team_comes_with_its_hours_in_a_fixed_number_of_queries(gemeente) -> None:  # type: ignore[no-untyped-def]
    def lees() -> tuple[int, list]:
        with CaptureQueriesContext(connection) as ctx:
            team = team_voor_postcode("7511 AB")
            assert team is not None
            dagen = team.inloop_per_dag
        return len(ctx), dagen

    team_inlooptijd_add(team=gemeente["wijkteam"], weekdag=1, van=time(9), tot=time(12))
    weinig, _dagen = lees()
    for dag in range(2, 6):
        team_inlooptijd_add(team=gemeente["wijkteam"], weekdag=dag, van=time(9), tot=time(12))
        team_inlooptijd_add(team=gemeente["wijkteam"], weekdag=dag, van=time(13), tot=time(15))
    veel, dagen = lees()
    # postcode → wijk, the team, its hours
    assert weinig == veel == 3
    assert len(dagen) == 5 and all(len(d.tijden) == 2 for d in dagen[1:])


def test_hours_per_day_read_as_dutch() -> None:
    team = Team(naam="x")
    tijden = [
        Inlooptijd(team=team, weekdag=4, van=time(13, 30), tot=time(16, 30),
                   locatie="Buurthuis De Es"),
        Inlooptijd(team=team, weekdag=2, van=time(9), tot=time(12)),
        Inlooptijd(team=team, weekdag=2, van=time(14), tot=time(15), opmerking="voor jongeren"),
        Inlooptijd(team=team, weekdag=6, van=time(10), tot=time(12)),
    ]
    dagen = [(d.dag, d.tijden) for d in inloop_per_dag(tijden)]
    assert dagen == [
        ("maandag", []),
        ("dinsdag", ["9.00 tot 12.00 uur", "14.00 tot 15.00 uur (voor jongeren)"]),
        ("woensdag", []),
        ("donderdag", ["13.30 tot 16.30 uur (Buurthuis De Es)"]),
        ("vrijdag", []),
        ("zaterdag", ["10.00 tot 12.00 uur"]),
    ]
    assert inloop_per_dag([]) == []
