"""seed_demo builds the fictional Dijkstad, the same every time, and can run twice."""

import base64
import datetime as dt
import re
import time
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django_otp.oath import hotp

from intake.models import Intake
from toegang.accounts.models import Rol, User
from toegang.demo.organisatie import DEMO_LOGINS, DEMO_PASSWORD, DEMO_TOTP_SECRETS
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
    assert WijkPostcode.objects.count() == 24
    kinds = set(Team.objects.values_list("soort", flat=True))
    assert kinds == {"wijkteam", "jeugdteam", "werk_en_inkomen"}
    assert User.objects.filter(rol=Rol.PROFESSIONAL).count() == 42
    assert User.objects.filter(rol=Rol.TEAMLEIDER).exists()
    assert User.objects.filter(rol=Rol.MANAGER).exists()
    assert User.objects.filter(rol=Rol.BEHEERDER).exists()
    assert User.objects.filter(rol=Rol.INWONER).count() == 6
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


@time_machine.travel(dt.datetime(2026, 11, 23, 10, tzinfo=dt.timezone(dt.timedelta(hours=1))),
                     tick=False)  # a Monday: the demo's clocks are placed around "today"
def test_demo_staff_have_clocks_and_messages(client) -> None:  # type: ignore[no-untyped-def]
    from toegang.berichten.models import Notificatie

    call_command("seed_demo", "--quiet-logins")
    client.force_login(User.objects.get(username="demo-professional"))
    groepen = {g["label"]: [(r["termijn"].intake.voornaam, r["termijn"].soort) for r in g["rijen"]]
               for g in client.get("/werk/termijnen/").context["groepen"]}
    # Henk's beschikking overdue, Wim's call-back today, Wim's first contact and Ria's
    # onderzoek this week, Kevin's onderzoek later, Aylin's beschikking suspended; and the
    # demo resident Sanne's clocks (demo-professional is her regiehouder, so that the
    # phone call and her household can be tried): a call-back in two working days, the
    # Participatiewet decision (extended) and its advance.
    assert groepen == {
        "Te laat": [("Henk", "wmo_beschikking")],
        "Vandaag": [("Wim", "terugbellen")],
        "De komende 7 dagen": [("Sanne", "terugbellen"), ("Wim", "eerste_contact"),
                               ("Ria", "wmo_onderzoek")],
        "Later": [("Sanne", "pw_voorschot"), ("Kevin", "wmo_onderzoek"),
                  ("Sanne", "pw_besluit")],
        "Opgeschort": [("Aylin", "wmo_beschikking")],
    }
    # The scan ran: the professional heard of today's call-back and the late beschikking,
    # the teamleider of its escalation.
    assert sorted(Notificatie.objects.filter(ontvanger__username="demo-professional",
                                             soort__startswith="termijn_")
                  .values_list("soort", flat=True)) == ["termijn_te_laat", "termijn_vervaldag"]
    leider = User.objects.get(username="demo-teamleider")
    assert list(Notificatie.objects.filter(ontvanger=leider, soort="termijn_escalatie")
                .values_list("onderwerp", flat=True)) == [
        "Escalatie: Wmo-beschikking (2 weken na de aanvraag) bij "
        f"{Intake.objects.get(voornaam='Henk').referentie} is te laat (was 16-11-2026)"]
    client.force_login(leider)
    assert client.get("/werk/termijnen/team/").context["escalaties_totaal"] == 1
    # The demo resident reads an extended decision in plain words.
    client.force_login(User.objects.get(username="demo.inwoner@example.nl"))
    intake = Intake.objects.get(inwoner__username="demo.inwoner@example.nl")
    html = client.get(f"/mijn/aanvragen/{intake.pk}/").content.decode()
    assert "Dit duurt langer dan eerst gezegd" in html


def test_the_demo_has_every_door_in() -> None:
    """A referrer with its own login and referrals, a phone call under the demo resident's
    BSN waiting to be claimed and linked, and her household with two members' requests."""
    from casussen.huishouden.models import GekoppeldeAanvraag, HuishoudenLid
    from intake.matching import kandidaten_voor
    from intake.selectors import intakes_to_claim
    from toegang.demo.deuren import DEMO_VERWIJZER, DEMO_VERWIJZER_TOTP

    call_command("seed_demo", "--quiet-logins")
    verwijzer = User.objects.get(username=DEMO_VERWIJZER)
    assert verwijzer.rol == Rol.VERWIJZER and verwijzer.check_password(DEMO_PASSWORD)
    assert verwijzer.totpdevice_set.get().bin_key == base64.b32decode(DEMO_VERWIJZER_TOTP)
    verwezen = Intake.objects.filter(verwijzing__verwijzer__user=verwijzer).order_by("pk")
    assert [i.status for i in verwezen] == ["ingediend", "opgepakt"]
    sanne = User.objects.get(username="demo.inwoner@example.nl")
    eerste = Intake.objects.filter(inwoner=sanne).get()
    assert (eerste.team.naam, eerste.casus.regiehouders.actief().get().user.username) == (
        "Wijkteam Centrum", "demo-professional")
    [telefoon] = intakes_to_claim(user=sanne)
    assert telefoon.kanaal == "telefoon" and telefoon.team == eerste.team
    assert [(t.wet, t.wijze) for t in telefoon.toestemmingen.all()] == [
        ("PARTICIPATIEWET", "telefonisch")]
    assert [k.intake_id for k in kandidaten_voor(intake=telefoon)] == [eerste.pk]
    leden = {(lid.naam, lid.rol, lid.intake_id is not None) for lid in
             HuishoudenLid.objects.filter(huishouden__casus=eerste.casus)}
    assert leden == {("Sanne de Vries", "aanvrager", True), ("Mark de Vries", "partner", True),
                     ("Noor", "kind", False)}
    assert GekoppeldeAanvraag.objects.get().casus == eerste.casus
    # Appointments: a home visit held last week, a keukentafelgesprek next week waiting for
    # Sanne's answer (she has the invitation in her inbox).
    afspraken = [(a.soort, a.status, a.start > dt.datetime.now(dt.UTC))
                 for a in eerste.casus.afspraken.order_by("start")]
    assert afspraken == [("huisbezoek", "gehouden", False),
                         ("keukentafelgesprek", "gepland", True)]
    assert sanne.notificaties.filter(soort="afspraak").count() == 2
