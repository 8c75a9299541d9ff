"""Mijn toegang: status in plain words, the contact person, what happened and what comes."""

import datetime as dt

import pytest
import time_machine
from django.utils.html import escape

from casussen.services import casus_open
from regie.termijnen.models import Termijn, TermijnSoort
from tests.factories import (
    CasusFactory,
    IntakeFactory,
    TermijnFactory,
    ToestemmingFactory,
)


def test_status_before_and_after_pick_up(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    client.force_login(stad.inwoner)
    html = client.get(f"/mijn/aanvragen/{intake.pk}/").content.decode()
    assert "Wijkteam Centrum leest hem en neemt contact met u op" in html
    # The first-contact date in "Wat komt er?", in plain words.
    assert "Wijkteam Centrum neemt uiterlijk" in html and "contact met u op." in html
    stad.pro.functie = "wijkcoach"
    stad.pro.save()
    casus_open(user=stad.pro, intake=intake)
    html = client.get(f"/mijn/aanvragen/{intake.pk}/").content.decode()
    assert escape(stad.pro.get_full_name()) in html and "vaste contactpersoon" in html
    assert "wijkcoach" in html
    assert "Uw aanvraag is opgepakt" in html


def test_timeline_shows_consent_changes_in_plain_words(client, stad) -> None:  # type: ignore[no-untyped-def]
    toestemming = ToestemmingFactory(intake__inwoner=stad.inwoner, ingetrokken=True)
    client.force_login(stad.inwoner)
    html = client.get(f"/mijn/aanvragen/{toestemming.intake_id}/").content.decode()
    assert "U gaf toestemming: Jeugdwet mag uw aanvraag lezen." in html
    assert "U trok uw toestemming voor Jeugdwet in." in html


@time_machine.travel("2026-11-23 09:00 +01:00", tick=False)
def test_call_back_request_creates_a_promise(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
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
    assert "Wij bellen u uiterlijk maandag 23 november terug." in html


@time_machine.travel("2026-12-24 15:00 +01:00", tick=False)
def test_call_back_asked_in_the_afternoon_before_christmas(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    client.force_login(stad.inwoner)
    client.post(f"/mijn/aanvragen/{intake.pk}/terugbellen/", {"toelichting": ""})
    termijn = Termijn.objects.get(intake=intake, soort=TermijnSoort.TERUGBELLEN)
    assert termijn.deadline.date() == dt.date(2026, 12, 28)


def test_call_back_allowed_and_denied(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner)
    for user, status in [(stad.andere_inwoner, 404), (stad.pro, 404), (stad.inwoner, 200)]:
        client.force_login(user)
        assert client.get(f"/mijn/aanvragen/{intake.pk}/terugbellen/").status_code == status


def test_give_consent_again_after_withdrawal(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = ToestemmingFactory(intake__inwoner=stad.inwoner, ingetrokken=True).intake
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
    intake = IntakeFactory(inwoner=stad.inwoner)
    client.force_login(getattr(stad, who))
    assert client.get(f"/mijn/aanvragen/{intake.pk}/toestemming/JEUGDWET/").status_code == 404


AMS = dt.timezone(dt.timedelta(hours=1))


def test_what_comes_explains_suspension_and_a_date_that_passed(client, stad) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 11, 2, 10, tzinfo=AMS), tick=False):
        casus = CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner)
        TermijnFactory(casus=casus, soort=TermijnSoort.JEUGD_BESCHIKKING,
                       opgeschort_om="Intern: wacht op school")
    client.force_login(stad.inwoner)
    with time_machine.travel(dt.datetime(2026, 11, 23, 10, tzinfo=AMS), tick=False):
        html = client.get(f"/mijn/aanvragen/{casus.intake_id}/").content.decode()
    assert "Het besluit op uw aanvraag: de termijn staat stil sinds maandag 2 november." in html
    assert "Daarna loopt de termijn weer door en hoort u de nieuwe datum." in html
    assert "De termijn staat stil" in html  # on the timeline, in plain words
    assert "Intern: wacht op school" not in html  # the professional's reason stays inside
    # The first contact was due on 5 November and nobody called: say so, with the number.
    assert "Wijkteam Centrum neemt uiterlijk donderdag 5 november contact met u op." in html
    assert "Deze datum is voorbij. Hoorde u nog niets? Bel ons op" in html


def test_timeline_tells_a_call_back_kept(client, stad) -> None:  # type: ignore[no-untyped-def]
    from casussen.services import contactmoment_add

    with time_machine.travel(dt.datetime(2026, 11, 23, 9, tzinfo=AMS), tick=False):
        casus = CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner)
        intake = casus.intake
        client.force_login(stad.inwoner)
        client.post(f"/mijn/aanvragen/{intake.pk}/terugbellen/", {"toelichting": ""})
    with time_machine.travel(dt.datetime(2026, 11, 23, 11, tzinfo=AMS), tick=False):
        contactmoment_add(user=stad.pro, casus=casus, soort="telefoon",
                          tijdstip=dt.datetime(2026, 11, 23, 11, tzinfo=AMS), verslag="Gebeld")
        client.force_login(stad.inwoner)  # two hours later: the idle timeout logged them out
        html = client.get(f"/mijn/aanvragen/{intake.pk}/").content.decode()
    assert "U vroeg om teruggebeld te worden" in html
    assert "We hebben u teruggebeld" in html
    assert "Wij bellen u uiterlijk" not in html  # the promise is kept: nothing comes any more
