"""Appointments: planned by the casus' team, answered by the resident in Mijn toegang, moved,
cancelled, reminded the day before and recorded; a held one meets the first-contact clock."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar

from casussen.afspraken.models import Afspraak, AfspraakGebeurtenis, AfspraakStatus
from casussen.afspraken.services import (
    Gegevens,
    afspraak_ask_other_time,
    afspraak_cancel,
    afspraak_confirm,
    afspraak_move,
    afspraak_plan,
    afspraak_record,
    afspraken_remind,
)
from casussen.huishouden.services import aanvraag_link
from casussen.tijdlijn import casus_tijdlijn
from regie.termijnen.models import Termijn, TermijnSoort, TermijnStatus
from tests.factories import CasusFactory, IntakeFactory
from toegang.audit.models import Toegangslog
from toegang.berichten.models import Brief, Email, Notificatie
from toegang.celery import app

Soort = AfspraakGebeurtenis.Soort


def _om(dagen: int, uur: int = 10, minuut: int = 0) -> dt.datetime:
    """`dagen` days from today at `uur`:`minuut`, local time."""
    dag = timezone.localdate() + dt.timedelta(days=dagen)
    return timezone.make_aware(dt.datetime.combine(dag, dt.time(uur, minuut)))


def _eerder_vandaag() -> dt.datetime:
    """A minute earlier today (midnight just after midnight): past, whatever the hour the
    suite runs at (a fixed 0:30 was still to come between midnight and half past)."""
    nu = timezone.localtime().replace(second=0, microsecond=0)
    middernacht = timezone.make_aware(dt.datetime.combine(nu.date(), dt.time(0, 0)))
    return max(middernacht, nu - dt.timedelta(minutes=1))


def _gegevens(**anders) -> Gegevens:  # type: ignore[no-untyped-def]
    waarden = {"soort": "keukentafelgesprek", "start": _om(3), "duur_minuten": 60,
               "bij_inwoner_thuis": True, "plaats": "", "deelnemers": "Anna Jansen (wijkteam)",
               "tolk_nodig": False, "tolk_taal": "", "toelichting": ""}
    return Gegevens(**{**waarden, **anders})


def _post(**anders) -> dict[str, str]:  # type: ignore[no-untyped-def]
    start = anders.pop("start", _om(3))
    data = {"soort": "keukentafelgesprek", "datum": f"{start:%d-%m-%Y}",
            "tijd": f"{timezone.localtime(start):%H:%M}", "duur_minuten": "60",
            "bij_inwoner_thuis": "ja", "plaats": "", "deelnemers": "Anna Jansen (wijkteam)",
            "toelichting": ""}
    return {**data, **anders}


@pytest.fixture
def casus(stad):  # type: ignore[no-untyped-def]
    """A casus of a resident with an account, picked up by `stad.pro`."""
    return CasusFactory(inwoner=stad.inwoner, opgepakt_door=stad.pro)


def _afspraak(casus, **anders) -> Afspraak:  # type: ignore[no-untyped-def]
    return afspraak_plan(user=casus.regiehouders.get().user, casus=casus,
                         gegevens=_gegevens(**anders))


def _ics(email: Email) -> Calendar:
    [bijlage] = email.bijlagen.all()
    return Calendar.from_ical(bytes(bijlage.inhoud))


def _event(kalender: Calendar):  # type: ignore[no-untyped-def]
    [event] = kalender.walk("VEVENT")
    return event


# --- Planning ---------------------------------------------------------------------------------


def test_planning_invites_the_resident_in_their_inbox_and_by_email_with_a_calendar_file(  # type: ignore[no-untyped-def]
        client, stad, casus) -> None:
    stad.inwoner.email = "inwoner@example.nl"
    stad.inwoner.save()
    client.force_login(stad.pro)
    response = client.post(f"/werk/casussen/{casus.pk}/afspraken/nieuw/",
                           _post(tolk_nodig="on", tolk_taal="Arabisch"))
    assert response.status_code == 302
    assert response["Location"] == f"/werk/casussen/{casus.pk}/afspraken/"
    afspraak = Afspraak.objects.get(casus=casus)
    assert (afspraak.status, afspraak.start, afspraak.gepland_door) == (
        AfspraakStatus.GEPLAND, _om(3), stad.pro)
    assert (afspraak.tolk_nodig, afspraak.tolk_taal) == (True, "Arabisch")
    bericht = Notificatie.objects.get(ontvanger=stad.inwoner, soort="afspraak")
    assert bericht.url == f"/mijn/casussen/{casus.pk}/afspraken/{afspraak.pk}/"
    assert "bij u thuis" in bericht.tekst and "tolk" in bericht.tekst
    email = Email.objects.get(aan="inwoner@example.nl", onderwerp=bericht.onderwerp)
    kalender = _ics(email)
    assert kalender["METHOD"] == "REQUEST"
    event = _event(kalender)
    assert event["UID"].startswith(f"afspraak-{afspraak.pk}@")
    assert event.decoded("DTSTART") == _om(3)
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(minutes=60)
    assert "Dorpsstraat 1" in str(event["LOCATION"])
    assert Toegangslog.objects.filter(user_id=stad.pro.pk, object_type="afspraak",
                                      object_id=afspraak.pk, actie="wijzigen").count() == 1
    assert list(afspraak.gebeurtenissen.values_list("soort", flat=True)) == [Soort.GEPLAND]


def test_a_double_click_plans_one_appointment(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    for _n in range(2):
        assert client.post(f"/werk/casussen/{casus.pk}/afspraken/nieuw/",
                           _post()).status_code == 302
    assert Afspraak.objects.filter(casus=casus).count() == 1
    assert Notificatie.objects.filter(soort="afspraak").count() == 1


@pytest.mark.parametrize(("anders", "veld", "melding"), [
    ({"start": _om(-1)}, "datum", "Dit moment is al voorbij"),
    ({"start": _eerder_vandaag()}, "datum", "Dit moment is al voorbij"),
    ({"start": _om(400)}, "datum", "niet verder dan een jaar"),
    ({"start": _om(2, 22, 30)}, "tijd", "tussen 7:00 en 21:00"),
    ({"datum": "31-02-2027"}, "datum", "dag-maand-jaar"),
    ({"tijd": "25:00"}, "tijd", "uren:minuten"),
    ({"bij_inwoner_thuis": "nee"}, "plaats", "Vul in waar u elkaar ziet"),
    ({"soort": "huisbezoek", "bij_inwoner_thuis": "nee", "plaats": "Stadskantoor"},
     "bij_inwoner_thuis", "Een huisbezoek is bij de inwoner thuis"),
    ({"tolk_nodig": "on"}, "tolk_taal", "welke taal"),
    ({"deelnemers": ""}, "deelnemers", "Dit veld is nodig"),
])
def test_wrong_input_is_refused_in_dutch_and_what_was_typed_stays(  # type: ignore[no-untyped-def]
        client, stad, casus, anders, veld, melding) -> None:
    client.force_login(stad.pro)
    data = _post(**anders)
    data.setdefault("toelichting", "")
    data["toelichting"] = "Neem uw post mee."
    response = client.post(f"/werk/casussen/{casus.pk}/afspraken/nieuw/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert melding in html
    assert f'href="#id_{veld}' in html  # the summary at the top links to the field
    assert "Neem uw post mee." in html  # nothing typed is lost
    assert not Afspraak.objects.exists()


def test_at_home_needs_an_address(client, stad) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(intake__geen_vast_adres=True, intake__straat="", intake__postcode="",
                         opgepakt_door=stad.pro)
    client.force_login(stad.pro)
    response = client.post(f"/werk/casussen/{casus.pk}/afspraken/nieuw/", _post())
    assert response.status_code == 400
    assert "geen adres bekend" in response.content.decode()
    elders = _post(bij_inwoner_thuis="nee", plaats="Wijkcentrum De Brug, Kerkstraat 2")
    assert client.post(f"/werk/casussen/{casus.pk}/afspraken/nieuw/", elders).status_code == 302
    assert Afspraak.objects.get().plaats == "Wijkcentrum De Brug, Kerkstraat 2"


def test_a_resident_who_chose_letters_gets_the_invitation_on_paper(stad) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(intake__contact_voorkeur="brief", intake__email="",
                         opgepakt_door=stad.pro)
    afspraak = _afspraak(casus)
    brief = Brief.objects.get(intake_id=casus.intake_id, sleutel__contains="afspraak")
    assert "Keukentafelgesprek" in brief.onderwerp
    assert "bij u thuis" in brief.tekst and "Anna Jansen" in brief.tekst
    assert "/mijn/" not in brief.tekst  # a letter carries no link
    assert afspraak.status == AfspraakStatus.GEPLAND


# --- The resident answers -----------------------------------------------------------------


def test_the_resident_confirms_in_mijn_toegang_and_the_regiehouder_hears_it(  # type: ignore[no-untyped-def]
        client, stad, casus) -> None:
    afspraak = _afspraak(casus)
    client.force_login(stad.inwoner)
    pagina = client.get(f"/mijn/aanvragen/{casus.intake_id}/").content.decode()
    assert f"/mijn/casussen/{casus.pk}/afspraken/{afspraak.pk}/" in pagina
    url = f"/mijn/casussen/{casus.pk}/afspraken/{afspraak.pk}/"
    html = client.get(url).content.decode()
    assert "Ja, ik kom" in html and "bij u thuis" in html
    for _n in range(2):  # a second click changes nothing
        assert client.post(url, {"actie": "bevestigen"}).status_code == 302
    afspraak.refresh_from_db()
    assert afspraak.status == AfspraakStatus.BEVESTIGD
    assert Notificatie.objects.filter(ontvanger=stad.pro, soort="afspraak_bevestigd").count() == 1
    assert afspraak.gebeurtenissen.filter(soort=Soort.BEVESTIGD).count() == 1


def test_the_resident_asks_for_another_time_with_a_message(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    afspraak = _afspraak(casus)
    client.force_login(stad.inwoner)
    url = f"/mijn/casussen/{casus.pk}/afspraken/{afspraak.pk}/"
    leeg = client.post(url, {"actie": "andere_tijd", "vraag": "  "})
    assert leeg.status_code == 400
    assert "Dit veld is nodig" in leeg.content.decode()
    assert client.post(url, {"actie": "andere_tijd",
                             "vraag": "Liever donderdagochtend."}).status_code == 302
    afspraak.refresh_from_db()
    assert (afspraak.status, afspraak.vraag_inwoner) == (AfspraakStatus.ANDERE_TIJD,
                                                         "Liever donderdagochtend.")
    bericht = Notificatie.objects.get(ontvanger=stad.pro, soort="afspraak_andere_tijd")
    assert "Liever donderdagochtend." in bericht.tekst
    assert bericht.url == f"/werk/casussen/{casus.pk}/afspraken/"


def test_the_resident_cannot_answer_a_past_or_cancelled_appointment(stad, casus) -> None:  # type: ignore[no-untyped-def]
    afspraak = _afspraak(casus)
    Afspraak.objects.filter(pk=afspraak.pk).update(start=_om(-1))
    afspraak.refresh_from_db()
    with pytest.raises(Exception, match="niet meer reageren"):
        afspraak_confirm(user=stad.inwoner, afspraak=afspraak)
    ander = _afspraak(casus, start=_om(5))
    afspraak_cancel(user=stad.pro, afspraak=ander, reden="Ziek")
    with pytest.raises(Exception, match="niet meer reageren"):
        afspraak_ask_other_time(user=stad.inwoner, afspraak=ander, vraag="Later")


def test_the_resident_downloads_the_calendar_file(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    afspraak = _afspraak(casus)
    client.force_login(stad.inwoner)
    response = client.get(f"/mijn/casussen/{casus.pk}/afspraken/{afspraak.pk}/agenda.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert _event(Calendar.from_ical(response.content)).decoded("DTSTART") == _om(3)


# --- Moving, cancelling ------------------------------------------------------------------------


def test_moving_sends_the_same_calendar_event_with_a_higher_sequence(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    afspraak = _afspraak(casus)
    afspraak_confirm(user=stad.inwoner, afspraak=afspraak)
    client.force_login(stad.pro)
    url = f"/werk/casussen/{casus.pk}/afspraken/{afspraak.pk}/verzetten/"
    assert f'value="{_om(3):%Y-%m-%d}"' in client.get(url).content.decode()  # filled in
    assert client.post(url, _post(start=_om(4, 14))).status_code == 302
    afspraak.refresh_from_db()
    assert (afspraak.start, afspraak.status, afspraak.volgnummer) == (
        _om(4, 14), AfspraakStatus.GEPLAND, 1)  # to be confirmed again
    bericht = Notificatie.objects.get(ontvanger=stad.inwoner, soort="afspraak_verzet")
    assert "14:00" in bericht.tekst
    verzet = afspraak.gebeurtenissen.get(soort=Soort.VERZET)
    assert verzet.start == _om(4, 14) and "10:00" in verzet.tekst


def test_cancelling_needs_a_reason_and_withdraws_the_calendar_event(stad) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(opgepakt_door=stad.pro)  # no account: e-mail to the request's address
    afspraak = _afspraak(casus)
    with pytest.raises(Exception, match="waarom"):
        afspraak_cancel(user=stad.pro, afspraak=afspraak, reden=" ")
    afspraak_cancel(user=stad.pro, afspraak=afspraak, reden="De consulent is ziek.")
    afspraak.refresh_from_db()
    assert (afspraak.status, afspraak.volgnummer) == (AfspraakStatus.GEANNULEERD, 1)
    email = Email.objects.get(aan="sanne@example.nl", onderwerp="Uw afspraak gaat niet door")
    kalender = _ics(email)
    assert kalender["METHOD"] == "CANCEL"
    event = _event(kalender)
    assert (event["STATUS"], event["SEQUENCE"]) == ("CANCELLED", 1)
    assert event["UID"].startswith(f"afspraak-{afspraak.pk}@")
    with pytest.raises(Exception, match="geannuleerd"):
        afspraak_move(user=stad.pro, afspraak=afspraak, gegevens=_gegevens(start=_om(6)))


# --- Held or not: the first-contact clock -----------------------------------------------------


def _eerste_contact(intake):  # type: ignore[no-untyped-def]
    return Termijn.objects.get(intake=intake, soort=TermijnSoort.EERSTE_CONTACT)


def test_an_appointment_cannot_be_recorded_before_it_took_place(stad, casus) -> None:  # type: ignore[no-untyped-def]
    afspraak = _afspraak(casus)
    with pytest.raises(Exception, match="moet nog komen"):
        afspraak_record(user=stad.pro, afspraak=afspraak, gehouden=True, uitkomst="Goed")
    assert _eerste_contact(casus.intake).status == TermijnStatus.LOPEND


def test_a_held_appointment_meets_the_first_contact_clock_of_the_casus_and_linked_requests(  # type: ignore[no-untyped-def]
        client, stad, casus) -> None:
    tweede = IntakeFactory(inwoner=stad.inwoner, vraag="Ook een vraag over mijn zoon.")
    aanvraag_link(user=stad.pro, intake=tweede, casus=casus, rol="zelfde_persoon",
                  eerste_contact_gehad=False)
    afspraak = _afspraak(casus)
    start = timezone.now() - dt.timedelta(hours=2)
    Afspraak.objects.filter(pk=afspraak.pk).update(start=start)
    client.force_login(stad.pro)
    url = f"/werk/casussen/{casus.pk}/afspraken/{afspraak.pk}/verslag/"
    assert client.post(url, {"gehouden": "ja", "uitkomst": ""}).status_code == 400
    assert client.post(url, {"gehouden": "ja",
                             "uitkomst": "Schulden besproken; aanmelding schuldhulp."}
                       ).status_code == 302
    afspraak.refresh_from_db()
    assert afspraak.status == AfspraakStatus.GEHOUDEN
    for intake in (casus.intake, tweede):
        termijn = _eerste_contact(intake)
        assert (termijn.status, termijn.afgehandeld_op) == (TermijnStatus.AFGEHANDELD, start)
    # The outcome is the professionals' note; the resident sees that it took place.
    staf = [r.tekst for r in casus_tijdlijn(casus=casus) if r.soort == "afspraak_uitkomst"]
    assert staf == ["Schulden besproken; aanmelding schuldhulp."]
    inwoner = casus_tijdlijn(casus=casus, voor_inwoner=True)
    assert any("gehouden" in r.titel for r in inwoner)
    assert not any("Schulden" in r.tekst for r in inwoner)


def test_a_missed_appointment_leaves_the_clock_open(stad, casus) -> None:  # type: ignore[no-untyped-def]
    afspraak = _afspraak(casus)
    Afspraak.objects.filter(pk=afspraak.pk).update(start=timezone.now() - dt.timedelta(hours=1))
    afspraak.refresh_from_db()
    afspraak_record(user=stad.pro, afspraak=afspraak, gehouden=False,
                    uitkomst="Niemand thuis; kaartje achtergelaten.")
    afspraak.refresh_from_db()
    assert afspraak.status == AfspraakStatus.NIET_GEKOMEN
    assert _eerste_contact(casus.intake).status == TermijnStatus.LOPEND


# --- The reminder the day before -----------------------------------------------------------


def test_the_reminder_goes_once_the_day_before_and_again_after_a_move(stad, casus) -> None:  # type: ignore[no-untyped-def]
    morgen = _afspraak(casus, start=_om(1, 11))
    later = _afspraak(casus, start=_om(4, 11))
    assert afspraken_remind(now=_om(0, 8)) == 0  # not before 9:00
    assert afspraken_remind(now=_om(0, 9, 30)) == 1
    assert afspraken_remind(now=_om(0, 10)) == 0  # once
    herinneringen = Notificatie.objects.filter(ontvanger=stad.inwoner,
                                               soort="afspraak_herinnering")
    assert herinneringen.count() == 1 and "11:00" in herinneringen.get().tekst
    morgen.refresh_from_db()
    assert morgen.herinnering_op == _om(0, 9, 30)
    afspraak_move(user=stad.pro, afspraak=morgen, gegevens=_gegevens(start=_om(1, 15)))
    assert afspraken_remind(now=_om(0, 10)) == 1  # the new time is reminded too
    assert later.gebeurtenissen.filter(soort=Soort.HERINNERD).count() == 0


def test_the_reminder_sends_no_letter_it_would_arrive_too_late(stad) -> None:  # type: ignore[no-untyped-def]
    casus = CasusFactory(intake__contact_voorkeur="brief", intake__email="",
                         opgepakt_door=stad.pro)
    _afspraak(casus, start=_om(1, 11))
    brieven = Brief.objects.count()
    assert afspraken_remind(now=_om(0, 10)) == 1
    assert Brief.objects.count() == brieven


def test_cancelled_and_confirmed_appointments_and_the_reminder(stad, casus) -> None:  # type: ignore[no-untyped-def]
    bevestigd = _afspraak(casus, start=_om(1, 10))
    afspraak_confirm(user=stad.inwoner, afspraak=bevestigd)
    geannuleerd = _afspraak(casus, start=_om(1, 14))
    afspraak_cancel(user=stad.pro, afspraak=geannuleerd, reden="Ziek")
    assert afspraken_remind(now=_om(0, 10)) == 1
    bevestigd.refresh_from_db()
    assert bevestigd.herinnering_op is not None


def test_the_reminder_task_is_scheduled_by_beat(settings) -> None:  # type: ignore[no-untyped-def]
    entry = settings.CELERY_BEAT_SCHEDULE["afspraken-herinneren"]
    assert entry["task"] == "casussen.afspraken.tasks.afspraken_herinneren"
    app.loader.import_default_modules()
    assert entry["task"] in app.tasks


# --- Who may ------------------------------------------------------------------------------------


def test_staff_of_another_wijk_and_other_residents_are_refused(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    afspraak = _afspraak(casus)
    client.force_login(stad.pro_noord)
    for url in (f"/werk/casussen/{casus.pk}/afspraken/",
                f"/werk/casussen/{casus.pk}/afspraken/nieuw/",
                f"/werk/casussen/{casus.pk}/afspraken/{afspraak.pk}/verzetten/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/werk/casussen/{casus.pk}/afspraken/nieuw/", _post()).status_code == 404
    client.force_login(stad.andere_inwoner)
    url = f"/mijn/casussen/{casus.pk}/afspraken/{afspraak.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"actie": "bevestigen"}).status_code == 404
    afspraak.refresh_from_db()
    assert afspraak.status == AfspraakStatus.GEPLAND
    assert Afspraak.objects.count() == 1


def test_an_appointment_of_another_casus_is_not_found_through_ones_own(  # type: ignore[no-untyped-def]
        client, stad, casus) -> None:
    ander = CasusFactory(opgepakt_door=stad.pro)
    vreemd = _afspraak(ander)
    client.force_login(stad.pro)
    assert client.get(f"/werk/casussen/{casus.pk}/afspraken/{vreemd.pk}/annuleren/"
                      ).status_code == 404
    client.force_login(stad.inwoner)
    assert client.get(f"/mijn/casussen/{casus.pk}/afspraken/{vreemd.pk}/").status_code == 404


def test_the_list_shows_the_appointments_with_a_flat_number_of_queries(client, stad, casus) -> None:  # type: ignore[no-untyped-def]
    client.force_login(stad.pro)
    url = f"/werk/casussen/{casus.pk}/afspraken/"
    _afspraak(casus, start=_om(2))
    with CaptureQueriesContext(connection) as een:
        assert client.get(url).status_code == 200
    for dag in range(3, 9):
        _afspraak(casus, start=_om(dag))
    with CaptureQueriesContext(connection) as zeven:
        html = client.get(url).content.decode()
    assert len(zeven.captured_queries) == len(een.captured_queries)
    assert html.count("Verzetten") == 7
