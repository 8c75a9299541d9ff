"""What seed_demo builds: the fictional Dijkstad with every role, wijk and door in. The demo is
seeded once for this module (gedeeld_per_module); test_seed_demo.py seeds it itself where
the seeding is what is tested (twice, printed, on a fixed day)."""

import base64
import datetime as dt
import time

import pytest
from django.core.management import call_command
from django_otp.oath import hotp

from intake.models import Intake
from tests.conftest import gedeeld_per_module
from toegang.accounts.models import Rol, User
from toegang.demo.organisatie import DEMO_LOGINS, DEMO_PASSWORD, DEMO_TOTP_SECRETS
from toegang.organisatie.models import RoutingRegel, Team, Wijk, WijkPostcode
from toegang.organisatie.services import intake_route


@pytest.fixture(scope="module")
def demo_eenmaal(request, django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    yield from gedeeld_per_module(request, django_db_blocker,
                                  lambda: call_command("seed_demo", "--quiet-logins"))


@pytest.fixture(autouse=True)
def demo(demo_eenmaal, db) -> None:  # type: ignore[no-untyped-def]
    """Every test here reads the seeded demo; what a test writes is rolled back."""


def test_seed_creates_a_whole_municipality() -> None:
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


def test_every_demo_login_works(client) -> None:
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


def test_every_wijk_routes_to_its_own_teams() -> None:
    for wijk in Wijk.objects.prefetch_related("postcodes"):
        pc4 = wijk.postcodes.all()[0].pc4
        assert intake_route(postcode=f"{pc4}AB").wijk == wijk
        assert intake_route(postcode=f"{pc4}AB", over_kind=True).team.soort == "jeugdteam"
        assert intake_route(postcode=f"{pc4}AB",
                            levensgebieden=["werk_opleiding"]).team.soort == "werk_en_inkomen"


def test_the_demo_has_every_door_in() -> None:
    """A referrer with its own login and referrals, a phone call under the demo resident's
    BSN waiting to be claimed and linked, and her household with two members' requests."""
    from casussen.huishouden.models import GekoppeldeAanvraag, HuishoudenLid
    from intake.matching import kandidaten_voor
    from intake.selectors import intakes_to_claim
    from toegang.demo.deuren import DEMO_VERWIJZER, DEMO_VERWIJZER_TOTP

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
