"""Password policy: at least 12 characters, not common, not only digits, not like the name;
Dutch messages; for staff the minimum can be set higher without touching residents."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from tests.factories import PASSWORD, BeheerderFactory, InwonerFactory, ProfessionalFactory
from tests.tweestaps import staff_login
from toegang.accounts.models import Rol
from toegang.accounts.services import user_create

pytestmark = pytest.mark.django_db

# Weak passwords and the Dutch message each one gets.
WEAK = [
    ("Kort-1a", "Dit wachtwoord is te kort. Gebruik minstens 12 tekens."),
    ("password1234", "Dit wachtwoord gebruiken veel mensen. Kies een ander wachtwoord."),
    ("839201746583920", "Dit wachtwoord heeft alleen cijfers. Gebruik ook letters of "
                        "andere tekens."),
    ("fatima.elamrani", "Dit wachtwoord lijkt te veel op uw gebruikersnaam."),
]


def _admin_add(client: Client, password: str):  # type: ignore[no-untyped-def]
    return client.post("/beheer/accounts/user/add/", {
        "username": "fatima.elamrani", "email": "fatima.elamrani@dijkstad.example.nl",
        "rol": Rol.PROFESSIONAL, "password1": password, "password2": password,
        "usable_password": "true"})


@pytest.mark.parametrize(("password", "message"), WEAK)
def test_beheerder_cannot_give_staff_a_weak_password(client, password: str,
                                                     message: str) -> None:
    client.force_login(BeheerderFactory())
    response = _admin_add(client, password)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProfessionalFactory._meta.model.objects.filter(
        username="fatima.elamrani").exists()


def test_a_strong_staff_password_is_accepted(client) -> None:
    client.force_login(BeheerderFactory())
    response = _admin_add(client, "Rode-fiets-op-de-dijk-42")
    assert response.status_code == 302


@pytest.mark.parametrize(("password", "message"), WEAK[:3])
def test_staff_change_their_password_under_the_same_rules(client, password: str,
                                                          message: str) -> None:
    pro = ProfessionalFactory()
    staff_login(client, pro, PASSWORD)
    response = client.post("/account/wachtwoord-wijzigen/", {
        "old_password": PASSWORD, "new_password1": password, "new_password2": password})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_changing_the_password_keeps_this_session_and_ends_the_others(client) -> None:
    import time_machine

    pro = ProfessionalFactory()
    other = Client()
    with time_machine.travel(1_900_000_000, tick=False) as clock:
        staff_login(other, pro, PASSWORD)
        clock.shift(30)
        staff_login(client, pro, PASSWORD)
        response = client.post("/account/wachtwoord-wijzigen/", {
            "old_password": PASSWORD, "new_password1": "Rode-fiets-op-de-dijk-42",
            "new_password2": "Rode-fiets-op-de-dijk-42"}, follow=True)
        assert "Uw wachtwoord is gewijzigd." in response.content.decode()
        assert client.get("/account/").status_code == 200
        assert other.get("/werk/")["Location"].startswith("/medewerker/inloggen/")


def test_the_service_refuses_a_weak_password() -> None:
    with pytest.raises(ValidationError) as error:
        user_create(username="kees", rol=Rol.PROFESSIONAL, password="123456789012")
    assert error.value.messages == [WEAK[2][1]]


def test_staff_minimum_can_be_higher_than_the_residents(settings) -> None:
    settings.AUTH_PASSWORD_VALIDATORS = [{
        "NAME": "toegang.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12, "staff_min_length": 16}}]
    fourteen = "Blauwe-dijk-14"
    with pytest.raises(ValidationError) as error:
        user_create(username="kees", rol=Rol.PROFESSIONAL, password=fourteen)
    assert error.value.messages == ["Dit wachtwoord is te kort. Gebruik minstens 16 tekens."]
    assert user_create(username="anna@example.nl", rol=Rol.INWONER, password=fourteen)


def test_residents_keep_the_existing_rules(client) -> None:
    response = client.post("/account/aanmaken/", {
        "voornaam": "Sanne", "achternaam": "de Vries", "email": "sanne@example.nl",
        "password1": "Kort-1a", "password2": "Kort-1a"})
    assert WEAK[0][1] in response.content.decode()


def test_a_digid_account_has_no_password_page(client) -> None:
    inwoner = InwonerFactory()
    inwoner.set_unusable_password()
    inwoner.save()
    client.force_login(inwoner)
    assert client.get("/account/wachtwoord-wijzigen/").status_code == 404
    assert "Wachtwoord wijzigen" not in client.get("/account/").content.decode()
