"""An officer opens the next Go/noGo review now, before its date (brought forward): the
review is the one scheduled next, held today; the later ones stay as scheduled."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from coopact.contracts.errors import NotFound, Refused
from coopact.contracts.lifecycle import Stage
from coopact.contracts.review_timing import NotNow, why_not_now
from coopact.services import review_opening
from coopact.services._common import partnership_of
from coopact.services.reviews import review_answers_of


class NotStarted(Refused):
    """A review is held after the partnership's start (its health check is dated then)."""

    def __init__(self, reference: str, start: dt.date) -> None:
        super().__init__(
            f"{reference} starts on {start.isoformat()}: a review opens only after its start"
        )
        self.start = start


class NotActive(Refused):
    """A review is brought forward only on an active partnership (``stage``: where it is)."""

    def __init__(self, reference: str, stage: str) -> None:
        super().__init__(f"{reference} is {stage}: a review opens only on an active partnership")
        self.stage = stage


class HeldToday(Refused):
    """A review's health check is dated by its day: a second review the same day would
    find the first's answers as its own."""

    def __init__(self, reference: str) -> None:
        super().__init__(f"{reference} held a review today: the next opens from tomorrow")


@dataclass(frozen=True)
class OpenReviewNow:
    reference: str
    officer: str
    today: dt.date


def open_now(uow_factory: Any, command: OpenReviewNow) -> review_opening.DueReview:
    """Open it in one transaction (as `coopact review-due` opens a due review), dated today."""
    with uow_factory() as uow:
        row, item = uow.partnerships.next_review(command.reference)
        if row is None:
            raise NotFound(f"no partnership {command.reference}")
        if row.stage != Stage.active.value:
            raise NotActive(command.reference, row.stage)
        if item is None:
            raise Refused(f"{command.reference} has no review scheduled any more")
        whole = uow.partnerships.get(command.reference)
        start = partnership_of(whole).start_date
        held = review_answers_of(uow, [whole.id]).get(whole.id, [])
        why = why_not_now(start, command.today, (a.review_date for a in held))
        if why is NotNow.not_started:
            raise NotStarted(command.reference, start)
        if why is NotNow.held_today:
            raise HeldToday(command.reference)
        brought = SimpleNamespace(id=item.id, kind=item.kind, subject=item.subject,
                                  due_on=command.today)  # fmt: skip
        actor = f"{command.officer} (partnership_officer)"
        [opened] = review_opening._open_reviews(uow, [(row, [brought])], command.today, actor)
        uow.commit()
        return opened
