"""The functioneel beheerder configures the organisation in the admin; nobody else gets in."""

import pytest
from django.utils.html import escape

from tests.factories import BeheerderFactory, InwonerFactory, ProfessionalFactory, WijkFactory
from toegang.organisatie.models import Team, Wijk

pytestmark = pytest.mark.django_db


def test_beheerder_reaches_the_configuration(client) -> None:
    client.force_login(BeheerderFactory())
    for url in ["/beheer/", "/beheer/organisatie/wijk/", "/beheer/organisatie/team/",
                "/beheer/organisatie/routingregel/", "/beheer/accounts/user/",
                "/beheer/digid_eherkenning/digidconfiguration/",
                "/beheer/simple_certmanager/certificate/"]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("factory", [ProfessionalFactory, InwonerFactory])
def test_others_do_not_reach_the_admin(client, factory) -> None:
    client.force_login(factory())
    response = client.get("/beheer/organisatie/wijk/")
    assert response.status_code == 302
    assert response["Location"] == "/beheer/login/?next=/beheer/organisatie/wijk/"


def test_beheerder_does_not_see_resident_accounts(client) -> None:
    inwoner = InwonerFactory(last_name="Zichtbaarniet")
    client.force_login(BeheerderFactory())
    response = client.get("/beheer/accounts/user/")
    assert escape(inwoner.last_name) not in response.content.decode()
    assert client.get(f"/beheer/accounts/user/{inwoner.pk}/change/").status_code == 302


def test_beheerder_edits_postcodes_as_ranges(client) -> None:
    client.force_login(BeheerderFactory())
    response = client.post("/beheer/organisatie/wijk/add/", {
        "naam": "Haven", "code": "haven", "postcodes_tekst": "7561-7563, 7570"})
    assert response.status_code == 302
    wijk = Wijk.objects.get(code="haven")
    assert sorted(wijk.postcodes.values_list("pc4", flat=True)) == ["7561", "7562", "7563", "7570"]


def test_postcode_typo_is_shown_not_saved(client) -> None:
    client.force_login(BeheerderFactory())
    response = client.post("/beheer/organisatie/wijk/add/", {
        "naam": "Haven", "code": "haven", "postcodes_tekst": "75x1"})
    assert response.status_code == 200
    assert "geen postcodegebied" in response.content.decode()
    assert not Wijk.objects.exists()


def test_team_added_in_admin_gets_a_group_and_members(client) -> None:
    wijk = WijkFactory()
    pro = ProfessionalFactory()
    client.force_login(BeheerderFactory())
    response = client.post("/beheer/organisatie/team/add/", {
        "naam": "Wijkteam Nieuw", "soort": "wijkteam", "wetten": ["WMO"], "wijken": [wijk.pk],
        "telefoon": "", "email": "", "actief": "on",
        "inlooptijden-TOTAL_FORMS": "0", "inlooptijden-INITIAL_FORMS": "0",
        "teamlidmaatschap_set-TOTAL_FORMS": "1", "teamlidmaatschap_set-INITIAL_FORMS": "0",
        "teamlidmaatschap_set-0-user": pro.pk,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    team = Team.objects.get(naam="Wijkteam Nieuw")
    assert list(team.group.user_set.all()) == [pro]


def test_migrate_gives_an_existing_beheer_group_new_configuration_models() -> None:
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    from toegang.accounts.services import BEHEER_GROUP

    BeheerderFactory()
    group = Group.objects.get(name=BEHEER_GROUP)
    group.permissions.remove(*group.permissions.filter(content_type__app_label="digid_eherkenning"))
    call_command("migrate", verbosity=0)
    assert group.permissions.filter(codename="change_digidconfiguration").exists()
