"""A team's address, introduction and walk-in hours: validated in the service and edited (and
logged) in the admin of Team."""

import importlib
from datetime import time

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import BeheerderFactory, TeamFactory
from toegang.organisatie.models import Inlooptijd
from toegang.organisatie.services import team_contact_set, team_inlooptijd_add

pytestmark = pytest.mark.django_db


def test_team_contact_set_normalises_the_postcode() -> None:
    team = team_contact_set(team=TeamFactory(), straat_huisnummer="Marktstraat 12",
                            postcode="7511ab", plaats="Dijkstad", introductie="Wij helpen u.")
    team.refresh_from_db()
    assert (team.straat_huisnummer, team.postcode, team.plaats) == (
        "Marktstraat 12", "7511 AB", "Dijkstad")


@pytest.mark.parametrize(("velden", "veld", "melding"), [
    ({"postcode": "75111"}, "postcode", "4 cijfers en 2 letters"),
    ({"postcode": "7511"}, "postcode", "4 cijfers en 2 letters"),
    ({"straat_huisnummer": "Marktstraat"}, "straat_huisnummer", "huisnummer"),
    ({"plaats": ""}, "plaats", "ook de postcode en de plaats"),
    ({"introductie": "x" * 601}, "introductie", "601"),
    ({"telefoon": "bel maar"}, "telefoon", "telefoonnummer"),
])
def test_a_wrong_address_gets_a_clear_dutch_message(velden, veld, melding) -> None:  # type: ignore[no-untyped-def]
    gegevens = {"straat_huisnummer": "Marktstraat 12", "postcode": "7511 AB",
                "plaats": "Dijkstad", **velden}
    with pytest.raises(ValidationError) as exc:
        team_contact_set(team=TeamFactory(), **gegevens)
    assert melding in " ".join(exc.value.message_dict[veld])


def test_walk_in_hours_must_end_after_they_start() -> None:
    team = TeamFactory()
    with pytest.raises(ValidationError) as exc:
        team_inlooptijd_add(team=team, weekdag=2, van=time(12), tot=time(9))
    assert "eindtijd moet na de begintijd" in str(exc.value)
    # The database refuses it too, whoever writes.
    with pytest.raises(IntegrityError), transaction.atomic():
        Inlooptijd.objects.create(team=team, weekdag=2, van=time(12), tot=time(12))


def test_walk_in_hours_of_one_team_may_not_overlap_on_a_day() -> None:
    team = TeamFactory()
    team_inlooptijd_add(team=team, weekdag=2, van=time(9), tot=time(12))
    with pytest.raises(ValidationError) as exc:
        team_inlooptijd_add(team=team, weekdag=2, van=time(11, 30), tot=time(13))
    assert "Op dinsdag overlapt" in str(exc.value)
    # Right after, another day, or another team: fine.
    team_inlooptijd_add(team=team, weekdag=2, van=time(12), tot=time(13))
    team_inlooptijd_add(team=team, weekdag=3, van=time(9), tot=time(12))
    team_inlooptijd_add(team=TeamFactory(), weekdag=2, van=time(9), tot=time(12))
    assert team.inlooptijden.count() == 3


def _post(team, **extra):  # type: ignore[no-untyped-def]
    data = {
        "naam": team.naam, "soort": team.soort, "wetten": ["WMO"], "actief": "on",
        "telefoon": "14 0123 456", "email": "wijkteam@example.nl",
        "straat_huisnummer": "Marktstraat 12", "postcode": "7511ab", "plaats": "Dijkstad",
        "introductie": "Wij zijn het wijkteam.",
        "inlooptijden-TOTAL_FORMS": "0", "inlooptijden-INITIAL_FORMS": "0",
        "teamlidmaatschap_set-TOTAL_FORMS": "0", "teamlidmaatschap_set-INITIAL_FORMS": "0",
    }
    for n, (dag, van, tot) in enumerate(extra.pop("tijden", [])):
        data.update({f"inlooptijden-{n}-weekdag": dag, f"inlooptijden-{n}-van": van,
                     f"inlooptijden-{n}-tot": tot, f"inlooptijden-{n}-team": team.pk})
        data["inlooptijden-TOTAL_FORMS"] = str(n + 1)
    data.update(extra)
    return data


def test_the_beheerder_edits_address_and_hours_in_the_team_admin_and_it_is_logged(client) -> None:  # type: ignore[no-untyped-def]
    team = TeamFactory(naam="Wijkteam Oost")
    beheerder = BeheerderFactory()
    client.force_login(beheerder)
    url = f"/beheer/organisatie/team/{team.pk}/change/"
    form = client.get(url).content.decode()
    assert 'name="postcode"' in form and 'name="inlooptijden-0-weekdag"' in form
    response = client.post(url, _post(team, tijden=[("2", "09:00", "12:00"),
                                                    ("4", "13:30", "16:30")]))
    assert response.status_code == 302, response.content.decode()[:3000]
    team.refresh_from_db()
    assert team.postcode == "7511 AB" and team.straat_huisnummer == "Marktstraat 12"
    assert [(t.weekdag, t.van, t.tot) for t in team.inlooptijden.all()] == [
        (2, time(9), time(12)), (4, time(13, 30), time(16, 30))]
    # Django's admin log answers who changed what, and when.
    log = LogEntry.objects.get(object_id=str(team.pk))
    assert log.user == beheerder
    assert "Inlooptijd ‘dinsdag 9.00–12.00’ toegevoegd" in log.get_change_message()


def test_overlapping_hours_in_the_admin_are_refused_with_a_clear_message(client) -> None:  # type: ignore[no-untyped-def]
    team = TeamFactory()
    client.force_login(BeheerderFactory())
    response = client.post(f"/beheer/organisatie/team/{team.pk}/change/", _post(
        team, tijden=[("2", "09:00", "12:00"), ("2", "11:00", "13:00")]))
    assert response.status_code == 200
    assert "Inlooptijden op dezelfde dag mogen niet overlappen. Kijk naar: dinsdag." in (
        response.content.decode())
    assert not team.inlooptijden.exists()


def test_an_end_before_the_start_in_the_admin_is_refused(client) -> None:  # type: ignore[no-untyped-def]
    team = TeamFactory()
    client.force_login(BeheerderFactory())
    response = client.post(f"/beheer/organisatie/team/{team.pk}/change/", _post(
        team, tijden=[("3", "12:00", "09:00")], postcode="75 11"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "De eindtijd moet na de begintijd liggen." in html
    assert "Vul de postcode in als 4 cijfers en 2 letters, bijvoorbeeld 7511 AB." in html
    assert not team.inlooptijden.exists()


# The data migration reads the old free text "inloopadres en -tijden".
migratie = importlib.import_module("toegang.organisatie.migrations.0003_team_adres_inlooptijden")


def test_the_old_visiting_text_becomes_address_and_hours() -> None:
    assert migratie.bezoekadres_lezen(
        "Inloop: Marktstraat 12, dinsdag en donderdag 9.00–12.00 uur") == (
        "Marktstraat 12", "", "", [(2, time(9), time(12)), (4, time(9), time(12))], True)
    assert migratie.bezoekadres_lezen("Kerkweg 3, 7511 AB Dijkstad") == (
        "Kerkweg 3", "7511 AB", "Dijkstad", [], True)
    assert migratie.bezoekadres_lezen("") == ("", "", "", [], True)


def test_text_the_migration_cannot_read_is_kept_for_the_beheerder() -> None:
    adres, _pc, _plaats, tijden, begrepen = migratie.bezoekadres_lezen(
        "In de bibliotheek, op afspraak")
    assert (adres, tijden, begrepen) == ("", [], False)
