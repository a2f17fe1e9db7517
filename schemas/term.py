"""The term of a partnership: its end, and calendar months added to a date.

Plain data, no pydantic model: `status REF` reads a stored file's term without building the
partnership file's models (issue 25)."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from coopact.schemas.vocabulary import Renewal


@dataclass(frozen=True)
class Term:
    """The term of a stored partnership file, read without validating the rest of it
    (`status` over thousands of partnerships): what its end and its notice deadline need.
    The file was validated when it was stored: its start date is ISO text or a date."""

    start_date: dt.date
    duration_months: int
    notice_months: int
    renewal: Renewal

    @classmethod
    def of(
        cls, start_date: dt.date | str, duration_months: int, notice_months: int, renewal: str
    ) -> Term:
        """The term of a stored file's fields, as it stores them (the date as ISO text)."""
        day = start_date if isinstance(start_date, dt.date) else dt.date.fromisoformat(start_date)
        return cls(day, int(duration_months), int(notice_months), Renewal(renewal))

    @property
    def end_date(self) -> dt.date:
        return term_end(self.start_date, self.duration_months)


def term_end(start_date: dt.date, duration_months: int) -> dt.date:
    """Last day of the term: the day before the same date ``duration_months`` later."""
    return add_months(start_date, duration_months) - dt.timedelta(days=1)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by ``months`` calendar months, clamped to the month's last day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
