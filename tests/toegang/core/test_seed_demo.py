"""seed_demo builds the fictional Dijkstad, the same every time, and can run twice."""

import datetime as dt
import re
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command

from intake.models import Intake
from toegang.accounts.models import Rol, User
from toegang.demo.organisatie import DEMO_LOGINS, DEMO_PASSWORD, DEMO_TOTP_SECRETS

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple]:
    return list(User.objects.order_by("username").values_list("username", "first_name",
                                                               "last_name", "rol", "functie"))


def _intakes() -> list[tuple]:
    return list(Intake.objects.order_by("referentie").values_list(
        "referentie", "voornaam", "vraag", "team__naam", "urgentie"))


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


def test_every_demo_staff_key_is_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()
    for username, secret in DEMO_TOTP_SECRETS.items():
        assert re.search(rf"`{username}`.*`{secret}`", readme), username
    staff = {username for _l, username, rol, *_r in DEMO_LOGINS if rol != Rol.INWONER}
    assert staff == set(DEMO_TOTP_SECRETS)


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
