"""When the partners can meet: working days in France, and where each ritual falls.

Weekends and French public holidays (the ``holidays`` library, metropolitan France) are
not working days. Rituals are spread: each has its own time slot, a short ritual starts on
the first working day of the term and a yearly one at the end of its first year (an annual
review reviews a year), and an occurrence falling on a day off moves to the next working
day. The charter's calendar table and the .ics file both come from here, so they agree.
"""

from __future__ import annotations

import datetime as dt
import functools

import holidays

from coopact.contracts.communication import ritual_occurrences
from coopact.schemas import Ritual, add_months

# Ritual n (from 1) meets at SLOTS[(n - 1) % len(SLOTS)], Europe/Paris time.
SLOTS: tuple[dt.time, ...] = (
    dt.time(10, 0),
    dt.time(14, 0),
    dt.time(11, 0),
    dt.time(15, 0),
    dt.time(9, 0),
    dt.time(16, 0),
)


@functools.lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("FR", years=year))


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday, and not a French public holiday."""
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def next_working_day(day: dt.date) -> dt.date:
    """``day`` itself when it is a working day, else the next one."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def previous_working_day(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def slot(n: int) -> dt.time:
    """The time of ritual ``n`` (from 1): rituals do not all meet at the same hour."""
    return SLOTS[(n - 1) % len(SLOTS)]


def first_day(ritual: Ritual, start: dt.date) -> dt.date:
    """The first meeting: the first working day of the term, or, for a ritual held once a
    year or less often, the last working day of its first period (the end of its year)."""
    if ritual.every_months is not None and ritual.every_months >= 12:
        return previous_working_day(add_months(start, ritual.every_months) - dt.timedelta(days=1))
    return next_working_day(start)


def nominal_days(ritual: Ritual, start: dt.date, until: dt.date) -> list[dt.date]:
    """The dates of the ritual's RRULE from its first day (before moving days off)."""
    return ritual_occurrences(ritual, first_day(ritual, start), until)


def meeting_days(ritual: Ritual, start: dt.date, until: dt.date) -> list[dt.date]:
    """The days the ritual actually meets: each nominal day moved to a working day."""
    return [next_working_day(day) for day in nominal_days(ritual, start, until)]
