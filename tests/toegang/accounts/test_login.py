"""Logging in and landing: each role reaches its own start page and nobody else's."""

import pytest
from django.urls import reverse

from tests.factories import (
    PASSWORD,
    BeheerderFactory,
    InwonerFactory,
    ManagerFactory,
    ProfessionalFactory,
    TeamFactory,
    TeamleiderFactory,
)
from tests.tweestaps import totp_code, totp_device
from toegang.accounts.services import user_deactivate

pytestmark = pytest.mark.django_db

LANDING = {
    "inwoner": "/mijn/",
    "professional": "/werk/",
    "teamleider": "/werk/team/",
    "manager": "/dashboard/",
    "beheerder": "/beheer/",
}
FACTORIES = {
    "inwoner": InwonerFactory,
    "professional": ProfessionalFactory,
    "teamleider": TeamleiderFactory,
    "manager": ManagerFactory,
    "beheerder": BeheerderFactory,
}


def _login_url(rol: str) -> str:
    return reverse("accounts:login" if rol == "inwoner" else "accounts:staff_login")


@pytest.mark.parametrize("rol", list(LANDING))
def test_each_role_lands_on_its_own_page(client, rol: str) -> None:
    user = FACTORIES[rol]()
    device = totp_device(user) if rol != "inwoner" else None
    response = client.post(_login_url(rol), {"username": user.username, "password": PASSWORD},
                           follow=True)
    if device is not None:
        # Staff give the code from their authenticator app first (test_tweestaps.py).
        assert response.redirect_chain[-1][0].startswith("/medewerker/tweestaps/?")
        response = client.post(response.redirect_chain[-1][0], {"code": totp_code(device)},
                               follow=True)
    assert response.redirect_chain[-1][0] == LANDING[rol]
    assert response.status_code == 200
    assert response.wsgi_request.user == user


def test_staff_can_log_in_with_e_mail_address(client) -> None:
    pro = ProfessionalFactory(email="Fatima@Dijkstad.example.nl")
    response = client.post(reverse("accounts:staff_login"),
                           {"username": "fatima@dijkstad.example.nl", "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(pro.pk)


@pytest.mark.parametrize(("rol", "page"), [("professional", "accounts:login"),
                                           ("inwoner", "accounts:staff_login")])
def test_wrong_login_page_is_refused_like_a_wrong_password(client, rol, page) -> None:
    user = FACTORIES[rol]()
    response = client.post(reverse(page), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "kennen we niet" in response.content.decode()


def test_wrong_password_shows_summary_and_keeps_username(client) -> None:
    user = InwonerFactory()
    response = client.post(reverse("accounts:login"),
                           {"username": user.username, "password": "fout"})
    html = response.content.decode()
    assert "Er is iets niet goed ingevuld" in html
    assert f'value="{user.username}"' in html
    assert "<title>Fout:" in html


def test_empty_login_names_both_fields_in_the_summary(client) -> None:
    response = client.post(reverse("accounts:login"), {"username": "", "password": ""})
    html = response.content.decode()
    assert 'href="#id_username"' in html
    assert 'href="#id_password"' in html


def test_deactivated_account_cannot_log_in(client) -> None:
    pro = ProfessionalFactory()
    user_deactivate(user=pro)
    response = client.post(reverse("accounts:staff_login"),
                           {"username": pro.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 200


def test_logout_needs_post(client) -> None:
    client.force_login(InwonerFactory())
    assert client.get(reverse("accounts:logout")).status_code == 405
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


# Every role page: allowed for its roles, a 404 for other roles, login for anonymous.
PAGES = {
    "/mijn/": {"inwoner"},
    "/werk/": {"professional", "teamleider"},
    "/werk/team/": {"teamleider"},
    "/dashboard/": {"manager", "teamleider"},
}


@pytest.mark.parametrize("page", list(PAGES))
@pytest.mark.parametrize("rol", list(FACTORIES))
def test_role_pages_are_gated(client, page: str, rol: str) -> None:
    user = FACTORIES[rol]()
    if rol in {"professional", "teamleider"}:
        from toegang.organisatie.services import team_member_add

        team_member_add(team=TeamFactory(), user=user)
    client.force_login(user)
    response = client.get(page)
    assert response.status_code == (200 if rol in PAGES[page] else 404)


@pytest.mark.parametrize("page", list(PAGES))
def test_anonymous_is_sent_to_the_right_login(client, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 302
    expected = "/inloggen/" if page == "/mijn/" else "/medewerker/inloggen/"
    assert response["Location"].startswith(expected)
