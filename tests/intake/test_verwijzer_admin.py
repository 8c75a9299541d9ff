"""The functioneel beheerder makes referrer accounts in the admin, in one go; nobody else
can, and the beheer group gets the referrers but never the referrals or intakes."""

import pytest
from django.contrib.auth.models import Group

from intake.models import Verwijzer
from tests.factories import PASSWORD, VerwijzerFactory
from tests.tweestaps import password_step
from toegang.accounts.models import Rol, User
from toegang.accounts.services import BEHEER_GROUP

ADD = "/beheer/intake/verwijzer/add/"
NIEUW = {"username": "linde", "email": "assistent@linde.example.nl", "first_name": "Fleur",
         "last_name": "de Linde", "password1": PASSWORD, "password2": PASSWORD,
         "organisatie": "Huisartsenpraktijk De Linde", "soort": "huisarts",
         "agb_code": "01 12 34 56", "telefoon": "020 123 45 67"}


def test_beheerder_makes_a_referrer_account_in_one_go(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.beheerder)
    assert client.get(ADD).status_code == 200
    response = client.post(ADD, NIEUW)
    assert response.status_code == 302, response.content.decode()[:3000]
    verwijzer = Verwijzer.objects.select_related("user").get()
    assert (verwijzer.organisatie, verwijzer.soort, verwijzer.agb_code, verwijzer.telefoon) == (
        "Huisartsenpraktijk De Linde", "huisarts", "01123456", "0201234567")
    user = verwijzer.user
    assert (user.username, user.rol, user.email) == ("linde", Rol.VERWIJZER,
                                                     "assistent@linde.example.nl")
    assert not user.is_staff and not user.is_superuser and user.check_password(PASSWORD)
    # The admin shows it and its history names the beheerder.
    assert "Huisartsenpraktijk De Linde" in client.get("/beheer/intake/verwijzer/") \
        .content.decode()
    assert client.get(f"/beheer/intake/verwijzer/{verwijzer.pk}/change/").status_code == 200

    # First login: the password, then setting up the authenticator app like other staff.
    client.logout()
    first = password_step(client, user, PASSWORD)
    assert first.status_code == 302
    response = client.get(first["Location"], follow=True)
    assert response.redirect_chain[-1][0].startswith("/medewerker/tweestaps/instellen/")
    assert "Tweestapsverificatie instellen" in response.content.decode()


@pytest.mark.parametrize(("agb", "melding"), [
    ("0112345", "Een AGB-code bestaat uit 8 cijfers"),
    ("0112345X", "Een AGB-code bestaat uit 8 cijfers"),
    ("05123456", "Dit is geen AGB-code van een huisarts: die begint met 01."),
])
def test_a_wrong_agb_code_is_refused_with_a_dutch_message(client, stad, agb: str,  # type: ignore[no-untyped-def]
                                                          melding: str) -> None:
    client.force_login(stad.beheerder)
    response = client.post(ADD, {**NIEUW, "agb_code": agb})
    html = response.content.decode()
    assert response.status_code == 200 and melding in html
    assert f'value="{agb}"' in html and 'value="Huisartsenpraktijk De Linde"' in html
    assert not Verwijzer.objects.exists() and not User.objects.filter(username="linde").exists()


def test_a_weak_password_or_a_taken_name_makes_nothing(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.beheerder)
    response = client.post(ADD, {**NIEUW, "password1": "kort", "password2": "kort"})
    assert response.status_code == 200
    response = client.post(ADD, {**NIEUW, "username": stad.pro.username.upper()})
    assert "Deze gebruikersnaam bestaat al" in response.content.decode()
    assert not Verwijzer.objects.exists()


def test_a_school_needs_no_agb_code(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.beheerder)
    response = client.post(ADD, {**NIEUW, "soort": "school", "agb_code": "",
                                 "organisatie": "Basisschool De Regenboog"})
    assert response.status_code == 302
    assert Verwijzer.objects.get().agb_code == ""


@pytest.mark.parametrize("wie", ["pro", "teamleider", "manager"])
def test_others_cannot_make_referrers(client, stad, wie) -> None:  # type: ignore[no-untyped-def]
    client.force_login(getattr(stad, wie))
    for url in (ADD, "/beheer/intake/verwijzer/"):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    assert client.post(ADD, NIEUW).status_code == 302
    assert not Verwijzer.objects.exists()


def test_a_referrer_cannot_reach_the_admin(client, stad) -> None:  # type: ignore[no-untyped-def]
    verwijzer = VerwijzerFactory()
    client.force_login(verwijzer.user)
    response = client.get("/beheer/intake/verwijzer/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_beheer_group_gets_referrers_but_no_intake_content(stad) -> None:  # type: ignore[no-untyped-def]
    rechten = Group.objects.get(name=BEHEER_GROUP).permissions \
        .filter(content_type__app_label="intake")
    # Referrers, and the municipality's own wizard questions (never the answers: EigenAntwoord
    # is intake content).
    assert set(rechten.values_list("codename", flat=True)) == {
        f"{actie}_{model}" for actie in ("add", "change", "delete", "view")
        for model in ("verwijzer", "eigenvraag", "eigenvraagversie")}


def test_the_admin_shows_no_referrals_or_intakes(client, stad) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.beheerder)
    html = client.get("/beheer/").content.decode()
    assert "/beheer/intake/verwijzer/" in html
    assert "/beheer/intake/verwijzing/" not in html and "/beheer/intake/intake/" not in html
    assert client.get("/beheer/intake/verwijzing/").status_code == 404
