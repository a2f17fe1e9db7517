"""Renewal and notice: when the partners are reminded, and what happens at the deadline.

- ``tacit``: at the notice deadline the partnership renews for the same term, unless a
  partner has given notice before it (a decision, with its date).
- ``express``: the renewal gate opens ahead of the notice deadline (with the first
  reminder); the partnership renews only when every partner renews, by an avenant de
  renouvellement signed like any avenant.

Reminders go out ``REMINDER_DAYS`` days before the notice deadline. Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from coopact.contracts.calendar_dates import renewal_notice_date
from coopact.schemas.vocabulary import Renewal

if TYPE_CHECKING:  # annotations only: the schema's models are not built at run time
    from coopact.schemas import Partnership, Term

REMINDER_DAYS: tuple[int, ...] = (60, 30)
RENEWAL_REMINDER = "renewal_reminder"
TERM_END = "term_end"


def notice_deadline(partnership: Partnership | Term) -> dt.date:

    return renewal_notice_date(partnership)


def reminder_dates(partnership: Partnership, days: Sequence[int] = REMINDER_DAYS) -> list[dt.date]:
    """The reminder dates ahead of the notice deadline, inside the term, earliest first."""
    deadline = notice_deadline(partnership)
    found = {deadline - dt.timedelta(days=d) for d in days if d > 0}
    return sorted(day for day in found if day >= partnership.start_date)


def notice_in_time(partnership: Partnership, given_on: dt.date) -> bool:
    """A notice counts for this term when given on or before the notice deadline."""
    return given_on <= notice_deadline(partnership)


def tacit_renews(partnership: Partnership, notices: Sequence[dt.date]) -> bool:
    """At the notice deadline, a tacit renewal happens unless notice was given in time."""
    if partnership.renewal is not Renewal.tacit:
        return False
    return not any(notice_in_time(partnership, day) for day in notices)


def opens_renewal_gate(partnership: Partnership) -> bool:
    """An express renewal needs every partner's decision: the renewal gate opens."""
    return partnership.renewal is Renewal.express
