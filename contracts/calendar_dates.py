"""The review calendar (:func:`governance_calendar`): the periodic Go/noGo reviews, the
milestones that are Go/noGo gates, and the date by which renewal must be notified; the
reviews already held stay as they were when a calendar is re-issued after an avenant."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coopact.contracts.formatting import format_date
from coopact.schemas.term import add_months

if TYPE_CHECKING:  # annotations only: the schema's models are not built at run time
    from coopact.schemas import Partnership, Term
    from coopact.schemas.partnership import Ritual


class CalendarKind:
    review = "review"
    review_held = "review_held"
    gate_milestone = "gate_milestone"
    renewal_notice = "renewal_notice"


@dataclass(frozen=True)
class CalendarItem:
    """A dated item of the partnership's calendar (the stage turns it into a ScheduledItem)."""

    kind: str  # review | gate_milestone | renewal_notice
    due_on: dt.date
    subject: str
    key: str  # stable within the partnership: review-1, milestone-m2, renewal-notice


_CALENDAR_WORDS = {
    "fr": {
        "review": "Revue Go/noGo n° {n}",
        "held": "Revue Go/noGo n° {n} (tenue le {date})",
        "gate": "Jalon Go/noGo : {title}",
        "notice": "Date limite de préavis de renouvellement",
    },
    "en": {
        "review": "Go/noGo review {n}",
        "held": "Go/noGo review {n} (held on {date})",
        "gate": "Go/noGo milestone: {title}",
        "notice": "Renewal notice deadline",
    },
}


def review_dates(partnership: Partnership) -> list[dt.date]:
    """Periodic Go/noGo reviews: start + k x every_months (k >= 1), inside the term."""
    every = partnership.reviews.every_months
    end = partnership.end_date
    dates = []
    k = 1
    while (day := add_months(partnership.start_date, k * every)) <= end:
        dates.append(day)
        k += 1
    return dates


def renewal_notice_date(partnership: Partnership | Term) -> dt.date:
    """The last day to notify renewal or departure: end of term minus ``notice_months``."""
    return add_months(partnership.end_date, -partnership.notice_months)


@dataclass(frozen=True)
class History:
    """What already took place when a calendar is re-issued after an avenant: the new file
    applies from ``since``; the reviews held before it (their dates) stay as they were."""

    since: dt.date
    held: tuple[dt.date, ...] = ()
    rituals: tuple[Ritual, ...] = ()  # the rituals as they were before ``since``


def governance_calendar(
    partnership: Partnership, history: History | None = None
) -> list[CalendarItem]:
    """Reviews, Go/noGo gate milestones and the renewal notice date, in date order. With a
    ``history``, the reviews before ``history.since`` are those held (shown as held), and
    the reviews of the file from that date on continue their numbering."""
    words = _CALENDAR_WORDS.get(partnership.language.value, _CALENDAR_WORDS["en"])
    if history is None:
        items = [
            CalendarItem(CalendarKind.review, day, words["review"].format(n=n), f"review-{n}")
            for n, day in enumerate(review_dates(partnership), start=1)
        ]
    else:
        held = sorted(day for day in history.held if day < history.since)
        items = [
            CalendarItem(
                CalendarKind.review_held,
                day,
                words["held"].format(n=n, date=format_date(day, partnership.language.value)),
                f"review-{n}",
            )
            for n, day in enumerate(held, start=1)
        ]
        coming = [day for day in review_dates(partnership) if day >= history.since]
        items.extend(
            CalendarItem(CalendarKind.review, day, words["review"].format(n=n), f"review-{n}")
            for n, day in enumerate(coming, start=len(held) + 1)
        )
    items.extend(
        CalendarItem(
            CalendarKind.gate_milestone,
            m.due,
            words["gate"].format(title=m.title),
            f"milestone-{m.key}",
        )
        for m in partnership.milestones
        if m.gate
    )
    notice = renewal_notice_date(partnership)
    if notice >= partnership.start_date:
        items.append(
            CalendarItem(CalendarKind.renewal_notice, notice, words["notice"], "renewal-notice")
        )
    return sorted(items, key=lambda item: (item.due_on, item.kind, item.key))
