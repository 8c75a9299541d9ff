"""Lockout after repeated failures (django-axes): per user name and address, for wrong
passwords and wrong codes alike, with one message that does not tell whether the account
exists; the functioneel beheerder unlocks."""

import re
import time

import pytest
import time_machine
from axes.models import AccessAttempt
from django.test import Client

from tests.factories import PASSWORD, BeheerderFactory, InwonerFactory, ProfessionalFactory
from tests.tweestaps import password_step, totp_code, totp_device

pytestmark = pytest.mark.django_db

LIMIT = 5
LOCKED = "U kunt even niet inloggen"


@pytest.fixture(autouse=True)
def _limit(settings) -> None:
    settings.AXES_FAILURE_LIMIT = LIMIT


def _wrong_password(client: Client, username: str, *, times: int, page: str =
                    "/medewerker/inloggen/", ip: str = "10.0.0.1"):  # type: ignore[no-untyped-def]
    response = None
    for _ in range(times):
        response = client.post(page, {"username": username, "password": "Verkeerd-wachtwoord-1"},
                               REMOTE_ADDR=ip)
    return response


def test_five_wrong_passwords_lock_the_login_with_a_dutch_message(client) -> None:
    pro = ProfessionalFactory()
    response = _wrong_password(client, pro.username, times=LIMIT - 1)
    assert response.status_code == 200 and "kennen we niet" in response.content.decode()
    response = _wrong_password(client, pro.username, times=1)
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED in html and "30 minuten" in html
    # Now even the right password does not get in from this address.
    response = client.post("/medewerker/inloggen/",
                           {"username": pro.username, "password": PASSWORD},
                           REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_page_is_the_same_for_an_unknown_user_name(client) -> None:
    known = _wrong_password(client, ProfessionalFactory().username, times=LIMIT)
    unknown = _wrong_password(client, "bestaat-niet", times=LIMIT)
    assert unknown.status_code == known.status_code == 429

    def page(response) -> str:  # type: ignore[no-untyped-def]
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())

    assert page(unknown) == page(known)


def test_lockout_is_per_user_name_and_address(client) -> None:
    pro = ProfessionalFactory()
    _wrong_password(client, pro.username, times=LIMIT, ip="10.0.0.1")
    # The same person from another address, and another account from the first address.
    elders = Client()
    assert password_step(elders, pro, PASSWORD).status_code == 302  # REMOTE_ADDR 127.0.0.1
    collega = ProfessionalFactory()
    response = Client().post("/medewerker/inloggen/",
                             {"username": collega.username, "password": PASSWORD},
                             REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 302


def test_user_name_and_e_mail_address_count_together(client) -> None:
    pro = ProfessionalFactory(email="Fatima@Dijkstad.example.nl")
    _wrong_password(client, pro.username.upper(), times=2)
    _wrong_password(client, "fatima@dijkstad.example.nl", times=2)
    response = _wrong_password(client, pro.username, times=1)
    assert response.status_code == 429


def test_wrong_codes_count_and_lock_out_the_half_finished_login(client) -> None:
    pro = ProfessionalFactory()
    device = totp_device(pro)
    password_step(client, pro, PASSWORD)
    right = totp_code(device)
    wrong = f"{(int(right) + 500_000) % 1_000_000:06d}"
    with time_machine.travel(time.time(), tick=False) as clock:
        for _ in range(LIMIT - 1):
            response = client.post("/medewerker/tweestaps/", {"code": wrong})
            assert response.status_code == 400
            clock.shift(60)  # past django-otp's own short wait
        response = client.post("/medewerker/tweestaps/", {"code": wrong})
        assert response.status_code == 429
        assert LOCKED in response.content.decode()
        # The password step is over too: the session is gone and the password is refused.
        assert "_auth_user_id" not in client.session
        assert password_step(client, pro, PASSWORD).status_code == 429


def test_a_new_password_login_does_not_reset_the_count_of_wrong_codes(client) -> None:
    pro = ProfessionalFactory()
    device = totp_device(pro)
    right = totp_code(device)
    wrong = f"{(int(right) + 500_000) % 1_000_000:06d}"
    with time_machine.travel(time.time(), tick=False) as clock:
        for _ in range(LIMIT - 1):
            client = Client()
            password_step(client, pro, PASSWORD)
            assert client.post("/medewerker/tweestaps/", {"code": wrong}).status_code == 400
            clock.shift(60)
        assert password_step(Client(), pro, PASSWORD).status_code == 302
        client = Client()
        password_step(client, pro, PASSWORD)
        assert client.post("/medewerker/tweestaps/", {"code": wrong}).status_code == 429


def test_a_complete_login_clears_earlier_failures(client) -> None:
    pro = ProfessionalFactory()
    device = totp_device(pro)
    _wrong_password(client, pro.username, times=LIMIT - 1, ip="127.0.0.1")
    password_step(client, pro, PASSWORD)
    client.post("/medewerker/tweestaps/", {"code": totp_code(device)})
    assert not AccessAttempt.objects.exists()
    client.post("/uitloggen/")
    response = _wrong_password(client, pro.username, times=LIMIT - 1, ip="127.0.0.1")
    assert response.status_code == 200


def test_the_lock_ends_after_the_cool_off_time(client) -> None:
    pro = ProfessionalFactory()
    _wrong_password(client, pro.username, times=LIMIT, ip="127.0.0.1")
    assert password_step(client, pro, PASSWORD).status_code == 429
    with time_machine.travel(time.time() + 31 * 60):
        assert password_step(client, pro, PASSWORD).status_code == 302


def test_beheerder_unlocks_an_account_in_the_admin(client) -> None:
    pro = ProfessionalFactory()
    locked = Client()
    _wrong_password(locked, pro.username, times=LIMIT, ip="127.0.0.1")
    assert password_step(locked, pro, PASSWORD).status_code == 429

    client.force_login(BeheerderFactory())
    response = client.post("/beheer/accounts/user/", {
        "action": "ontgrendelen", "_selected_action": [pro.pk]}, follow=True)
    assert "1 account ontgrendeld." in response.content.decode()
    assert password_step(locked, pro, PASSWORD).status_code == 302


def test_beheerder_sees_and_removes_lockouts_in_the_admin(client) -> None:
    pro = ProfessionalFactory()
    _wrong_password(Client(), pro.username, times=LIMIT, ip="127.0.0.1")
    attempt = AccessAttempt.objects.get()
    client.force_login(BeheerderFactory())
    assert pro.username in client.get("/beheer/axes/accessattempt/").content.decode()
    response = client.post(f"/beheer/axes/accessattempt/{attempt.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert password_step(Client(), pro, PASSWORD).status_code == 302


def test_residents_are_locked_out_too(client) -> None:
    inwoner = InwonerFactory()
    response = _wrong_password(client, inwoner.username, times=LIMIT, page="/inloggen/",
                               ip="127.0.0.1")
    assert response.status_code == 429
    response = client.post("/inloggen/", {"username": inwoner.username, "password": PASSWORD})
    assert response.status_code == 429
