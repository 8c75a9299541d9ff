"""The mail server refuses mail (a real SMTP conversation with a server in this test): the
outbox keeps each e-mail, tries again after 1, 2, 4 … minutes, shows the functioneel beheerder
what is waiting and why, gives up after the last attempt and lets the beheerder put it back;
once the server accepts, each e-mail goes out exactly once."""

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tests.factories import InwonerFactory
from toegang.berichten.bezorging import MAX_POGINGEN, email_deliver
from toegang.berichten.models import Email, EmailStatus
from toegang.berichten.services import notificatie_send
from toegang.berichten.tasks import email_scan

# A row heading and its value in the page's table (utrecht-table).
CEL = '</th><td class="utrecht-table__cell">'

pytestmark = pytest.mark.django_db


@pytest.fixture
def via_smtp(settings, smtp):  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", smtp.port, 5
    return smtp


def _email() -> Email:
    inwoner = InwonerFactory(email="sanne@example.nl", first_name="Sanne")
    notificatie_send(ontvanger=inwoner, soort="test", onderwerp="Uw plan staat klaar",
                     sleutel="test:1")
    return Email.objects.get()


def _diagnose(client, beheerder) -> str:  # type: ignore[no-untyped-def]
    client.force_login(beheerder)
    response = client.get("/diagnose/")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("antwoord", ["451", "421", "550"])
def test_refused_mail_is_retried_with_backoff_shown_and_then_sent_once(  # type: ignore[no-untyped-def]
        client, stad, via_smtp, antwoord: str) -> None:
    smtp = via_smtp
    smtp.antwoord = antwoord
    email = _email()
    begin = timezone.now()
    assert not email_deliver(email_id=email.pk)
    email.refresh_from_db()
    assert (email.status, email.pogingen) == (EmailStatus.WACHT, 1)
    assert antwoord in email.laatste_fout
    assert email.volgende_poging_op - begin >= dt.timedelta(minutes=1)
    assert smtp.verbindingen == 1 and smtp.afgeleverd == []

    # Not due yet: beat's scan leaves it alone (no hammering of a refusing server).
    assert email_scan() == 0 and smtp.verbindingen == 1

    # The beheerder sees that mail is refused, why, and when the next attempt is.
    html = _diagnose(client, stad.beheerder)
    assert f"Geweigerd, wordt opnieuw geprobeerd{CEL}1" in html
    assert antwoord in html and "sanne@example.nl" not in html
    if antwoord == "550":  # the refusal quotes the address: shown half hidden
        assert "s…@example.nl" in html
    lijst = client.get("/beheer/berichten/email/").content.decode()
    assert "Uw plan staat klaar" in lijst and "s…@example.nl" in lijst
    assert "sanne@example.nl" not in lijst
    detail = client.get(f"/beheer/berichten/email/{email.pk}/change/").content.decode()
    assert antwoord in detail and "sanne@example.nl" not in detail

    # Second attempt after the backoff: refused again, the wait doubles.
    with time_machine.travel(email.volgende_poging_op + dt.timedelta(seconds=1), tick=False):
        assert email_scan() == 0
        tweede = Email.objects.get(pk=email.pk)
        assert tweede.pogingen == 2
        assert tweede.volgende_poging_op - timezone.now() >= dt.timedelta(minutes=2)
    assert smtp.verbindingen == 2

    # The server accepts again: the next scan sends it, once; later scans send nothing.
    smtp.antwoord = "250"
    with time_machine.travel(tweede.volgende_poging_op + dt.timedelta(seconds=1), tick=False):
        assert email_scan() == 1
        assert email_scan() == 0
    assert not email_deliver(email_id=email.pk)  # a replayed task: nothing
    [bericht] = smtp.afgeleverd
    assert bericht.aan == ["sanne@example.nl"] and bericht.onderwerp == "Uw plan staat klaar"
    email.refresh_from_db()
    assert (email.status, email.pogingen, email.laatste_fout) == (EmailStatus.VERZONDEN, 3, "")
    assert f"Geweigerd, wordt opnieuw geprobeerd{CEL}0" in _diagnose(client, stad.beheerder)


def test_given_up_mail_is_visible_and_the_beheerder_puts_it_back(client, stad,  # type: ignore[no-untyped-def]
                                                                 via_smtp) -> None:
    smtp = via_smtp
    smtp.antwoord = "550"
    email = _email()
    for poging in range(1, MAX_POGINGEN + 1):
        moment = Email.objects.get(pk=email.pk).volgende_poging_op
        with time_machine.travel(moment + dt.timedelta(seconds=1), tick=False):
            email_scan()
        assert Email.objects.get(pk=email.pk).pogingen == poging
    assert Email.objects.get(pk=email.pk).status == EmailStatus.MISLUKT
    assert smtp.verbindingen == MAX_POGINGEN
    html = _diagnose(client, stad.beheerder)
    assert f"Opgegeven na de laatste poging{CEL}1" in html

    # After the outage: the beheerder selects it in the admin and sends it again.
    smtp.antwoord = "250"
    response = client.post("/beheer/berichten/email/", {
        "action": "opnieuw_versturen", "_selected_action": [email.pk]})
    assert response.status_code == 302
    assert Email.objects.get(pk=email.pk).status == EmailStatus.WACHT
    assert email_scan() == 1  # beat's scan (the task from the admin may have been lost)
    assert email_scan() == 0
    assert len(smtp.afgeleverd) == 1
    assert Email.objects.get(pk=email.pk).status == EmailStatus.VERZONDEN
