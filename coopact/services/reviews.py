"""Periodic reviews: opening those that are due, recording the health check."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from coopact.adapters.loading import problems_of
from coopact.contracts.conditions import Condition, TrackedCondition
from coopact.contracts.errors import InvalidInput
from coopact.contracts.lifecycle import Stage
from coopact.contracts.review_check import validate_against
from coopact.schemas.review import ReviewAnswers
from coopact.services._common import _refuse, partnership_of
from coopact.services.review_types import PartnershipLike
from coopact.store.uow import UnitOfWork

__all__ = ["record_review_answers", "review_periods", "tracked_conditions"]


# --------------------------------------------------------------------------- open reviews
# Opening the reviews that are due: coopact.services.review_opening.
def review_periods(uow: UnitOfWork, row: PartnershipLike) -> list[dt.date]:
    """The periodic review dates the open review covers (none when no review is open)."""
    if Stage(row.stage) is not Stage.in_review:
        return []
    return periods_of(row, uow.review_records.events(row.reference, ["review.opened"]))


def periods_of(row: PartnershipLike, events: Sequence[Any]) -> list[dt.date]:
    """:func:`review_periods` from the partnership's audit events (those of
    :data:`REVIEW_EVENTS` at least, oldest first)."""
    if Stage(row.stage) is not Stage.in_review:
        return []
    opened = [e for e in events if e.action == "review.opened"]
    if not opened:
        return []
    return [dt.date.fromisoformat(day) for day in opened[-1].payload.get("periods", [])]


def opened_on(row: PartnershipLike, events: Sequence[Any]) -> dt.date | None:
    """The day the review under way was opened (from :data:`REVIEW_EVENTS`): what its report
    is dated by, whatever day a command runs. None outside a review or when unrecorded."""
    if Stage(row.stage) is not Stage.in_review:
        return None
    opened = [e for e in events if e.action == "review.opened"]
    day = (
        (opened[-1].payload.get("opened_on") or opened[-1].payload.get("due_on"))
        if opened
        else None
    )
    return dt.date.fromisoformat(day) if day else None


def tracked_conditions(uow: UnitOfWork, row: PartnershipLike) -> list[TrackedCondition]:
    """The conditions adopted at earlier reviews, with when each was met."""
    return tracked_conditions_of(uow, [row.id]).get(row.id, [])


def tracked_conditions_of(uow: UnitOfWork, ids: list[int]) -> dict[int, list[TrackedCondition]]:
    """:func:`tracked_conditions` of the partnerships ``ids``, in one query."""
    found: dict[int, list[TrackedCondition]] = {}
    for c in uow.review_records.adopted_conditions(ids):
        found.setdefault(c.partnership_id, []).append(
            TrackedCondition(Condition(c.what, c.owner, c.due_on, c.indicator), c.met_on)
        )
    return found


# --------------------------------------------------------------------------- review answers
REVIEW_ANSWERS = "review answers"


def record_review_answers(
    uow: UnitOfWork, reference: str, answers_data: dict[str, Any], *, actor: str
) -> None:
    """Store the health check of the open review, once validated against the partnership.

    Invalid answers raise InvalidInput listing every problem with its field path; answers
    for a partnership that is not in review are refused. Recording again for the same review
    adds a row: the latest one is read by the review's work. The audit log keeps a hash of
    the answers, not their free-text comments.
    """
    try:
        answers = ReviewAnswers.model_validate(answers_data)
    except ValidationError as error:
        raise InvalidInput(REVIEW_ANSWERS, problems_of(error)) from None
    with uow:
        row = uow.partnerships.get_for_update(reference)
        problems = validate_against(answers, partnership_of(row))
        if problems:
            raise InvalidInput(REVIEW_ANSWERS, problems)
        if Stage(row.stage) is not Stage.in_review:
            _refuse(
                uow,
                reference,
                actor,
                "record review answers",
                f"{reference} is {row.stage}: a review's health check is recorded while the "
                "review is open (in_review, opened by `coopact review-due`)",
            )
        data = answers.model_dump(mode="json")
        uow.flush()  # (a partnership changed meanwhile: Conflict)
        answers_id = uow.review_records.add_answers(row.id, answers.review_date, data)
        uow.audit(
            "review.answers_recorded",
            actor=actor,
            reference=reference,
            answers_id=answers_id,
            review_date=answers.review_date.isoformat(),
            answers_sha256=hashlib.sha256(
                json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
            ).hexdigest(),
            partners=sorted(answers.partners),
        )
        row.updated_at = dt.datetime.now(dt.UTC)
        uow.commit()


def _review_answers(
    uow: UnitOfWork, row: PartnershipLike
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The health check of the current review (recorded since the review last opened) and
    the latest one of an earlier review, as stored."""
    rows = review_answers_of(uow, [row.id]).get(row.id, [])
    if not rows:
        return None, None
    return answers_of(rows, uow.review_records.events(row.reference, REVIEW_EVENTS))


# The audit events the review's work reads of a partnership (its periods, its answers).
REVIEW_EVENTS = ("review.opened", "review.answers_recorded")


def review_answers_of(uow: UnitOfWork, ids: list[int]) -> dict[int, list[Any]]:
    """The stored health checks of the partnerships ``ids``, in the order recorded."""
    found: dict[int, list[Any]] = {}
    for answers in uow.review_records.answers(ids):
        found.setdefault(answers.partnership_id, []).append(answers)
    return found


def answers_of(
    rows: Sequence[Any], events: Sequence[Any]
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """:func:`_review_answers` from the partnership's stored health checks and its audit
    events (those of :data:`REVIEW_EVENTS` at least, oldest first)."""
    if not rows:
        return None, None
    opened = max(
        (
            e.seq
            for e in events
            if e.action == "review.opened" and e.payload.get("stage_to") == Stage.in_review.value
        ),
        default=0,
    )
    recorded = {
        e.payload.get("answers_id"): e.seq for e in events if e.action == "review.answers_recorded"
    }
    now = [r for r in rows if recorded.get(r.id, 0) > opened]
    current = now[-1] if now else None
    earlier = [
        r
        for r in rows
        if recorded.get(r.id, 0) <= opened
        and (current is None or r.review_date < current.review_date)
    ]
    previous = max(earlier, key=lambda r: (r.review_date, r.id)) if earlier else None
    return (current.answers if current else None, previous.answers if previous else None)
