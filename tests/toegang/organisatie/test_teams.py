"""Teams are backed by auth Groups; memberships keep the groups in step."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import (
    BeheerderFactory,
    InwonerFactory,
    ProfessionalFactory,
    TeamFactory,
    WijkFactory,
)
from toegang.organisatie.models import Team
from toegang.organisatie.selectors import teams_of, teams_serving
from toegang.organisatie.services import team_member_add, team_members_sync

pytestmark = pytest.mark.django_db


def test_team_create_makes_its_own_group() -> None:
    team = TeamFactory(naam="Wijkteam Oost", wetten=["WMO", "JEUGDWET"])
    assert team.group.name == "team:Wijkteam Oost"
    assert sorted(team.wetten.values_list("code", flat=True)) == ["JEUGDWET", "WMO"]


def test_member_add_and_remove_keep_the_group_in_step(client) -> None:  # type: ignore[no-untyped-def]
    team = TeamFactory(wetten=["WMO"])
    pro = ProfessionalFactory()
    team_member_add(team=team, user=pro)
    assert list(pro.groups.all()) == [team.group]
    assert list(teams_of(user=pro)) == [team]
    # The functioneel beheerder takes the member off the team in the admin.
    lid = team.teamlidmaatschap_set.get()
    client.force_login(BeheerderFactory())
    response = client.post(f"/beheer/organisatie/team/{team.pk}/change/", {
        "naam": team.naam, "soort": team.soort, "wetten": ["WMO"], "telefoon": "", "email": "",
        "actief": "on", "inlooptijden-TOTAL_FORMS": "0", "inlooptijden-INITIAL_FORMS": "0",
        "teamlidmaatschap_set-TOTAL_FORMS": "1", "teamlidmaatschap_set-INITIAL_FORMS": "1",
        "teamlidmaatschap_set-0-id": lid.pk, "teamlidmaatschap_set-0-team": team.pk,
        "teamlidmaatschap_set-0-user": pro.pk, "teamlidmaatschap_set-0-DELETE": "on",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(pro.groups.all()) == []
    assert not teams_of(user=pro).exists()


def test_resident_cannot_join_a_team() -> None:
    with pytest.raises(ValidationError):
        team_member_add(team=TeamFactory(), user=InwonerFactory())


def test_members_sync_repairs_the_group() -> None:
    team = TeamFactory()
    pro = ProfessionalFactory(teams=[team])
    stranger = ProfessionalFactory()
    stranger.groups.add(team.group)
    pro.groups.remove(team.group)
    team_members_sync(team=team)
    assert list(team.group.user_set.all()) == [pro]


def test_teams_serving_filters_on_wijk_and_wet() -> None:
    noord, zuid = WijkFactory(), WijkFactory()
    jeugd = TeamFactory(soort="jeugdteam", wetten=["JEUGDWET"], wijken=[noord])
    TeamFactory(soort="wijkteam", wetten=["WMO"], wijken=[noord])
    TeamFactory(soort="jeugdteam", wetten=["JEUGDWET"], wijken=[zuid])
    inactive = TeamFactory(soort="jeugdteam", wetten=["JEUGDWET"], wijken=[noord])
    Team.objects.filter(pk=inactive.pk).update(actief=False)
    assert list(teams_serving(wijk=noord, wet="JEUGDWET")) == [jeugd]


def test_teams_serving_without_wijk_means_the_central_team() -> None:
    centraal = TeamFactory(wetten=["WMO"], is_centrale_toegang=True)
    TeamFactory(wetten=["WMO"], wijken=[WijkFactory()])
    assert list(teams_serving(wijk=None, wet="WMO")) == [centraal]
