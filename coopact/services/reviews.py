"""Periodic reviews: opening those that are due, recording the health check."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import inspect, select

from contracts import lifecycle
from contracts.conditions import Condition, TrackedCondition
from contracts.errors import InvalidInput
from contracts.lifecycle import Event, Gate, Stage
from contracts.renewal import TERM_END
from contracts.review import validate_against
from coopact.loading import problems_of
from coopact.notify import NotifyError, Transport
from coopact.services._common import (
    SYSTEM,
    _refuse,
    partnership_of,
)
from coopact.services.decisions import open_new_round
from schemas import Partnership
from schemas.review import ReviewAnswers
from store import audit
from store.tables import (
    ConditionRow,
    PartnershipRow,
    ReviewAnswersRow,
    ScheduleRow,
)
from store.uow import UnitOfWork


# --------------------------------------------------------------------------- scheduled reviews
@dataclass(frozen=True)
class DueReview:
    reference: str
    kind: str
    due_on: dt.date


OPENING = ("review", "gate_milestone")
RENEWAL_KINDS = ("renewal_notice", "renewal_reminder")


def review_due(
    uow: UnitOfWork,
    today: dt.date,
    *,
    actor: str = SYSTEM,
    transport: Transport | None = None,
    templates: Path | None = None,
) -> list[DueReview]:
    """Open the review (or renewal) gate of every active partnership whose date has come.

    Everything due for one partnership by ``today`` (a periodic review, a Go/noGo milestone
    on the same date...) is covered by the one review it opens, which names the periods it
    covers; each earlier review date it covers is recorded as overdue. Renewal: reminders
    ahead of the notice deadline (an express renewal opens its gate with the first), a
    tacit renewal at the deadline unless a partner gave notice. At the end of the term
    without renewal, the exit starts. With a ``transport``, the reminders are mailed to the
    partnership officers and the sponsors, and the sponsors told of an exit to acknowledge
    (``templates``: the templates folder, holding ``mail/``). Returns the review and renewal
    gates opened.
    """
    from coopact.services import after_signature

    opened: list[DueReview] = []
    with uow:
        due = uow.session.scalars(
            select(ScheduleRow)
            .where(ScheduleRow.due_on <= today, ScheduleRow.done_at.is_(None))
            .order_by(ScheduleRow.partnership_id, ScheduleRow.due_on)
        ).all()
        by_partnership: dict[int, list[ScheduleRow]] = {}
        for item in due:
            by_partnership.setdefault(item.partnership_id, []).append(item)
        reminders: list[tuple[str, Partnership, dt.date]] = []
        exits: list[str] = []  # partnerships whose exit started: the sponsors are told
        for partnership_id, items in by_partnership.items():
            row = uow.session.get(PartnershipRow, partnership_id, with_for_update=True)
            term_end = [i for i in items if i.kind == TERM_END]
            if row is not None and Stage(row.stage) is Stage.in_renewal and term_end:
                # the term ends while the express renewal is still undecided: not renewed
                after_signature.end_of_term(uow, row, partnership_of(row), term_end[0].due_on)
                exits.append(row.reference)
                continue
            if row is None or Stage(row.stage) is not Stage.active:
                continue  # a gate already open, or not active: it waits for the next run
            partnership = partnership_of(row)
            reviews = [i for i in items if i.kind in OPENING]
            renewal = [i for i in items if i.kind in RENEWAL_KINDS]
            if reviews and not term_end:
                opened.append(_open_review(uow, row, reviews, today, actor=actor))
                continue
            if renewal:  # first: a tacit renewal due at the deadline moves the term's end
                reminders += [
                    (row.reference, partnership, i.due_on)
                    for i in renewal
                    if i.kind == "renewal_reminder"
                ][-1:]  # one reminder per run, the latest due
                if after_signature.renewal_due(uow, row, partnership, renewal, actor=actor):
                    opened.append(DueReview(row.reference, "renewal", renewal[0].due_on))
            still_due = [i for i in term_end if not inspect(i).was_deleted]
            if still_due and Stage(row.stage) is Stage.active:
                overdue(uow, row, reviews, today, actor=actor)
                after_signature.end_of_term(uow, row, partnership, still_due[0].due_on)
                exits.append(row.reference)
        uow.commit()
    if transport is not None:
        _send_reminders(uow, reminders, transport, templates, actor=actor)
        for reference in exits:
            _notify_exit(uow, reference, transport, templates)
    return opened


def _notify_exit(
    uow: UnitOfWork, reference: str, transport: Transport, templates: Path | None
) -> None:
    from coopact.config import settings
    from coopact.services.work import notify_gate

    try:
        notify_gate(uow, reference, transport, templates=templates or settings().templates)
    except NotifyError as error:
        with uow:
            uow.audit("gate.notify_failed", actor=SYSTEM, reference=reference, error=error.message)
            uow.commit()


def _send_reminders(
    uow: UnitOfWork,
    reminders: list[tuple[str, Partnership, dt.date]],
    transport: Transport,
    templates: Path | None,
    *,
    actor: str,
) -> None:
    from coopact.notify_renewal import send_reminders
    from coopact.services._common import MAIL_FROM

    for reference, partnership, day in reminders:
        try:
            sent = send_reminders(
                partnership, transport, reference=reference, sender=MAIL_FROM,
                reminder_on=day, templates=templates / "mail" if templates else None,
            )  # fmt: skip
            action, detail = "renewal.reminder_sent", {"sent": sent}
        except NotifyError as error:
            action, detail = "renewal.reminder_failed", {"error": error.message}
        with uow:
            uow.audit(action, actor=actor, reference=reference, due_on=day.isoformat(), **detail)
            uow.commit()


def overdue(
    uow: UnitOfWork,
    row: PartnershipRow,
    items: list[ScheduleRow],
    today: dt.date,
    *,
    actor: str,
    covered_by: dt.date | None = None,
) -> list[str]:
    """Record each periodic review whose date passed without a review of its own."""
    missed = [
        i for i in items if i.kind == "review" and (covered_by is None or i.due_on < covered_by)
    ]
    lines = []
    for item in missed:
        line = f"review of {item.due_on.isoformat()} overdue since {item.due_on.isoformat()}"
        lines.append(line)
        uow.audit(
            "review.overdue",
            actor=actor,
            reference=row.reference,
            due_on=item.due_on.isoformat(),
            noticed_on=today.isoformat(),
            covered_by=covered_by.isoformat() if covered_by else None,
        )
    return lines


def _open_review(
    uow: UnitOfWork, row: PartnershipRow, items: list[ScheduleRow], today: dt.date, *, actor: str
) -> DueReview:
    latest = max(i.due_on for i in items)
    overdue(uow, row, items, today, actor=actor, covered_by=latest)
    new_stage = lifecycle.move(Stage.active, Event.review_due)
    row.stage = new_stage.value
    open_new_round(row, [Gate.review])
    now = dt.datetime.now(dt.UTC)
    for item in items:
        item.done_at = now
    uow.audit(
        "review.opened",
        actor=actor,
        reference=row.reference,
        covers=[f"{i.kind} {i.subject} {i.due_on.isoformat()}".strip() for i in items],
        due_on=latest.isoformat(),
        opened_on=today.isoformat(),
        periods=sorted({i.due_on.isoformat() for i in items if i.kind == "review"}),
        stage_to=new_stage.value,
    )
    return DueReview(row.reference, "review", latest)


def review_periods(uow: UnitOfWork, row: PartnershipRow) -> list[dt.date]:
    """The periodic review dates the open review covers (none when no review is open)."""
    if Stage(row.stage) is not Stage.in_review:
        return []
    opened = [e for e in audit.events(uow.session, row.reference) if e.action == "review.opened"]
    if not opened:
        return []
    return [dt.date.fromisoformat(day) for day in opened[-1].payload.get("periods", [])]


def tracked_conditions(uow: UnitOfWork, row: PartnershipRow) -> list[TrackedCondition]:
    """The conditions adopted at earlier reviews, with when each was met."""
    rows = uow.session.scalars(
        select(ConditionRow)
        .where(ConditionRow.partnership_id == row.id, ConditionRow.adopted.is_(True))
        .order_by(ConditionRow.due_on, ConditionRow.id)
    )
    return [
        TrackedCondition(Condition(c.what, c.owner, c.due_on, c.indicator), c.met_on) for c in rows
    ]


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
        stored = ReviewAnswersRow(
            partnership_id=row.id, review_date=answers.review_date, answers=data
        )
        uow.session.add(stored)
        uow.flush()
        uow.audit(
            "review.answers_recorded",
            actor=actor,
            reference=reference,
            answers_id=stored.id,
            review_date=answers.review_date.isoformat(),
            answers_sha256=hashlib.sha256(
                json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
            ).hexdigest(),
            partners=sorted(answers.partners),
        )
        row.updated_at = dt.datetime.now(dt.UTC)
        uow.commit()


def _review_answers(
    uow: UnitOfWork, row: PartnershipRow
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """The health check of the current review (recorded since the review last opened) and
    the latest one of an earlier review, as stored."""
    rows = list(
        uow.session.scalars(
            select(ReviewAnswersRow)
            .where(ReviewAnswersRow.partnership_id == row.id)
            .order_by(ReviewAnswersRow.id)
        )
    )
    if not rows:
        return None, None
    events = audit.events(uow.session, row.reference)
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
