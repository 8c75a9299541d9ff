"""The working-day calendar of the Algemene termijnenwet, on known dates across years."""

from datetime import date, timedelta

import pytest

from toegang.core.werkdagen import (
    feestdagen,
    is_werkdag,
    termijn_einde,
    volgende_werkdag,
    werkdagen_na,
    werkdagen_tussen,
)


@pytest.mark.parametrize("dag", [
    date(2026, 1, 1),    # Nieuwjaarsdag
    date(2026, 4, 3),    # Goede Vrijdag
    date(2026, 4, 6),    # Tweede Paasdag
    date(2026, 4, 27),   # Koningsdag
    date(2026, 5, 5),    # Bevrijdingsdag, every year (not only lustrum years)
    date(2027, 5, 5),
    date(2026, 5, 14),   # Hemelvaartsdag
    date(2026, 5, 25),   # Tweede Pinksterdag
    date(2026, 12, 25), date(2026, 12, 26),
    date(2025, 4, 26),   # Koningsdag moves to Saturday 26 April when the 27th is a Sunday
    date(2026, 11, 21), date(2026, 11, 22),  # a weekend
])
def test_not_a_working_day(dag: date) -> None:
    assert not is_werkdag(dag)


@pytest.mark.parametrize("dag", [date(2026, 11, 23), date(2026, 12, 24), date(2026, 12, 31),
                                 date(2025, 4, 28), date(2026, 4, 2)])
def test_working_day(dag: date) -> None:
    assert is_werkdag(dag)


def test_eleven_non_working_holidays_each_year() -> None:
    for jaar in range(2024, 2031):
        assert len(feestdagen(jaar)) == 11, jaar


def test_working_days_after() -> None:
    # Friday 20 Nov 2026 + 1 working day = Monday 23 Nov; + 3 = Wednesday 25 Nov.
    assert werkdagen_na(date(2026, 11, 20), 1) == date(2026, 11, 23)
    assert werkdagen_na(date(2026, 11, 20), 3) == date(2026, 11, 25)
    # Thursday 2 April 2026: Good Friday and Easter Monday are skipped.
    assert werkdagen_na(date(2026, 4, 2), 1) == date(2026, 4, 7)
    # Christmas: Thursday 24 Dec 2026 + 1 = Monday 28 Dec.
    assert werkdagen_na(date(2026, 12, 24), 1) == date(2026, 12, 28)
    assert werkdagen_na(date(2026, 12, 24), 0) == date(2026, 12, 24)


def test_working_days_between() -> None:
    assert werkdagen_tussen(date(2026, 11, 20), date(2026, 11, 23)) == 1
    assert werkdagen_tussen(date(2026, 4, 2), date(2026, 4, 7)) == 1
    assert werkdagen_tussen(date(2026, 11, 23), date(2026, 11, 23)) == 0
    assert werkdagen_tussen(date(2026, 11, 23), date(2026, 11, 20)) == 0


def test_wmo_two_week_term_starting_before_easter() -> None:
    # An aanvraag on Friday 20 March 2026: two weeks later is Good Friday 3 April, which is
    # not a working day, and Easter weekend and Easter Monday follow: the term ends Tuesday 7.
    assert termijn_einde(date(2026, 3, 20), weken=2) == date(2026, 4, 7)


def test_term_ending_on_a_weekend_runs_on() -> None:
    assert termijn_einde(date(2026, 10, 3), weken=8) == date(2026, 11, 30)  # Sat → Mon
    assert termijn_einde(date(2026, 11, 23), weken=8) == date(2027, 1, 18)
    assert termijn_einde(date(2026, 3, 10), weken=8) == date(2026, 5, 6)  # 5 May is skipped
    assert termijn_einde(date(2026, 11, 23), maanden=6) == date(2027, 5, 24)


def test_next_working_day() -> None:
    assert volgende_werkdag(date(2026, 12, 25)) == date(2026, 12, 28)
    assert volgende_werkdag(date(2026, 12, 28)) == date(2026, 12, 28)


def test_fast_count_matches_day_by_day_counting() -> None:
    import random

    rng = random.Random(7)
    for _ in range(300):
        van = date(2024, 1, 1) + timedelta(days=rng.randint(0, 900))
        tot = van + timedelta(days=rng.randint(-3, 400))
        slow, dag = 0, van
        while dag < tot:
            dag += timedelta(days=1)
            slow += is_werkdag(dag)
        assert werkdagen_tussen(van, tot) == slow, (van, tot)
