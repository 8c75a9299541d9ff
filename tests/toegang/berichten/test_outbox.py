"""The e-mail outbox: stored first, sent once, retried with backoff, given up visibly."""

import datetime as dt
import smtplib

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from tests.factories import InwonerFactory
from toegang.berichten.bezorging import MAX_POGINGEN, email_deliver
from toegang.berichten.models import Email, EmailStatus, Notificatie
from toegang.berichten.services import (
    email_queue,
    notificatie_mark_read,
    notificatie_send,
)
from toegang.berichten.tasks import email_scan

pytestmark = pytest.mark.django_db


def _queue(**kwargs) -> Email:  # type: ignore[no-untyped-def]
    values = {"aan": "sanne@example.nl", "onderwerp": "Test & meer",
              "template": "berichten/email/notificatie",
              "context": {"ontvanger": InwonerFactory.build(first_name="Sanne"),
                          "onderwerp": "Test & meer", "tekst": "Regel <b>1</b>", "url": "/mijn/"}}
    values.update(kwargs)
    email = email_queue(**values)
    assert email is not None
    return email


def test_mail_is_sent_after_commit_once(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue()
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == EmailStatus.VERZONDEN and email.pogingen == 1
    assert not email_deliver(email_id=email.pk)  # a replayed task sends nothing
    assert email_scan() == 0
    assert len(mail.outbox) == 1


def test_text_part_is_not_html_escaped_and_html_part_is(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        _queue()
    message = mail.outbox[0]
    assert "Regel <b>1</b>" in message.body
    html = message.alternatives[0][0]
    assert "Regel &lt;b&gt;1&lt;/b&gt;" in html and "<b>1</b>" not in html


def test_same_key_makes_one_message() -> None:
    assert email_queue(aan="a@example.nl", onderwerp="x", template="berichten/email/notificatie",
                       context={"ontvanger": None}, sleutel="k1") is not None
    assert email_queue(aan="a@example.nl", onderwerp="x", template="berichten/email/notificatie",
                       context={"ontvanger": None}, sleutel="k1") is None
    assert Email.objects.count() == 1


def test_refused_mail_is_retried_with_backoff_then_given_up(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    email = _queue()

    def refuse(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise smtplib.SMTPRecipientsRefused({"sanne@example.nl": (550, b"no")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    start = timezone.now()
    assert not email_deliver(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == EmailStatus.WACHT and email.pogingen == 1
    assert "SMTPRecipientsRefused" in email.laatste_fout
    assert email.volgende_poging_op - start >= dt.timedelta(minutes=1)
    assert not email_deliver(email_id=email.pk)  # not due yet: nothing happens
    assert Email.objects.get(pk=email.pk).pogingen == 1
    for attempt in range(2, MAX_POGINGEN + 1):
        with time_machine.travel(Email.objects.get(pk=email.pk).volgende_poging_op, tick=False):
            email_scan()
        assert Email.objects.get(pk=email.pk).pogingen == attempt
    assert Email.objects.get(pk=email.pk).status == EmailStatus.MISLUKT


def test_lost_message_is_sent_by_the_scan() -> None:
    email = _queue()  # on_commit never ran: as if the broker lost the message
    assert len(mail.outbox) == 0
    assert email_scan() == 1
    assert len(mail.outbox) == 1
    assert Email.objects.get(pk=email.pk).status == EmailStatus.VERZONDEN


def test_notification_goes_to_the_inbox_and_can_be_read() -> None:
    user = InwonerFactory()
    note = notificatie_send(ontvanger=user, soort="test", onderwerp="Hallo", url="/mijn/")
    assert Email.objects.filter(aan=user.email).exists()
    other = InwonerFactory()
    notificatie_mark_read(user=other, notificatie_id=note.pk)
    assert Notificatie.objects.get(pk=note.pk).gelezen_op is None
    notificatie_mark_read(user=user, notificatie_id=note.pk)
    assert Notificatie.objects.get(pk=note.pk).gelezen_op is not None
