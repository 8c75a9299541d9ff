"""The reminder scan: before, on and after the deadline, escalation, once and only once."""

import datetime as dt

import pytest
import time_machine
from django.core import mail

from regie.termijnen.models import Herinnering, HerinneringSoort, TermijnSoort
from regie.termijnen.services import (
    dagoverzichten_send,
    herinneringen_scan,
    termijn_suspend,
)
from tests.factories import CasusFactory, IntakeFactory, TermijnFactory
from toegang.berichten.models import Email, Notificatie

AMS = dt.timezone(dt.timedelta(hours=1))


def _at(day: int, hour: int = 9, month: int = 11):  # type: ignore[no-untyped-def]
    return dt.datetime(2026, month, day, hour, tzinfo=AMS)


@pytest.fixture
def termijn(stad):  # type: ignore[no-untyped-def]
    """A Wmo beschikking due Monday 7 December 2026, regiehouder stad.pro."""
    with time_machine.travel(_at(23), tick=False):
        casus = CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner,
                             eerste_contact_gehad=True)
        return TermijnFactory(casus=casus, soort=TermijnSoort.WMO_BESCHIKKING)


def _sent(termijn) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return sorted(Herinnering.objects.filter(termijn=termijn)
                  .values_list("soort", "ontvanger__username"))


def _scan(when):  # type: ignore[no-untyped-def]
    with time_machine.travel(when, tick=False):
        return herinneringen_scan()


def test_reminder_sequence_to_regiehouder_then_teamleider(stad, termijn) -> None:  # type: ignore[no-untyped-def]
    _scan(_at(3, 12, 12))  # Thursday: nothing yet
    assert _sent(termijn) == []
    _scan(_at(4, 8, 12))   # Friday 08:00, one working day before
    assert _sent(termijn) == [(HerinneringSoort.VOORAF, stad.pro.username)]
    _scan(_at(7, 9, 12))   # Monday, the day itself
    assert (HerinneringSoort.VERVALDAG, stad.pro.username) in _sent(termijn)
    _scan(dt.datetime(2026, 12, 8, 0, 30, tzinfo=AMS))  # just after the deadline
    assert (HerinneringSoort.TE_LAAT, stad.pro.username) in _sent(termijn)
    assert (HerinneringSoort.ESCALATIE, stad.teamleider.username) not in _sent(termijn)
    _scan(_at(8, 8, 12))   # one working day of grace passed
    assert (HerinneringSoort.ESCALATIE, stad.teamleider.username) in _sent(termijn)
    assert len(_sent(termijn)) == 4
    note = Notificatie.objects.get(ontvanger=stad.teamleider, soort="termijn_escalatie")
    assert termijn.intake.referentie in note.onderwerp and note.url.startswith("/werk/casussen/")


def test_each_reminder_is_sent_once_however_often_the_scan_runs(stad, termijn) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        _scan(_at(4, 9, 12))
    assert Herinnering.objects.filter(termijn=termijn).count() == 1
    assert Email.objects.filter(aan=stad.pro.email, onderwerp__startswith="Binnenkort").count() \
        == 1


def test_a_late_clock_skips_the_reminders_that_are_no_use_any_more(stad, termijn) -> None:  # type: ignore[no-untyped-def]
    _scan(_at(9, 10, 12))  # first scan only after the deadline and the grace
    assert _sent(termijn) == [(HerinneringSoort.ESCALATIE, stad.teamleider.username),
                              (HerinneringSoort.TE_LAAT, stad.pro.username)]


def test_suspended_clock_does_not_remind(stad, termijn) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(_at(25), tick=False):
        termijn_suspend(user=stad.pro, termijn=termijn, reden="Wacht",
                           vanaf=dt.date(2026, 11, 25))
    _scan(_at(9, 10, 12))
    assert _sent(termijn) == []


def test_without_regiehouder_the_teamleider_is_reminded(stad) -> None:  # type: ignore[no-untyped-def]
    with time_machine.travel(_at(20), tick=False):  # Friday; first contact by Wednesday 25
        intake = IntakeFactory()
    _scan(_at(26, 10))
    termijn = intake.termijnen.get()
    assert (HerinneringSoort.TE_LAAT, stad.teamleider.username) in _sent(termijn)


def test_daily_overview_instead_of_single_mails(stad, termijn,  # type: ignore[no-untyped-def]
                                                django_capture_on_commit_callbacks) -> None:
    stad.pro.berichten_per_email = "dagelijks"
    stad.pro.save()
    _scan(_at(4, 9, 12))
    _scan(_at(7, 9, 12))
    assert not [m for m in mail.outbox if stad.pro.email in m.to]
    assert Notificatie.objects.filter(ontvanger=stad.pro, voor_overzicht=True).count() == 2
    with time_machine.travel(_at(8, 7, 12), tick=False):
        assert dagoverzichten_send() == 0  # before the digest time (07:30)
    with time_machine.travel(_at(8, 8, 12), tick=False), \
            django_capture_on_commit_callbacks(execute=True):
        assert dagoverzichten_send() == 1
        assert dagoverzichten_send() == 0
    [overzicht] = [m for m in mail.outbox if stad.pro.email in m.to]
    assert "2 berichten" in overzicht.subject and termijn.intake.referentie in overzicht.body


def test_no_mail_preference_keeps_only_the_inbox(stad, termijn) -> None:  # type: ignore[no-untyped-def]
    stad.pro.berichten_per_email = "nooit"
    stad.pro.save()
    _scan(_at(4, 9, 12))
    assert Notificatie.objects.filter(ontvanger=stad.pro).exists()
    assert not Email.objects.filter(aan=stad.pro.email).exists()


def test_a_reminder_sent_by_someone_else_meanwhile_is_not_sent_again(stad, termijn,  # type: ignore[no-untyped-def]
                                                                     monkeypatch) -> None:
    # The batch is written in a few inserts; when one of its reminders appears in between
    # (the unique row refuses the insert), the scan falls back to one by one and skips it.
    from regie.termijnen.services import herinneringen as scan

    original = scan.teamleiders_of

    def ander_was_eerder(*, team_ids):  # type: ignore[no-untyped-def]
        # Runs after the scan read which reminders exist: another sender writes one now.
        Herinnering.objects.get_or_create(termijn=termijn, soort=HerinneringSoort.TE_LAAT,
                                          ontvanger=stad.pro)
        return original(team_ids=team_ids)

    monkeypatch.setattr(scan, "teamleiders_of", ander_was_eerder)
    _scan(dt.datetime(2026, 12, 9, 10, tzinfo=AMS))  # te laat and escalatie both due
    assert _sent(termijn) == [(HerinneringSoort.ESCALATIE, stad.teamleider.username),
                              (HerinneringSoort.TE_LAAT, stad.pro.username)]
    # The reminder the other one wrote got no second message; the other one got exactly one.
    assert Notificatie.objects.filter(soort__startswith="termijn_").count() == 1
