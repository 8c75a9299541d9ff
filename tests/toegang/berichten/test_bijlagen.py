"""Attachments travel with an outbox e-mail: stored with it, sent with it, capped in size."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from toegang.berichten.models import Email, EmailBijlage
from toegang.berichten.services import BIJLAGEN_MAX_BYTES, Bijlage, email_queue
from toegang.berichten.tasks import email_scan
from toegang.core.agenda import MIME_UITNODIGING, ics_event

pytestmark = pytest.mark.django_db

ICS = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n"


def _queue(bijlagen, sleutel: str | None = None) -> Email | None:  # type: ignore[no-untyped-def]
    return email_queue(aan="sanne@example.nl", onderwerp="Uitnodiging",
                       template="berichten/email/notificatie",
                       context={"ontvanger": None, "onderwerp": "Uitnodiging", "tekst": "Tot dan",
                                "url": ""},
                       sleutel=sleutel, bijlagen=bijlagen)


def _parts(message):  # type: ignore[no-untyped-def]
    return [part for part in message.message().walk() if part.get_filename()]


def test_the_sent_mail_carries_the_attachment_with_its_name_and_type(  # type: ignore[no-untyped-def]
        django_capture_on_commit_callbacks) -> None:
    pdf = b"%PDF-1.4 \x00\xff binary"
    with django_capture_on_commit_callbacks(execute=True):
        _queue([Bijlage("uitnodiging.ics", "text/calendar; method=REQUEST; charset=utf-8", ICS),
                Bijlage("brief één.pdf", "application/pdf", pdf)])
    [message] = mail.outbox
    assert "Tot dan" in message.body  # the text is still there
    ics, brief = _parts(message)
    assert ics.get_filename() == "uitnodiging.ics"
    assert ics.get_content_type() == "text/calendar"
    assert ics.get_param("method") == "REQUEST"
    assert ics.get_payload(decode=True) == ICS
    assert brief.get_filename() == "brief één.pdf"
    assert brief.get_content_type() == "application/pdf"
    assert brief.get_payload(decode=True) == pdf


def test_the_attachment_is_stored_before_sending_and_sent_by_the_scan() -> None:
    email = _queue([Bijlage("uitnodiging.ics", "text/calendar", ICS)])
    assert email is not None and len(mail.outbox) == 0  # as if the broker lost the task
    assert bytes(EmailBijlage.objects.get(email=email).inhoud) == ICS
    assert email_scan() == 1
    [ics] = _parts(mail.outbox[0])
    assert ics.get_payload(decode=True) == ICS


def test_same_key_makes_one_mail_with_one_set_of_attachments() -> None:
    assert _queue([Bijlage("a.ics", "text/calendar", ICS)], sleutel="afspraak:1") is not None
    assert _queue([Bijlage("b.ics", "text/calendar", ICS)], sleutel="afspraak:1") is None
    assert Email.objects.count() == 1
    assert list(EmailBijlage.objects.values_list("naam", flat=True)) == ["a.ics"]


def test_attachments_up_to_the_cap_are_accepted_and_more_is_refused() -> None:
    helft = BIJLAGEN_MAX_BYTES // 2
    assert _queue([Bijlage("a.bin", "application/octet-stream", b"x" * helft),
                   Bijlage("b.bin", "application/octet-stream",
                           b"x" * (BIJLAGEN_MAX_BYTES - helft))]) is not None
    with pytest.raises(ValueError, match="larger"):
        _queue([Bijlage("a.bin", "application/octet-stream", b"x" * helft),
                Bijlage("b.bin", "application/octet-stream", b"x" * (helft + 1))])
    assert Email.objects.count() == 1


@pytest.mark.parametrize(("naam", "mime"), [
    ("", "text/calendar"), ("../etc/passwd", "text/plain"),
    ("a\r\nBcc: x@example.nl", "text/plain"),
    ("a.ics", "calendar"), ("a.ics", "text/calendar\r\nX-Evil: 1"), ("a.ics", "text/calendar; a"),
])
def test_a_name_or_type_that_is_none_is_refused(naam: str, mime: str) -> None:
    with pytest.raises(ValueError):
        _queue([Bijlage(naam, mime, ICS)])
    assert not Email.objects.exists()


def test_an_invitation_reaches_the_mail_as_a_calendar_invitation(  # type: ignore[no-untyped-def]
        django_capture_on_commit_callbacks) -> None:
    start = timezone.make_aware(dt.datetime(2026, 6, 2, 10, 0))
    ics = ics_event(uid="afspraak-7", start=start, einde=start + dt.timedelta(hours=1),
                    titel="Keukentafelgesprek", locatie="Thuis", beschrijving="",
                    organisator_naam="Gemeente Dijkstad")
    with django_capture_on_commit_callbacks(execute=True):
        _queue([Bijlage("uitnodiging.ics", MIME_UITNODIGING, ics)])
    [part] = _parts(mail.outbox[0])
    assert (part.get_content_type(), part.get_param("method")) == ("text/calendar", "REQUEST")
    [event] = Calendar.from_ical(part.get_payload(decode=True)).walk("VEVENT")
    assert event.decoded("DTSTART") == start and str(event["UID"]).startswith("afspraak-7@")
