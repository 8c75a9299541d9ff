"""seed_demo builds the fictional Dijkstad, the same every time, and can run twice."""

import base64
import re
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django_otp.oath import hotp

from intake.models import Intake
from toegang.accounts.models import Rol, User
from toegang.core.demo.organisatie import DEMO_LOGINS, DEMO_PASSWORD, DEMO_TOTP_SECRETS
from toegang.organisatie.models import RoutingRegel, Team, Wijk, WijkPostcode
from toegang.organisatie.services import intake_route

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple]:
    return list(User.objects.order_by("username").values_list("username", "first_name",
                                                               "last_name", "rol", "functie"))


def _intakes() -> list[tuple]:
    return list(Intake.objects.order_by("referentie").values_list(
        "referentie", "voornaam", "vraag", "team__naam", "urgentie"))


def test_seed_creates_a_whole_municipality() -> None:
    call_command("seed_demo", "--quiet-logins")
    assert Wijk.objects.count() == 6
    assert WijkPostcode.objects.count() >= 20
    kinds = set(Team.objects.values_list("soort", flat=True))
    assert kinds == {"wijkteam", "jeugdteam", "werk_en_inkomen"}
    assert 35 <= User.objects.filter(rol=Rol.PROFESSIONAL).count() <= 50
    assert User.objects.filter(rol=Rol.TEAMLEIDER).exists()
    assert User.objects.filter(rol=Rol.MANAGER).exists()
    assert User.objects.filter(rol=Rol.BEHEERDER).exists()
    assert User.objects.filter(rol=Rol.INWONER).count() >= 5
    assert RoutingRegel.objects.exists()
    # Every team has members and a teamleider; group membership mirrors the team.
    for team in Team.objects.all():
        assert team.group.user_set.filter(rol=Rol.TEAMLEIDER).exists(), team


@pytest.mark.django_db(transaction=True)
def test_seed_is_idempotent_and_deterministic() -> None:
    call_command("seed_demo", "--quiet-logins")
    first = _snapshot()
    intakes = _intakes()
    call_command("seed_demo", "--quiet-logins")
    assert _snapshot() == first
    assert _intakes() == intakes
    call_command("flush", interactive=False, verbosity=0)
    call_command("seed_demo", "--quiet-logins")
    assert _snapshot() == first
    assert _intakes() == intakes


def test_every_demo_login_works(client) -> None:
    call_command("seed_demo", "--quiet-logins")
    for _label, username, rol, *_rest in DEMO_LOGINS:
        url = "/inloggen/" if rol == Rol.INWONER else "/medewerker/inloggen/"
        response = client.post(url, {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        if rol != Rol.INWONER:
            # The second step with the documented key (README), as an authenticator app would.
            secret = DEMO_TOTP_SECRETS[username]
            key = base64.b32decode(secret + "=" * (-len(secret) % 8))
            code = f"{hotp(key, int(time.time()) // 30, 6):06d}"
            response = client.post(response["Location"], {"code": code})
            assert response.status_code == 302, username
        assert client.get("/ingelogd/")["Location"] != "/medewerker/tweestaps/", username
        client.logout()


def test_every_demo_staff_key_is_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    for username, secret in DEMO_TOTP_SECRETS.items():
        assert re.search(rf"`{username}`.*`{secret}`", readme), username
    staff = {username for _l, username, rol, *_r in DEMO_LOGINS if rol != Rol.INWONER}
    assert staff == set(DEMO_TOTP_SECRETS)


def test_every_wijk_routes_to_its_own_teams() -> None:
    call_command("seed_demo", "--quiet-logins")
    for wijk in Wijk.objects.prefetch_related("postcodes"):
        pc4 = wijk.postcodes.all()[0].pc4
        assert intake_route(postcode=f"{pc4}AB").wijk == wijk
        assert intake_route(postcode=f"{pc4}AB", over_kind=True).team.soort == "jeugdteam"
        assert intake_route(postcode=f"{pc4}AB",
                            levensgebieden=["werk_opleiding"]).team.soort == "werk_en_inkomen"


def test_prints_the_demo_logins(capsys) -> None:
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out
    for _label, username, *_rest in DEMO_LOGINS:
        assert username in out
    for secret in DEMO_TOTP_SECRETS.values():
        assert secret in out


def test_demo_staff_have_clocks_and_messages(client) -> None:  # type: ignore[no-untyped-def]
    from regie.selectors import GROEP_LABEL
    from toegang.berichten.models import Notificatie

    call_command("seed_demo", "--quiet-logins")
    client.force_login(User.objects.get(username="demo-professional"))
    tellingen = dict(client.get("/werk/termijnen/").context["tellingen"])
    assert tellingen["Te laat"] >= 1 and tellingen["Vandaag"] >= 1
    assert tellingen["Later"] + tellingen["De komende 7 dagen"] >= 1
    assert tellingen["Opgeschort"] >= 1
    assert len(tellingen) == len(GROEP_LABEL)
    assert Notificatie.objects.filter(ontvanger__username="demo-professional",
                                      soort__startswith="termijn_").exists()
    leider = User.objects.get(username="demo-teamleider")
    assert Notificatie.objects.filter(ontvanger=leider, soort="termijn_escalatie").exists()
    client.force_login(leider)
    assert client.get("/werk/termijnen/team/").context["escalaties_totaal"] >= 1
    # The demo resident reads an extended decision in plain words.
    client.force_login(User.objects.get(username="demo.inwoner@example.nl"))
    intake = Intake.objects.get(inwoner__username="demo.inwoner@example.nl")
    html = client.get(f"/mijn/aanvragen/{intake.pk}/").content.decode()
    assert "Dit duurt langer dan eerst gezegd" in html
