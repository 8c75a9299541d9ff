"""Working days under the Algemene termijnenwet.

Not a working day: Saturday, Sunday, New Year's Day, Good Friday, Easter Monday, King's Day
(26 April when the 27th is a Sunday), 5 May (every year), Ascension Day, Whit Monday and both
Christmas days. The `holidays` package's NL calendar with the public and optional categories
gives exactly these days (Easter and Whit Sunday fall on a Sunday anyway).

A term counted in days, weeks or months that ends on a day that is not a working day runs on
to the next working day (Algemene termijnenwet, art. 1).
"""

import functools
from datetime import date, timedelta

import holidays
from dateutil.relativedelta import relativedelta


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


def werkdagen_tussen(van: date, tot: date) -> int:
    """How many working days lie after `van` up to and including `tot` (0 if tot <= van)."""
    count, dag = 0, van
    while dag < tot:
        dag += timedelta(days=1)
        count += is_werkdag(dag)
    return count


def termijn_einde(start: date, *, dagen: int = 0, weken: int = 0, maanden: int = 0) -> date:
    """End of a term of calendar days, weeks or months after `start`, moved to the next
    working day when it ends on a weekend or holiday (Algemene termijnenwet art. 1)."""
    einde = start + timedelta(days=dagen, weeks=weken) + relativedelta(months=maanden)
    return volgende_werkdag(einde)
