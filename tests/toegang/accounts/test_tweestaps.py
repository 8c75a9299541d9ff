"""Two-factor login for staff (issue 9): the password, then a code from an authenticator app.

These tests log in through the real pages (no force_login), so they see the gate as a member
of staff does. tests/conftest.py lets force_login count as verified for all other tests.
"""

import base64
import re
import subprocess
import sys

import pytest
import time_machine
from django.test import Client
from django_otp.oath import hotp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import (
    PASSWORD,
    BeheerderFactory,
    InwonerFactory,
    ManagerFactory,
    ProfessionalFactory,
    TeamFactory,
    TeamleiderFactory,
    UserFactory,
)
from tests.processes import ROOT, process_env
from tests.tweestaps import password_step, staff_login, totp_code, totp_device
from toegang.accounts.models import Rol

pytestmark = pytest.mark.django_db

# Every staff role; the privacy officer has no factory of its own.
STAFF = {
    "professional": lambda: ProfessionalFactory(teams=[TeamFactory()]),
    "teamleider": lambda: TeamleiderFactory(teams=[TeamFactory()]),
    "manager": ManagerFactory,
    "beheerder": BeheerderFactory,
    "privacy": lambda: UserFactory(rol=Rol.PRIVACY),
}

# Every URL prefix staff work under, with a role that may open the page once verified.
PREFIXES = [
    ("/werk/", "professional"),
    ("/werk/team/", "teamleider"),
    ("/dashboard/", "manager"),
    ("/beheer/", "beheerder"),
    ("/beheer/accounts/user/", "beheerder"),
    ("/privacy/toegangslog/", "privacy"),
    ("/diagnose/", "beheerder"),
    ("/berichten/", "professional"),
    ("/ingelogd/", "manager"),
    ("/account/", "privacy"),
    ("/mijn/", "professional"),
    ("/", "professional"),
]
# What those URLs answer once the code is given, where it is not the page itself.
NA_DE_CODE = {"/ingelogd/": (302, "/dashboard/"), "/mijn/": (404, "")}


def _secret_from_page(html: str) -> bytes:
    """The key as shown for typing it over (and for screen readers), back to bytes."""
    shown = re.search(r'<p class="sleutel" id="sleutel">([A-Z2-7 ]+)</p>', html)
    assert shown, "the key is shown as text"
    secret = shown[1].replace(" ", "")
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def _code_for(key: bytes, *, offset: int = 0) -> str:
    import time

    return f"{hotp(key, int(time.time()) // 30 + offset, 6):06d}"


@pytest.mark.parametrize("rol", list(STAFF))
def test_every_staff_role_needs_the_second_step(client, rol: str) -> None:
    user = STAFF[rol]()
    device = totp_device(user)
    response = password_step(client, user, PASSWORD)
    assert response["Location"].startswith("/medewerker/tweestaps/?next=")
    # Logged in with the password, but not verified: the landing page is not reachable.
    assert client.get("/ingelogd/")["Location"].startswith("/medewerker/tweestaps/")
    response = client.post(response["Location"], {"code": totp_code(device)})
    assert response.status_code == 302
    assert client.get("/ingelogd/").status_code == 302
    assert not client.get("/ingelogd/")["Location"].startswith("/medewerker/tweestaps/")


@pytest.mark.parametrize(("prefix", "rol"), PREFIXES)
def test_password_alone_reaches_only_the_two_factor_pages(prefix: str, rol: str) -> None:
    user = STAFF[rol]()
    client = Client()
    device = totp_device(user)
    password_step(client, user, PASSWORD)
    for method in (client.get, client.post):
        response = method(prefix)
        assert response.status_code == 302, (method, prefix)
        assert response["Location"].startswith("/medewerker/tweestaps/"), prefix
    # After the code the same URL opens, never the code page again: the landing page sends a
    # manager on to the dashboard, and Mijn toegang is not a professional's (a 404).
    client.post("/medewerker/tweestaps/", {"code": totp_code(device)})
    response = client.get(prefix)
    assert (response.status_code, response.get("Location", "")) == \
        NA_DE_CODE.get(prefix, (200, "")), prefix


def test_open_pages_before_the_second_step_are_the_code_page_logout_and_language(client) -> None:
    user = ProfessionalFactory()
    totp_device(user)
    password_step(client, user, PASSWORD)
    assert client.get("/medewerker/tweestaps/").status_code == 200
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/medewerker/tweestaps/"})
    assert response["Location"] == "/medewerker/tweestaps/"
    client.post("/uitloggen/")
    assert "_auth_user_id" not in client.session


def test_code_page_hides_the_menu_until_verified(client) -> None:
    user = ProfessionalFactory(teams=[TeamFactory()])
    totp_device(user)
    password_step(client, user, PASSWORD)
    html = client.get("/medewerker/tweestaps/").content.decode()
    assert "Werkvoorraad" not in html
    assert 'autocomplete="one-time-code"' in html


def test_residents_log_in_without_a_second_step(client) -> None:
    inwoner = InwonerFactory()
    response = client.post("/inloggen/", {"username": inwoner.username, "password": PASSWORD},
                           follow=True)
    assert response.redirect_chain[-1][0] == "/mijn/"
    assert client.get("/mijn/").status_code == 200
    assert client.get("/medewerker/tweestaps/").status_code == 404


def test_wrong_code_is_refused_with_a_dutch_message(client) -> None:
    user = ProfessionalFactory()
    device = totp_device(user)
    password_step(client, user, PASSWORD)
    right = totp_code(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client.post("/medewerker/tweestaps/", {"code": wrong})
    assert response.status_code == 400
    assert "Deze code klopt niet" in response.content.decode()
    assert client.get("/werk/")["Location"].startswith("/medewerker/tweestaps/")


def test_a_code_works_once(client) -> None:
    user = ProfessionalFactory(teams=[TeamFactory()])
    device = totp_device(user)
    with time_machine.travel(1_900_000_000, tick=False):
        code = totp_code(device)
        staff_login(client, user, PASSWORD)
        other = Client()
        password_step(other, user, PASSWORD)
        response = other.post("/medewerker/tweestaps/", {"code": code})
    assert response.status_code == 400


def test_next_is_kept_through_the_second_step_and_must_stay_on_this_site(client) -> None:
    user = TeamleiderFactory(teams=[TeamFactory()])
    device = totp_device(user)
    first = password_step(client, user, PASSWORD, next_url="/werk/team/")
    response = client.post(first["Location"], {"code": totp_code(device)})
    assert response["Location"] == "/werk/team/"
    client.post("/uitloggen/")
    password_step(client, user, PASSWORD)
    response = client.post("/medewerker/tweestaps/?next=https://evil.example/",
                           {"code": totp_code(device)})
    assert response["Location"] == "/ingelogd/"


# --- Setting up the app (enrolment) -------------------------------------------------------------


def test_first_login_sets_up_the_app_with_qr_code_and_typed_key(client) -> None:
    user = ProfessionalFactory(teams=[TeamFactory()])
    response = password_step(client, user, PASSWORD)
    response = client.get(response["Location"], follow=True)
    assert response.redirect_chain[-1][0].startswith("/medewerker/tweestaps/instellen/")
    html = response.content.decode()
    assert '<svg role="img" aria-label="QR-code' in html
    key = _secret_from_page(html)
    # Reloading shows the same key: a half-finished set-up is not thrown away.
    assert _secret_from_page(client.get(response.redirect_chain[-1][0]).content.decode()) == key
    device = TOTPDevice.objects.get(user=user)
    assert device.bin_key == key and not device.confirmed
    # The QR code carries the same key (otpauth:// link) as the text.
    assert base64.b32encode(key).decode().rstrip("=") in device.config_url

    response = client.post("/medewerker/tweestaps/instellen/", {"code": _code_for(key)})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tweestapsverificatie is ingesteld." in html
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", html)
    assert len(codes) == 10
    assert set(codes) == set(StaticToken.objects.filter(device__user=user)
                             .values_list("token", flat=True))
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/werk/").status_code == 200


def test_setting_up_refuses_a_wrong_code_and_keeps_the_key(client) -> None:
    user = ManagerFactory()
    password_step(client, user, PASSWORD)
    key = _secret_from_page(client.get("/medewerker/tweestaps/instellen/").content.decode())
    response = client.post("/medewerker/tweestaps/instellen/", {"code": "000000"
                           if _code_for(key) != "000000" else "111111"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Deze code klopt niet" in html
    assert _secret_from_page(html) == key
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    assert client.get("/dashboard/")["Location"].startswith("/medewerker/tweestaps/")


def test_a_set_up_app_cannot_be_replaced_with_only_the_password(client) -> None:
    user = ProfessionalFactory()
    device = totp_device(user)
    password_step(client, user, PASSWORD)
    response = client.get("/medewerker/tweestaps/instellen/")
    assert response["Location"].startswith("/medewerker/tweestaps/?")
    assert list(TOTPDevice.objects.filter(user=user)) == [device]


# --- Backup codes ---------------------------------------------------------------------------


def test_a_backup_code_works_once(client) -> None:
    from toegang.accounts.tweestaps import reservecodes_make

    user = ProfessionalFactory(teams=[TeamFactory()])
    totp_device(user)
    codes = reservecodes_make(user=user)
    password_step(client, user, PASSWORD)
    response = client.post("/medewerker/tweestaps/", {"code": codes[0].upper()}, follow=True)
    assert response.redirect_chain[-1][0] == "/werk/"
    assert "U heeft nog 9 reservecodes over." in response.content.decode()

    again = Client()
    password_step(again, user, PASSWORD)
    response = again.post("/medewerker/tweestaps/", {"code": codes[0]})
    assert response.status_code == 400
    assert again.get("/werk/")["Location"].startswith("/medewerker/tweestaps/")


def test_new_backup_codes_replace_the_old_ones(client) -> None:
    from toegang.accounts.tweestaps import reservecodes_make

    user = ProfessionalFactory(teams=[TeamFactory()])
    old = reservecodes_make(user=user)
    staff_login(client, user, PASSWORD)
    html = client.get("/account/").content.decode()
    assert "U heeft nog 10 reservecodes." in html
    response = client.post("/medewerker/tweestaps/reservecodes/")
    new = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    other = Client()
    with time_machine.travel(1_900_000_000, tick=False) as clock:
        password_step(other, user, PASSWORD)
        assert other.post("/medewerker/tweestaps/", {"code": old[1]}).status_code == 400
        # Right after a wrong code the codes wait a moment (django-otp's throttling).
        response = other.post("/medewerker/tweestaps/", {"code": new[1]})
        assert "Wacht een halve minuut" in response.content.decode()
        clock.shift(5)
        assert other.post("/medewerker/tweestaps/", {"code": new[1]}).status_code == 302


def test_backup_code_pages_are_not_cached(client) -> None:
    user = ProfessionalFactory()
    staff_login(client, user, PASSWORD)
    response = client.post("/medewerker/tweestaps/reservecodes/")
    assert "no-store" in response["Cache-Control"]
    client.post("/uitloggen/")
    password_step(client, user, PASSWORD)
    assert "no-store" in client.get("/medewerker/tweestaps/")["Cache-Control"]


# --- The functioneel beheerder resets a lost phone -------------------------------------------


def test_beheerder_resets_two_factor_in_the_admin(client) -> None:
    pro = ProfessionalFactory(teams=[TeamFactory()])
    pro_client = Client()
    staff_login(pro_client, pro, PASSWORD)
    assert pro_client.get("/werk/").status_code == 200

    client.force_login(BeheerderFactory())
    response = client.post("/beheer/accounts/user/", {
        "action": "tweestaps_opnieuw", "_selected_action": [pro.pk]}, follow=True)
    assert "stelt bij de volgende keer inloggen een nieuwe app in" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=pro).exists()
    # The person's open session ends at once; the next login sets up a new app.
    assert pro_client.get("/werk/")["Location"].startswith("/medewerker/inloggen/")
    response = password_step(pro_client, pro, PASSWORD)
    assert pro_client.get(response["Location"], follow=True).redirect_chain[-1][0] \
        .startswith("/medewerker/tweestaps/instellen/")
    from django.contrib.admin.models import LogEntry

    assert LogEntry.objects.filter(object_id=str(pro.pk),
                                   change_message__contains="Tweestapsverificatie").exists()


def test_admin_shows_who_has_set_up_two_factor(client) -> None:
    with_app, without = ProfessionalFactory(last_name="Metapp"), ProfessionalFactory()
    totp_device(with_app)
    client.force_login(BeheerderFactory())
    html = client.get("/beheer/accounts/user/").content.decode()

    def row(user) -> str:  # type: ignore[no-untyped-def]
        found = re.search(rf"<tr>(?:(?!</tr>).)*>{user.username}</a>(?:(?!</tr>).)*</tr>", html,
                          re.S)
        assert found, user.username
        return found[0]

    # The last column is two-factor; is_active (True for both) comes before it.
    assert row(with_app).removesuffix("</tr>").rsplit("<td", 1)[1].count('alt="True"') == 1
    assert row(without).removesuffix("</tr>").rsplit("<td", 1)[1].count('alt="False"') == 1


def test_the_admin_login_page_sends_staff_to_the_two_step_login(client) -> None:
    response = client.get("/beheer/login/?next=/beheer/organisatie/wijk/")
    assert response["Location"] == "/medewerker/inloggen/?next=%2Fbeheer%2Forganisatie%2Fwijk%2F"
    user = BeheerderFactory()
    response = client.post("/beheer/login/", {"username": user.username, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code == 302


# --- Demo hint ----------------------------------------------------------------------------------


def test_demo_hint_shows_the_current_code_only_when_switched_on(client, settings) -> None:
    user = ProfessionalFactory(teams=[TeamFactory()])
    device = totp_device(user)
    with time_machine.travel(1_900_000_000, tick=False):
        password_step(client, user, PASSWORD)
        settings.TOEGANG_DEMO_2FA_HINT = False
        assert "Alleen in de demo" not in client.get("/medewerker/tweestaps/").content.decode()
        settings.TOEGANG_DEMO_2FA_HINT = True
        html = client.get("/medewerker/tweestaps/").content.decode()
        shown = re.search(r'<span class="demo-code">(\d{6})</span>', html)
        assert "Alleen in de demo" in html and shown
        assert shown[1] == totp_code(device)
        assert client.post("/medewerker/tweestaps/", {"code": shown[1]}).status_code == 302


def test_demo_hint_is_refused_with_the_production_settings() -> None:
    from tests.toegang.test_settings import PROD, _manage

    result = _manage("check", **PROD, TOEGANG_DEMO_2FA_HINT="true")
    assert result.returncode != 0
    assert "toegang.E002" in result.stderr
    assert _manage("check", **PROD).returncode == 0


def test_demo_hint_is_on_in_the_dev_settings(tmp_path) -> None:
    env = process_env(DJANGO_SETTINGS_MODULE="toegang.settings.dev",
                      TOEGANG_VAR_DIR=str(tmp_path))
    env.pop("TOEGANG_DEMO_2FA_HINT", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from django.conf import settings as s; print(s.TOEGANG_DEMO_2FA_HINT)"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "True", result.stderr
