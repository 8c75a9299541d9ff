"""Every kind of clock with a frozen clock: legal terms, suspension, extension, promises."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from regie.termijnen.models import Termijn, TermijnGebeurtenis, TermijnSoort, TermijnStatus
from regie.termijnen.services import (
    eerste_contact_deadline,
    termijn_complete,
    termijn_extend,
    termijn_resume,
    termijn_start,
    termijn_suspend,
    termijnbeleid_change,
    termijnbeleid_current,
    terugbelafspraak_create,
)
from tests.factories import CasusFactory, IntakeFactory
from toegang.berichten.models import Notificatie

AMS = dt.timezone(dt.timedelta(hours=1))


def _dag(termijn: Termijn) -> dt.date:
    from django.utils import timezone

    return timezone.localdate(termijn.deadline)


@pytest.fixture
def casus(stad):  # type: ignore[no-untyped-def]
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=AMS), tick=False):
        return CasusFactory(opgepakt_door=stad.pro, inwoner=stad.inwoner)


class TestFirstContact:
    @time_machine.travel(dt.datetime(2026, 11, 20, 10, tzinfo=AMS), tick=False)  # a Friday
    def test_normal_is_three_working_days_urgent_one(self, stad) -> None:  # type: ignore[no-untyped-def]
        normaal = IntakeFactory()
        urgent = IntakeFactory(urgent=True)
        assert _dag(normaal.termijnen.get()) == dt.date(2026, 11, 25)
        assert _dag(urgent.termijnen.get()) == dt.date(2026, 11, 23)

    @time_machine.travel(dt.datetime(2026, 12, 23, 10, tzinfo=AMS), tick=False)
    def test_christmas_is_skipped(self, stad) -> None:  # type: ignore[no-untyped-def]
        # Wednesday 23 December: Thursday 24, (Christmas, weekend), Monday 28, Tuesday 29.
        assert _dag(IntakeFactory().termijnen.get()) == dt.date(2026, 12, 29)

    def test_policy_is_configurable_and_keeps_history(self, stad) -> None:  # type: ignore[no-untyped-def]
        termijnbeleid_change(user=stad.beheerder, toelichting="Sneller", eerste_contact_normaal=2)
        termijnbeleid_change(user=stad.beheerder, toelichting="Nog sneller",
                             eerste_contact_normaal=1)
        assert termijnbeleid_current().eerste_contact_normaal == 1
        from regie.termijnen.models import TermijnBeleid

        assert TermijnBeleid.objects.count() == 2
        moment = dt.datetime(2026, 11, 20, 10, tzinfo=AMS)
        assert eerste_contact_deadline(ingediend_op=moment, urgentie="normaal").date() == \
            dt.date(2026, 11, 23)

    @pytest.mark.parametrize("waarden", [{"eerste_contact_normaal": 0},
                                         {"eerste_contact_urgent": 11},
                                         {"evaluatie_maanden": 0},
                                         {"herinnering_vooraf": 50}])
    def test_policy_is_validated(self, stad, waarden) -> None:  # type: ignore[no-untyped-def]
        with pytest.raises(ValidationError):
            termijnbeleid_change(user=stad.beheerder, toelichting="x", **waarden)

    def test_contact_meets_the_clock(self, stad, casus) -> None:  # type: ignore[no-untyped-def]
        termijn = casus.intake.termijnen.get(soort=TermijnSoort.EERSTE_CONTACT)
        assert termijn.casus == casus and termijn.verantwoordelijke == stad.pro
        termijn_complete(user=stad.pro, termijn=termijn)
        termijn.refresh_from_db()
        assert (termijn.status, termijn.afgehandeld_door) == (TermijnStatus.AFGEHANDELD, stad.pro)
        with pytest.raises(ValidationError):
            termijn_complete(user=stad.pro, termijn=termijn)


class TestLegalTerms:
    @time_machine.travel(dt.datetime(2026, 4, 1, 10, tzinfo=AMS), tick=False)
    def test_wmo_two_weeks_from_before_easter(self, stad, casus) -> None:  # type: ignore[no-untyped-def]
        [termijn] = termijn_start(user=stad.pro, intake=casus.intake,
                                  soort=TermijnSoort.WMO_BESCHIKKING,
                                  start=dt.date(2026, 3, 20))
        assert _dag(termijn) == dt.date(2026, 4, 7)  # Good Friday and Easter Monday skipped

    @time_machine.travel(dt.datetime(2026, 11, 23, 10, tzinfo=AMS), tick=False)
    @pytest.mark.parametrize(("soort", "start", "einde"), [
        (TermijnSoort.WMO_ONDERZOEK, dt.date(2026, 3, 24), dt.date(2026, 5, 6)),  # 5 May skip
        (TermijnSoort.JEUGD_BESCHIKKING, dt.date(2026, 10, 3), dt.date(2026, 11, 30)),
        (TermijnSoort.WMO_BESCHIKKING, dt.date(2026, 11, 23), dt.date(2026, 12, 7)),
    ])
    def test_term_lengths(self, stad, casus, soort, start, einde) -> None:  # type: ignore[no-untyped-def]
        [termijn] = termijn_start(user=stad.pro, intake=casus.intake, soort=soort, start=start)
        assert _dag(termijn) == einde

    @time_machine.travel(dt.datetime(2026, 11, 23, 10, tzinfo=AMS), tick=False)
    def test_participatiewet_starts_decision_and_advance(self, stad, casus) -> None:  # type: ignore[no-untyped-def]
        made = termijn_start(user=stad.pro, intake=casus.intake, soort=TermijnSoort.PW_BESLUIT,
                             start=dt.date(2026, 11, 23))
        assert {t.soort: _dag(t) for t in made} == {
            TermijnSoort.PW_BESLUIT: dt.date(2027, 1, 18),
            TermijnSoort.PW_VOORSCHOT: dt.date(2026, 12, 21)}

    def test_start_in_the_future_is_refused(self, stad, casus) -> None:  # type: ignore[no-untyped-def]
        with pytest.raises(ValidationError):
            termijn_start(user=stad.pro, intake=casus.intake, soort=TermijnSoort.WMO_BESCHIKKING,
                          start=dt.date(2099, 1, 1))


class TestSuspendAndExtend:
    def test_suspension_moves_the_end_by_the_days_it_stood_still(self, stad, casus) -> None:  # type: ignore[no-untyped-def]
        with time_machine.travel(dt.datetime(2026, 11, 2, 10, tzinfo=AMS), tick=False):
            [termijn] = termijn_start(user=stad.pro, intake=casus.intake,
                                      soort=TermijnSoort.JEUGD_BESCHIKKING,
                                      start=dt.date(2026, 11, 2))
        assert _dag(termijn) == dt.date(2026, 12, 28)
        with time_machine.travel(dt.datetime(2026, 11, 10, 10, tzinfo=AMS), tick=False):
            termijn_suspend(user=stad.pro, termijn=termijn, reden="Wacht op stukken",
                               vanaf=dt.date(2026, 11, 10))
        termijn.refresh_from_db()
        assert termijn.status == TermijnStatus.OPGESCHORT and termijn.volgende_herinnering_op \
            is None
        with time_machine.travel(dt.datetime(2026, 11, 20, 10, tzinfo=AMS), tick=False):
            termijn_resume(user=stad.pro, termijn=termijn, op=dt.date(2026, 11, 20))
        termijn.refresh_from_db()
        # Ten days suspended: 28 Dec + 10 = 7 Jan 2027 (a Thursday).
        assert _dag(termijn) == dt.date(2027, 1, 7) and termijn.status == TermijnStatus.LOPEND
        kinds = list(TermijnGebeurtenis.objects.filter(termijn=termijn)
                     .values_list("soort", flat=True))
        assert kinds == ["gestart", "opgeschort", "hervat"]

    def test_suspension_needs_a_reason(self, stad, casus) -> None:  # type: ignore[no-untyped-def]
        termijn = casus.intake.termijnen.get()
        with pytest.raises(ValidationError):
            termijn_suspend(user=stad.pro, termijn=termijn, reden=" ",
                               vanaf=dt.date.today())

    def test_extension_tells_the_resident(self, stad, casus) -> None:  # type: ignore[no-untyped-def]
        with time_machine.travel(dt.datetime(2026, 11, 23, 10, tzinfo=AMS), tick=False):
            [termijn] = termijn_start(user=stad.pro, intake=casus.intake,
                                      soort=TermijnSoort.WMO_BESCHIKKING,
                                      start=dt.date(2026, 11, 23))
            with pytest.raises(ValidationError):
                termijn_extend(user=stad.pro, termijn=termijn,
                                 nieuwe_deadline=dt.date(2026, 12, 1), reden="x")
            termijn_extend(user=stad.pro, termijn=termijn,
                             nieuwe_deadline=dt.date(2026, 12, 21),
                             reden="Advies van de arts duurt langer")
        termijn.refresh_from_db()
        assert _dag(termijn) == dt.date(2026, 12, 21)
        assert termijn.oorspronkelijke_deadline.date() == dt.date(2026, 12, 7)
        note = Notificatie.objects.get(ontvanger=stad.inwoner, soort="termijn")
        assert "21-12-2026" in note.tekst and "arts" in note.tekst


def test_professional_call_back_promise_tells_the_resident(stad, casus) -> None:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    moment = timezone.now() + dt.timedelta(days=1)
    termijn = terugbelafspraak_create(user=stad.pro, intake=casus.intake, moment=moment,
                                      toelichting="Over de huur")
    assert termijn.verantwoordelijke == stad.pro and termijn.soort == TermijnSoort.TERUGBELLEN
    note = Notificatie.objects.get(ontvanger=stad.inwoner, soort="termijn")
    assert stad.pro.get_full_name() in note.tekst
    with pytest.raises(ValidationError):
        terugbelafspraak_create(user=stad.pro, intake=casus.intake,
                                moment=timezone.now() - dt.timedelta(hours=1))
