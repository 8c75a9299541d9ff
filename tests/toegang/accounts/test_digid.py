"""Residents log in with DigiD: here the library's test IdP (mock), end to end through the client.

login page → /digid/login/ → test IdP (choice page) → BSN form → /digid/acs/ → logged in → /mijn/
"""

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.checks import Error
from django.test import override_settings

from tests.factories import InwonerFactory, ProfessionalFactory
from tests.toegang.test_settings import PROD, _manage
from toegang.accounts.checks import digid_mock_not_in_production
from toegang.accounts.models import Rol, User
from toegang.core.bsn import bsn_decrypt, bsn_hash

pytestmark = pytest.mark.django_db

DEMO_BSN = "111222333"
OTHER_BSN = "999993653"  # elfproef-valid, fictional


def _digid_to_bsn_form(client, next_url: str = "/ingelogd/"):  # type: ignore[no-untyped-def]
    """Walk from our DigiD button to the test IdP's BSN form; return that response."""
    start = client.get(f"/digid/login/?next={next_url}")
    assert start.status_code == 302
    keuze = client.get(start["Location"])
    assert keuze.status_code == 200
    assert "Test-DigiD: alleen voor de demo" in keuze.content.decode()
    form = client.get(keuze.context["password_login_url"])
    assert form.status_code == 200
    return form


def _digid_login(client, bsn: str, next_url: str = "/ingelogd/"):  # type: ignore[no-untyped-def]
    form = _digid_to_bsn_form(client, next_url)
    answer = client.post(form.context["action_url"], {"auth_bsn": bsn})
    assert answer.status_code == 302, answer.content.decode()[:2000]
    return client.get(answer["Location"], follow=True)


def _logged_in(client) -> User | None:  # type: ignore[no-untyped-def]
    user_id = client.session.get(SESSION_KEY)
    return User.objects.get(pk=user_id) if user_id else None


def test_login_page_offers_digid_above_the_password_form(client) -> None:
    html = client.get("/inloggen/").content.decode()
    assert 'href="/digid/login/?next=/ingelogd/"' in html
    assert html.index("Inloggen met DigiD") < html.index('name="password"')
    assert 'name="username"' in html  # e-mail and password stay for residents without DigiD


def test_new_bsn_gets_a_new_resident_account_and_lands_on_mijn(client) -> None:
    response = _digid_login(client, OTHER_BSN)
    assert response.redirect_chain[-1][0] == "/mijn/"
    assert response.status_code == 200
    user = _logged_in(client)
    assert user is not None and user.rol == Rol.INWONER
    assert user.username.startswith("digid-")
    assert not user.has_usable_password()
    # Never in plain text: only the Fernet token and the keyed hash are stored.
    assert OTHER_BSN not in user.bsn_versleuteld
    assert bsn_decrypt(user.bsn_versleuteld) == OTHER_BSN
    assert user.bsn_hash == bsn_hash(OTHER_BSN) != OTHER_BSN
    assert "Ingelogd met DigiD" in response.content.decode()


def test_known_bsn_logs_in_to_the_existing_account(client) -> None:
    sanne = InwonerFactory(first_name="Sanne", bsn=DEMO_BSN)
    count = User.objects.count()
    response = _digid_login(client, DEMO_BSN)
    assert response.redirect_chain[-1][0] == "/mijn/"
    assert _logged_in(client) == sanne
    assert User.objects.count() == count


def test_bsn_that_fails_the_elfproef_shows_an_error_and_logs_nobody_in(client) -> None:
    form = _digid_to_bsn_form(client)
    response = client.post(form.context["action_url"], {"auth_bsn": "123456789"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Er is iets niet goed ingevuld" in html  # the error summary
    assert 'href="#id_auth_bsn"' in html
    assert "Ongeldig BSN" in html
    assert 'value="123456789"' in html  # what was typed stays
    assert _logged_in(client) is None
    assert not User.objects.filter(username__startswith="digid-").exists()


def test_a_staff_bsn_never_logs_in_staff(client) -> None:
    pro = ProfessionalFactory()
    # Even if a member of staff somehow carried a BSN, DigiD does not find them.
    User.objects.filter(pk=pro.pk).update(bsn_hash=bsn_hash(OTHER_BSN))
    with pytest.raises(User.DoesNotExist):
        User.digid_objects.get_by_bsn(OTHER_BSN)
    response = _digid_login(client, OTHER_BSN)
    user = _logged_in(client)
    assert user is not None and user != pro
    assert user.rol == Rol.INWONER
    assert response.redirect_chain[-1][0] == "/mijn/"


def test_acs_without_a_numeric_bsn_logs_nobody_in(client) -> None:
    response = client.get("/digid/acs/?next=/ingelogd/&bsn=12345678x", follow=True)
    assert _logged_in(client) is None
    assert response.redirect_chain[-1][0].endswith("/inloggen/")
    assert "communicatie met DigiD" in response.content.decode()


def test_first_login_twice_makes_one_account() -> None:
    first = User.digid_objects.digid_create(OTHER_BSN)
    second = User.digid_objects.digid_create(OTHER_BSN)
    assert first.pk == second.pk
    assert User.objects.filter(bsn_hash=bsn_hash(OTHER_BSN)).count() == 1


def test_digid_login_goes_back_to_next(client) -> None:
    InwonerFactory(bsn=DEMO_BSN)
    response = _digid_login(client, DEMO_BSN, next_url="/mijn/toestemmingen/")
    assert response.redirect_chain[-1][0] == "/mijn/toestemmingen/"


# --- The test DigiD must never run in production ------------------------------------------------


@pytest.mark.parametrize(("mock", "debug", "module", "fails"), [
    (True, False, "toegang.settings.production", True),
    (False, False, "toegang.settings.production", False),
    (True, True, "toegang.settings.production", False),
    (True, False, "toegang.settings.dev", False),
    (True, False, "toegang.settings.test", False),
])
def test_check_refuses_the_mock_in_production(mock, debug, module, fails) -> None:  # type: ignore[no-untyped-def]
    with override_settings(DIGID_MOCK=mock, DEBUG=debug, SETTINGS_MODULE=module):
        errors = digid_mock_not_in_production()
    # An Error (not a warning), so that `check --deploy` fails.
    assert [(type(e), e.id) for e in errors] == ([(Error, "toegang.E001")] if fails else [])


def test_check_deploy_fails_with_the_mock_in_production() -> None:
    result = _manage("check", "--deploy", **PROD, DIGID_MOCK="true")
    assert result.returncode != 0
    assert "toegang.E001" in result.stderr


def test_demo_resident_logs_in_with_the_test_bsn(client) -> None:
    from django.core.management import call_command

    call_command("seed_demo", "--quiet-logins", "--intakes", "0")
    sanne = User.objects.get(username="demo.inwoner@example.nl")
    assert sanne.bsn_hash == bsn_hash(DEMO_BSN)
    response = _digid_login(client, DEMO_BSN)
    assert _logged_in(client) == sanne
    assert response.redirect_chain[-1][0] == "/mijn/"
