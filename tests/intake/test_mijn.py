"""Mijn toegang: status in plain words, the contact person, what happened and what comes."""

import datetime as dt

import pytest
import time_machine

from casussen.services import casus_open
from intake.services import toestemming_give, toestemming_withdraw
from regie.models import Termijn, TermijnSoort
from tests.factories import ToestemmingKeuze, make_intake


def test_status_before_and_after_pick_up(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = make_intake(inwoner=stad.inwoner)
    client.force_login(stad.inwoner)
    html = client.get(f"/mijn/aanvragen/{intake.pk}/").content.decode()
    assert "Wijkteam Centrum leest hem en neemt contact met u op" in html
    assert "neemt contact met u op." in html  # the first-contact date in "Wat komt er?"
    stad.pro.functie = "wijkcoach"
    stad.pro.save()
    casus_open(user=stad.pro, intake=intake)
    html = client.get(f"/mijn/aanvragen/{intake.pk}/").content.decode()
    assert stad.pro.get_full_name() in html and "vaste contactpersoon" in html
    assert "wijkcoach" in html
    assert "Uw aanvraag is opgepakt" in html


def test_timeline_shows_consent_changes_in_plain_words(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = make_intake(inwoner=stad.inwoner,
                         toestemmingen=[ToestemmingKeuze(wet="JEUGDWET", akkoord=True)])
    toestemming_withdraw(toestemming=intake.toestemmingen.get(), user=stad.inwoner)
    client.force_login(stad.inwoner)
    html = client.get(f"/mijn/aanvragen/{intake.pk}/").content.decode()
    assert "U gaf toestemming: Jeugdwet mag uw aanvraag lezen." in html
    assert "U trok uw toestemming voor Jeugdwet in." in html


@time_machine.travel("2026-11-23 09:00 +01:00", tick=False)
def test_call_back_request_creates_a_promise(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = make_intake(inwoner=stad.inwoner)
    client.force_login(stad.inwoner)
    response = client.post(f"/mijn/aanvragen/{intake.pk}/terugbellen/",
                           {"toelichting": "Na 14.00 uur graag"})
    assert response.status_code == 302
    termijn = Termijn.objects.get(intake=intake, soort=TermijnSoort.TERUGBELLEN)
    assert termijn.door_inwoner and termijn.toelichting == "Na 14.00 uur graag"
    assert termijn.deadline.date() == dt.date(2026, 11, 23)  # asked on a working morning
    client.post(f"/mijn/aanvragen/{intake.pk}/terugbellen/", {"toelichting": "nog eens"})
    assert Termijn.objects.filter(intake=intake, soort=TermijnSoort.TERUGBELLEN).count() == 1
    html = client.get(f"/mijn/aanvragen/{intake.pk}/").content.decode()
    assert "We bellen u terug." in html


@time_machine.travel("2026-12-24 15:00 +01:00", tick=False)
def test_call_back_asked_in_the_afternoon_before_christmas(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = make_intake(inwoner=stad.inwoner)
    client.force_login(stad.inwoner)
    client.post(f"/mijn/aanvragen/{intake.pk}/terugbellen/", {"toelichting": ""})
    termijn = Termijn.objects.get(intake=intake, soort=TermijnSoort.TERUGBELLEN)
    assert termijn.deadline.date() == dt.date(2026, 12, 28)


def test_call_back_allowed_and_denied(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = make_intake(inwoner=stad.inwoner)
    for user, status in [(stad.andere_inwoner, 404), (stad.pro, 404), (stad.inwoner, 200)]:
        client.force_login(user)
        assert client.get(f"/mijn/aanvragen/{intake.pk}/terugbellen/").status_code == status


def test_give_consent_again_after_withdrawal(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = make_intake(inwoner=stad.inwoner)
    consent = toestemming_give(intake=intake, wet="JEUGDWET", user=stad.inwoner)
    toestemming_withdraw(toestemming=consent, user=stad.inwoner)
    client.force_login(stad.inwoner)
    page = client.get("/mijn/toestemmingen/").content.decode()
    assert f"/mijn/aanvragen/{intake.pk}/toestemming/JEUGDWET/" in page
    form = client.get(f"/mijn/aanvragen/{intake.pk}/toestemming/JEUGDWET/")
    assert "uw verhaal niet opnieuw hoeft te vertellen" in form.content.decode()
    assert client.post(f"/mijn/aanvragen/{intake.pk}/toestemming/JEUGDWET/",
                       {}).status_code == 400
    response = client.post(f"/mijn/aanvragen/{intake.pk}/toestemming/JEUGDWET/",
                           {"akkoord": "on"})
    assert response.status_code == 302
    assert intake.toestemmingen.filter(wet="JEUGDWET", status="gegeven").exists()
    # The own wet of the front-door team needs no consent: no page for it.
    assert client.get(f"/mijn/aanvragen/{intake.pk}/toestemming/WMO/").status_code == 404


@pytest.mark.parametrize("who", ["andere_inwoner", "pro"])
def test_give_consent_denied_for_others(client, stad, who) -> None:  # type: ignore[no-untyped-def]
    intake = make_intake(inwoner=stad.inwoner)
    client.force_login(getattr(stad, who))
    assert client.get(f"/mijn/aanvragen/{intake.pk}/toestemming/JEUGDWET/").status_code == 404
