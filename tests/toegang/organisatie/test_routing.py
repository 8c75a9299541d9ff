"""Postcode → wijk → team routing, and the PC4 range notation used by the beheerder."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import RoutingRegelFactory, TeamFactory, WijkFactory
from toegang.organisatie.services import (
    RoutingError,
    intake_route,
    pc4_format,
    pc4_parse,
    wijk_for_postcode,
    wijk_set_postcodes,
)


class TestPc4Notation:
    def test_parses_ranges_and_singles(self) -> None:
        assert pc4_parse("7511-7513, 7520") == ["7511", "7512", "7513", "7520"]

    def test_parses_spaces_and_semicolons(self) -> None:
        assert pc4_parse(" 7511 ; 7514 -7515 ") == ["7511", "7514", "7515"]

    def test_empty_text_is_no_postcodes(self) -> None:
        assert pc4_parse("") == []

    @pytest.mark.parametrize(("text", "message"), [
        ("75a1", "'75a1' is geen postcodegebied of reeks zoals 7511-7514."),
        ("7511-", "'7511-' is geen postcodegebied of reeks zoals 7511-7514."),
        ("123", "'123' is geen postcodegebied of reeks zoals 7511-7514."),
        # Well formed, but not a range of postcodes: backwards, or below 1000.
        ("7515-7511", "De reeks 7515-7511 klopt niet."),
        ("0999", "De reeks 0999 klopt niet."),
    ])
    def test_refuses_junk_with_a_dutch_message(self, text: str, message: str) -> None:
        with pytest.raises(ValidationError) as exc:
            pc4_parse(text)
        assert exc.value.messages == [message]

    def test_formats_back_to_compact_ranges(self) -> None:
        assert pc4_format(["7520", "7511", "7512", "7513"]) == "7511-7513, 7520"

    def test_round_trip(self) -> None:
        text = "1011-1018, 2000, 2002-2003"
        assert pc4_format(pc4_parse(text)) == text


@pytest.mark.django_db
class TestWijkPostcodes:
    def test_set_replaces_the_areas(self) -> None:
        wijk = WijkFactory(postcodes=["7511", "7512"])
        wijk_set_postcodes(wijk=wijk, pc4=["7512", "7513"])
        assert sorted(wijk.postcodes.values_list("pc4", flat=True)) == ["7512", "7513"]

    def test_area_of_another_wijk_is_refused(self) -> None:
        WijkFactory(naam="Noord", postcodes=["7521"])
        zuid = WijkFactory(naam="Zuid")
        with pytest.raises(ValidationError, match="Noord"):
            wijk_set_postcodes(wijk=zuid, pc4=["7521", "7541"])
        assert not zuid.postcodes.exists()

    @pytest.mark.parametrize("postcode", ["7511AB", "7511 ab", "7511", " 7511AB"])
    def test_postcode_finds_its_wijk(self, postcode: str) -> None:
        wijk = WijkFactory(postcodes=["7511"])
        assert wijk_for_postcode(postcode.strip()) == wijk

    @pytest.mark.parametrize("postcode", ["", "1012AB", "AB12", "75"])
    def test_unknown_postcode_has_no_wijk(self, postcode: str) -> None:
        WijkFactory(postcodes=["7511"])
        assert wijk_for_postcode(postcode) is None


@pytest.fixture
def stad(db):
    """Two wijken; Noord has all three kinds of team, Zuid only a wijkteam."""
    noord = WijkFactory(naam="Noord", postcodes=["7521"])
    zuid = WijkFactory(naam="Zuid", postcodes=["7541"])
    teams = {
        "wijk_noord": TeamFactory(naam="Wijkteam Noord", soort="wijkteam", wijken=[noord]),
        "wijk_zuid": TeamFactory(naam="Wijkteam Zuid", soort="wijkteam", wijken=[zuid]),
        "jeugd": TeamFactory(naam="Jeugdteam", soort="jeugdteam", wetten=["JEUGDWET"],
                             wijken=[noord]),
        "wi": TeamFactory(naam="Werk en Inkomen", soort="werk_en_inkomen",
                          wetten=["PARTICIPATIEWET"], wijken=[noord, zuid]),
        "centraal": TeamFactory(naam="Centrale toegang", soort="wijkteam",
                                is_centrale_toegang=True),
    }
    RoutingRegelFactory(volgorde=10, over_kind=True, team_soort="jeugdteam")
    RoutingRegelFactory(volgorde=20, levensgebied="werk_opleiding", team_soort="werk_en_inkomen")
    RoutingRegelFactory(volgorde=90, team_soort="wijkteam")
    return {"noord": noord, "zuid": zuid, **teams}


class TestIntakeRoute:
    def test_question_about_a_child_goes_to_the_jeugdteam(self, stad) -> None:
        route = intake_route(postcode="7521AA", levensgebieden=["huisvesting"], over_kind=True)
        assert route.team == stad["jeugd"]
        assert route.wijk == stad["noord"]
        assert route.regel is not None and route.regel.volgorde == 10

    def test_work_goes_to_werk_en_inkomen(self, stad) -> None:
        route = intake_route(postcode="7541AA", levensgebieden=["werk_opleiding"])
        assert route.team == stad["wi"]

    def test_everything_else_goes_to_the_wijkteam_of_the_wijk(self, stad) -> None:
        assert intake_route(postcode="7541AA", levensgebieden=["huisvesting"]).team == \
            stad["wijk_zuid"]
        assert intake_route(postcode="7521AA").team == stad["wijk_noord"]

    def test_first_matching_rule_wins(self, stad) -> None:
        # A child and work: rule 10 comes first.
        route = intake_route(postcode="7521AA", levensgebieden=["werk_opleiding"], over_kind=True)
        assert route.team == stad["jeugd"]

    def test_rule_without_a_team_in_the_wijk_falls_through(self, stad) -> None:
        # Zuid has no jeugdteam, so the child question lands with the wijkteam (rule 90).
        route = intake_route(postcode="7541AA", over_kind=True)
        assert route.team == stad["wijk_zuid"]
        assert route.regel is not None and route.regel.volgorde == 90

    def test_inactive_rule_is_ignored(self, stad) -> None:
        from toegang.organisatie.models import RoutingRegel

        RoutingRegel.objects.filter(volgorde=10).update(actief=False)
        assert intake_route(postcode="7521AA", over_kind=True).team == stad["wijk_noord"]

    def test_rule_limited_to_a_wijk(self, stad) -> None:
        RoutingRegelFactory(volgorde=5, wijk=stad["zuid"], team_soort="werk_en_inkomen")
        assert intake_route(postcode="7541AA").team == stad["wi"]
        assert intake_route(postcode="7521AA").team == stad["wijk_noord"]

    def test_unknown_postcode_goes_to_the_central_team(self, stad) -> None:
        route = intake_route(postcode="1012AB")
        assert route.team == stad["centraal"] and route.wijk is None

    def test_gap_in_configuration_never_loses_an_intake(self, db, caplog) -> None:  # type: ignore[no-untyped-def]
        wijk = WijkFactory(postcodes=["7511"])
        with pytest.raises(RoutingError):
            intake_route(postcode="7511AA")  # no active team at all: nowhere to go
        jeugd = TeamFactory(soort="jeugdteam", wetten=["JEUGDWET"], wijken=[])
        # No wijkteam serves the wijk and there is no central team: the first team takes it.
        route = intake_route(postcode="7511AA")
        assert route.team == jeugd and route.wijk == wijk
        assert intake_route(postcode="9999AA").team == jeugd
        assert "Routing gap" in caplog.text
