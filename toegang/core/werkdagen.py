"""Working days under the Algemene termijnenwet.

Not a working day: Saturday, Sunday, New Year's Day, Good Friday, Easter Monday, King's Day
(26 April when the 27th is a Sunday), 5 May (every year), Ascension Day, Whit Monday and both
Christmas days. The `holidays` package's NL calendar with the public and optional categories
gives exactly these days (Easter and Whit Sunday fall on a Sunday anyway).

A term counted in days, weeks or months that ends on a day that is not a working day runs on
to the next working day (Algemene termijnenwet, art. 1).
"""

import functools
from datetime import date, datetime, time, timedelta

import holidays
from dateutil.relativedelta import relativedelta
from django.utils import timezone


@functools.cache
def feestdagen(jaar: int) -> frozenset[date]:
    """The holidays of `jaar` that are not working days (weekends not included)."""
    return frozenset(holidays.NL(years=jaar, categories=("public", "optional")).keys())


def is_werkdag(dag: date) -> bool:
    return dag.weekday() < 5 and dag not in feestdagen(dag.year)


def volgende_werkdag(dag: date) -> date:
    """`dag` itself when it is a working day, otherwise the first working day after it."""
    while not is_werkdag(dag):
        dag += timedelta(days=1)
    return dag


def werkdagen_na(start: date, aantal: int) -> date:
    """The date `aantal` working days after `start` (the start day itself is not counted)."""
    if aantal < 0:
        raise ValueError("aantal must be zero or more")
    dag = start
    while aantal:
        dag += timedelta(days=1)
        if is_werkdag(dag):
            aantal -= 1
    return dag


def _weekdagen_tot(dag: date) -> int:
    """Monday-to-Friday days from a fixed Monday up to and including `dag` (for differences)."""
    dagen = (dag - _ANKER).days + 1
    weken, rest = divmod(dagen, 7)
    return weken * 5 + min(rest, 5)


_ANKER = date(1900, 1, 1)  # a Monday


def werkdagen_tussen(van: date, tot: date) -> int:
    """How many working days lie after `van` up to and including `tot` (0 if tot <= van).

    Arithmetic on weekdays minus the holidays that fall on a weekday, so a waiting time of
    years costs no more than one of days (the queue computes it for every row)."""
    if tot <= van:
        return 0
    weekdagen = _weekdagen_tot(tot) - _weekdagen_tot(van)
    feest = sum(1 for jaar in range(van.year, tot.year + 1) for dag in feestdagen(jaar)
                if van < dag <= tot and dag.weekday() < 5)
    return weekdagen - feest


def termijn_einde(start: date, *, dagen: int = 0, weken: int = 0, maanden: int = 0) -> date:
    """End of a term of calendar days, weeks or months after `start`, moved to the next
    working day when it ends on a weekend or holiday (Algemene termijnenwet art. 1)."""
    einde = start + timedelta(days=dagen, weeks=weken) + relativedelta(months=maanden)
    return volgende_werkdag(einde)


def einde_van_dag(dag: date) -> datetime:
    """The last moment of `dag` in Amsterdam time (the end of a term that ends that day)."""
    return timezone.make_aware(datetime.combine(dag, time(23, 59, 59)))
