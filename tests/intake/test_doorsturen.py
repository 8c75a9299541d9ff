"""Before pick-up: a misrouted request goes to the team it belongs to; a duplicate or a
request without a help question is closed. Reasons required, residents told, clocks follow."""

import pytest

from intake.models import Afsluitreden, IntakeGebeurtenis, IntakeStatus
from intake.services import intake_forward, toestemming_give
from regie.termijnen.models import Termijn, TermijnStatus
from tests.factories import IntakeFactory, ManagerFactory
from toegang.berichten.models import Email, Notificatie


def _queue_ids(client, user) -> set[int]:  # type: ignore[no-untyped-def]
    """The requests in `user`'s werkvoorraad (open, visible)."""
    from intake.models import Intake

    client.force_login(user)
    html = client.get("/werk/").content.decode()
    return {pk for pk, ref in Intake.objects.values_list("pk", "referentie") if ref in html}


def test_forwarding_moves_the_request_its_clock_and_access(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner, postcode="7511AA")
    assert intake.team == stad.wijkteam
    client.force_login(stad.pro)
    response = client.post(f"/werk/intakes/{intake.pk}/doorsturen/",
                           {"naar": stad.werk.pk, "reden": "Het gaat over een uitkering."})
    assert response.status_code == 302
    intake.refresh_from_db()
    assert intake.team == stad.werk and intake.routing_regel is None
    klok = Termijn.objects.get(intake=intake, soort="eerste_contact")
    assert (klok.team_id, klok.status) == (stad.werk.pk, TermijnStatus.LOPEND)
    assert intake.pk in _queue_ids(client, stad.pro_werk)
    assert intake.pk not in _queue_ids(client, stad.pro)
    assert client.get(f"/werk/intakes/{intake.pk}/").status_code == 404
    [g] = IntakeGebeurtenis.objects.filter(intake=intake)
    assert (g.soort, g.van_team, g.naar_team, g.door) == (
        IntakeGebeurtenis.Soort.DOORGESTUURD, stad.wijkteam, stad.werk, stad.pro)
    bericht = Notificatie.objects.get(ontvanger=stad.inwoner, soort="doorgestuurd")
    assert "Werk en Inkomen" in bericht.tekst
    client.force_login(stad.inwoner)
    assert "Uw aanvraag is nu bij Werk en Inkomen." in client.get(
        f"/mijn/aanvragen/{intake.pk}/").content.decode()


def test_the_old_team_keeps_reading_where_the_resident_consented(stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner, postcode="7511AA")
    intake_forward(user=stad.pro, intake=intake, naar=stad.jeugdteam, reden="Over een kind")
    # The caller's object still names the old team: the rows follow the stored intake.
    toestemming_give(intake=intake, wet="WMO", user=stad.inwoner)
    from intake.permissions import IntakeActie, intake_may

    assert intake_may(user=stad.pro, intake_id=intake.pk, action=IntakeActie.VIEW)
    assert not intake_may(user=stad.pro, intake_id=intake.pk, action=IntakeActie.AANVULLEN)


def test_forwarding_needs_a_reason_and_another_team_and_keeps_the_input(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(postcode="7511AA")
    client.force_login(stad.pro)
    leeg = client.post(f"/werk/intakes/{intake.pk}/doorsturen/", {"naar": stad.werk.pk,
                                                                  "reden": " "})
    assert leeg.status_code == 400 and "Schrijf op waarom." in leeg.content.decode()
    zelfde = client.post(f"/werk/intakes/{intake.pk}/doorsturen/",
                         {"naar": stad.wijkteam.pk, "reden": "Toch hier"})
    html = zelfde.content.decode()
    assert zelfde.status_code == 400 and "Kies een team uit de lijst." in html
    intake.refresh_from_db()
    assert intake.team == stad.wijkteam


def test_closing_as_a_duplicate_links_it_and_lapses_its_clock(client, stad) -> None:  # type: ignore[no-untyped-def]
    eerste = IntakeFactory(postcode="7511AA")
    tweede = IntakeFactory(postcode="7511AA")
    client.force_login(stad.pro)
    response = client.post(f"/werk/intakes/{tweede.pk}/sluiten/",
                           {"reden": Afsluitreden.DUPLICAAT, "duplicaat_van": eerste.referentie,
                            "toelichting": ""})
    assert response.status_code == 302
    tweede.refresh_from_db()
    assert (tweede.status, tweede.afsluitreden, tweede.duplicaat_van) == (
        IntakeStatus.AFGEROND, Afsluitreden.DUPLICAAT, eerste)
    assert Termijn.objects.get(intake=tweede).status == TermijnStatus.VERVALLEN
    assert tweede.pk not in _queue_ids(client, stad.pro)
    bericht = Email.objects.get(onderwerp="Uw aanvraag is gesloten", aan="sanne@example.nl")
    assert eerste.referentie in bericht.tekst and tweede.referentie in bericht.tekst


def test_no_help_question_needs_a_reason_the_resident_reads(client, stad) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner, postcode="7511AA")
    client.force_login(stad.pro)
    zonder = client.post(f"/werk/intakes/{intake.pk}/sluiten/",
                         {"reden": Afsluitreden.GEEN_HULPVRAAG, "toelichting": ""})
    assert zonder.status_code == 400
    assert "Schrijf op waarom er geen hulpvraag is." in zonder.content.decode()
    onbekend = client.post(f"/werk/intakes/{intake.pk}/sluiten/",
                           {"reden": Afsluitreden.DUPLICAAT, "duplicaat_van": "TG-2020-999999"})
    assert "Deze referentie kunnen we niet vinden" in onbekend.content.decode()
    client.post(f"/werk/intakes/{intake.pk}/sluiten/",
                {"reden": Afsluitreden.GEEN_HULPVRAAG,
                 "toelichting": "U vroeg alleen om de openingstijden."})
    bericht = Notificatie.objects.get(ontvanger=stad.inwoner, soort="gesloten")
    assert "U vroeg alleen om de openingstijden." in bericht.tekst


def test_a_picked_up_request_is_not_forwarded_or_closed(client, stad) -> None:  # type: ignore[no-untyped-def]
    from casussen.services import casus_open

    intake = IntakeFactory(postcode="7511AA")
    casus_open(user=stad.pro, intake=intake)
    client.force_login(stad.pro)
    response = client.post(f"/werk/intakes/{intake.pk}/doorsturen/",
                           {"naar": stad.werk.pk, "reden": "Toch niet"})
    assert response.status_code == 400
    assert "Deze aanvraag is al opgepakt of gesloten." in response.content.decode()


@pytest.mark.parametrize("pad", ["doorsturen", "sluiten"])
@pytest.mark.parametrize("wie", ["pro_noord", "manager", "inwoner", "consent_reader"])
def test_only_the_front_door_team_forwards_or_closes(client, stad, pad, wie) -> None:  # type: ignore[no-untyped-def]
    intake = IntakeFactory(inwoner=stad.inwoner, postcode="7511AA")
    if wie == "consent_reader":
        toestemming_give(intake=intake, wet="PARTICIPATIEWET", user=stad.inwoner)
        user = stad.pro_werk  # reads by consent, does not work on it
    else:
        user = ManagerFactory() if wie == "manager" else getattr(stad, wie)
    client.force_login(user)
    assert client.get(f"/werk/intakes/{intake.pk}/{pad}/").status_code == 404
    client.force_login(stad.pro)
    assert client.get(f"/werk/intakes/{intake.pk}/{pad}/").status_code == 200
