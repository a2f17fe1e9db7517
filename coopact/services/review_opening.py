"""Opening the reviews that are due (`coopact review-due`), thousands at a time.

The due partnerships are opened in chunks of ``CHUNK``, one transaction each, so that no
lock is held across the whole batch and a crash loses at most the chunk under way. Each
chunk locks its partnerships, then reads again what is still due: a run after a crash
opens the rest, and none twice. A plain review opening (the common case) is written in
bulk, from plain values (no ORM object a partnership): an UPDATE for the stages (one per
distinct next rounds), one for the schedule, one INSERT for the audit events (the chain
head read once, last, so that its lock is held only until the commit). What
is rarer (a renewal reminder or deadline, the end of the term) goes through the
partnership's own objects, one at a time, in the same chunk. The SQL is in
store/review_opening.py (``uow.review_opening``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from coopact.adapters.config import settings
from coopact.adapters.mail.renewal import reminder_messages
from coopact.adapters.mail.transports import NotifyError, Transport
from coopact.contracts import lifecycle
from coopact.contracts.lifecycle import Event, Gate, Stage
from coopact.contracts.renewal import TERM_END
from coopact.schemas import Partnership
from coopact.services import after_signature
from coopact.services._common import MAIL_FROM, SYSTEM, partnership_of
from coopact.services.batches import chunk_done, collected_by_chunk
from coopact.services.mail import enqueue_many
from coopact.services.notices import deliver_mail, notify_gate
from coopact.services.rounds import next_rounds
from coopact.store.audit import NewEvent
from coopact.store.review_opening import Move
from coopact.store.uow import UnitOfWork

log = logging.getLogger("coopact.adapters.mail.notify")

CHUNK = 2000  # partnerships a transaction
OPENING = ("review", "gate_milestone")
RENEWAL_KINDS = ("renewal_notice", "renewal_reminder")


class Due(Protocol):
    """A schedule item due, as read (store.review_opening.DueItem, or an ORM row)."""

    @property
    def id(self) -> int: ...
    @property
    def kind(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def due_on(self) -> dt.date: ...


class Opening(Protocol):
    """A partnership whose review opens, as read under its lock."""

    @property
    def id(self) -> int: ...
    @property
    def reference(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def rounds(self) -> dict[str, Any] | None: ...


@dataclass(frozen=True)
class DueReview:
    reference: str
    kind: str
    due_on: dt.date


@dataclass
class _Opened:
    """What one chunk did: the gates opened, and who is to be told once it is committed."""

    reviews: list[DueReview] = field(default_factory=list)
    reminders: list[tuple[str, Partnership, dt.date]] = field(default_factory=list)
    exits: list[str] = field(default_factory=list)  # whose exit started: sponsors are told


def review_due(
    uow: UnitOfWork,
    today: dt.date,
    *,
    actor: str = SYSTEM,
    transport: Transport | None = None,
    templates: Path | None = None,
    chunk: int = CHUNK,
) -> list[DueReview]:
    """Open the review (or renewal) gate of every active partnership whose date has come.

    Everything due for one partnership by ``today`` (a periodic review, a Go/noGo milestone
    on the same date...) is covered by the one review it opens, which names the periods it
    covers; each earlier review date it covers is recorded as overdue. Renewal: reminders
    ahead of the notice deadline (an express renewal opens its gate with the first), a
    tacit renewal at the deadline unless a partner gave notice. At the end of the term
    without renewal, the exit starts. With a ``transport``, the reminders to the
    partnership officers and the sponsors are queued in the chunk's transaction, the
    sponsors told of an exit to acknowledge just after it (``templates``: the templates
    folder, holding ``mail/``), and the mail queue delivered once the chunk is committed.
    Returns the review and renewal gates opened.
    """
    opened: list[DueReview] = []
    with uow:
        due = uow.review_opening.due_partnerships(today)
    with collected_by_chunk():
        for ids in _chunks(due, max(1, chunk)):
            with uow:
                done = _open_chunk(uow, ids, today, actor)
                if transport is not None:  # queued with the chunk, sent once it is committed
                    _queue_reminders(uow, done.reminders, templates, actor=actor)
                uow.commit()
            opened += done.reviews
            if transport is not None:
                for reference in done.exits:
                    _notify_exit(uow, reference, transport, templates)
                _deliver(uow, transport)
            chunk_done()
    return opened


def _chunks(ids: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _open_chunk(uow: UnitOfWork, ids: list[int], today: dt.date, actor: str) -> _Opened:
    """Lock the chunk's partnerships, read again what is due, open it."""
    rows = uow.review_opening.lock(ids)
    due = uow.review_opening.due_items(ids, today)
    done = _Opened()
    plain: list[tuple[Opening, list[Due]]] = []
    for row in rows:
        items = due.get(row.id)
        if not items:
            continue  # opened meanwhile by another run
        stage, kinds = Stage(row.stage), {i.kind for i in items}
        if stage is Stage.active and kinds & set(OPENING) and TERM_END not in kinds:
            plain.append((row, [i for i in items if i.kind in OPENING]))
        elif stage is Stage.active or (stage is Stage.in_renewal and TERM_END in kinds):
            _after_signature_due(uow, row.id, today, actor, done)
    done.reviews += _open_reviews(uow, plain, today, actor)
    return done


# --------------------------------------------------------------------------- in bulk
def _open_reviews(
    uow: UnitOfWork, due: Sequence[tuple[Opening, Sequence[Due]]], today: dt.date, actor: str
) -> list[DueReview]:
    """Open the review of each (partnership, its due review items), in a few statements."""
    if not due:
        return []
    stage_to = lifecycle.move(Stage.active, Event.review_due).value
    moves, events, opened = [], [], []
    for row, items in due:
        latest = max(i.due_on for i in items)
        covers = [f"{i.kind} {i.subject} {i.due_on.isoformat()}".strip() for i in items]
        events += _overdue_events(row.reference, items, today, actor, covered_by=latest)
        events.append(
            NewEvent(
                "review.opened",
                actor,
                row.reference,
                {
                    "covers": covers,
                    "due_on": latest.isoformat(),
                    "opened_on": today.isoformat(),
                    "periods": sorted({i.due_on.isoformat() for i in items if i.kind == "review"}),
                    "stage_to": stage_to,
                },
            )
        )
        moves.append(Move(row.id, row.version, stage_to, next_rounds(row.rounds, [Gate.review])))
        opened.append(DueReview(row.reference, "review", latest))
    uow.review_opening.open(moves, [i.id for _, items in due for i in items], events)
    return opened


def _overdue_events(
    reference: str, items: Sequence[Due], today: dt.date, actor: str, *, covered_by: dt.date | None
) -> list[NewEvent]:
    """A ``review.overdue`` event for each periodic review whose date passed without a
    review of its own (covered by the review of ``covered_by``, when one opens)."""
    return [
        NewEvent(
            "review.overdue",
            actor,
            reference,
            {
                "due_on": i.due_on.isoformat(),
                "noticed_on": today.isoformat(),
                "covered_by": covered_by.isoformat() if covered_by else None,
            },
        )
        for i in items
        if i.kind == "review" and (covered_by is None or i.due_on < covered_by)
    ]


# --------------------------------------------------------------------------- one at a time
def _after_signature_due(
    uow: UnitOfWork, partnership_id: int, today: dt.date, actor: str, done: _Opened
) -> None:
    """Renewal reminders and deadlines, the end of the term (with the reviews due with them)."""
    row = uow.review_opening.partnership(partnership_id)
    items = uow.review_opening.due_schedule(partnership_id, today)
    partnership = partnership_of(row)
    term_end = [i for i in items if i.kind == TERM_END]
    if Stage(row.stage) is Stage.in_renewal:
        # the term ends while the express renewal is still undecided: not renewed
        after_signature.end_of_term(uow, row, partnership, term_end[0].due_on)
        done.exits.append(row.reference)
        return
    reviews = [i for i in items if i.kind in OPENING]
    renewal = [i for i in items if i.kind in RENEWAL_KINDS]
    if renewal:  # first: a tacit renewal due at the deadline moves the term's end
        done.reminders += [
            (row.reference, partnership, i.due_on) for i in renewal if i.kind == "renewal_reminder"
        ][-1:]  # one reminder per run, the latest due
        if after_signature.renewal_due(uow, row, partnership, renewal, actor=actor):
            done.reviews.append(DueReview(row.reference, "renewal", renewal[0].due_on))
    still_due = [i for i in term_end if not uow.review_opening.deleted(i)]
    if still_due and Stage(row.stage) is Stage.active:
        overdue(uow, row.reference, reviews, today, actor=actor)
        after_signature.end_of_term(uow, row, partnership, still_due[0].due_on)
        done.exits.append(row.reference)


def overdue(
    uow: UnitOfWork,
    reference: str,
    items: Sequence[Due],
    today: dt.date,
    *,
    actor: str,
    covered_by: dt.date | None = None,
) -> list[str]:
    """Record each periodic review whose date passed without a review of its own."""
    events = _overdue_events(reference, items, today, actor, covered_by=covered_by)
    for event in events:
        uow.audit(event.action, actor=event.actor, reference=event.reference, **event.payload)
    return [f"review of {e.payload['due_on']} overdue since {e.payload['due_on']}" for e in events]


# --------------------------------------------------------------------------- reports to write
def unwritten_reports(uow: UnitOfWork) -> dict[dt.date, list[str]]:
    """The open reviews whose report is not written yet, by review date: the day review-due
    opened each (its ``review.opened`` event), the date its report is written for and keyed
    on (partnership, review date), whatever the day it is written. A review whose report
    is written (the key stored, or the in_review work recorded since it opened: `coopact
    advance`, `review-answers`) is not listed; nor is one opened before the chain recorded
    its opening day."""
    with uow:
        opened: dict[str, tuple[int, dt.date]] = {}
        for reference, seq, payload in uow.review_opening.opened_in_review():
            day = payload.get("opened_on")
            if day and payload.get("stage_to", Stage.in_review.value) == Stage.in_review.value:
                opened[reference] = (seq, dt.date.fromisoformat(day))
        if not opened:
            return {}
        keyed = uow.review_opening.reports_keyed()
        todo = {r: o for r, o in opened.items() if (r, o[1]) not in keyed}
        if not todo:
            return {}
        since = min(seq for seq, _ in todo.values())
        for reference, seq, payload in uow.review_opening.work_in_review_since(since):
            found = todo.get(reference)
            if found and seq > found[0] and payload.get("stage") == Stage.in_review.value:
                del todo[reference]  # written since it opened, outside review-due
    by_date: dict[dt.date, list[str]] = {}
    for reference, (_, day) in sorted(todo.items(), key=lambda item: item[1][0]):
        by_date.setdefault(day, []).append(reference)
    return dict(sorted(by_date.items()))


# --------------------------------------------------------------------------- mails
def _notify_exit(
    uow: UnitOfWork, reference: str, transport: Transport, templates: Path | None
) -> None:
    try:
        notify_gate(
            uow, reference, transport, templates=templates or settings().templates,
            deliver_now=False,
        )  # fmt: skip
    except NotifyError as error:
        with uow:
            uow.audit("gate.notify_failed", actor=SYSTEM, reference=reference, error=error.message)
            uow.commit()


def _deliver(uow: UnitOfWork, transport: Transport) -> None:
    """Send what the chunk queued (and what earlier runs left); what fails stays queued,
    logged (counts and the server's error only)."""
    warning = deliver_mail(uow, transport)
    if warning:
        log.warning("review-due: %s", warning)


def _queue_reminders(
    uow: UnitOfWork,
    reminders: list[tuple[str, Partnership, dt.date]],
    templates: Path | None,
    *,
    actor: str,
) -> None:
    """Queue the chunk's renewal reminders in its transaction, each recorded in the chain
    ("renewal.reminder_sent": queued, sent after the commit)."""
    if not reminders:
        return
    detail: dict[str, object]
    for reference, partnership, day in reminders:
        try:
            messages = reminder_messages(
                partnership, reference=reference, sender=MAIL_FROM, reminder_on=day,
                templates=templates / "mail" if templates else None,
            )  # fmt: skip
        except NotifyError as error:
            action, detail = "renewal.reminder_failed", {"error": error.message}
        else:
            enqueue_many(uow, messages)
            action, detail = "renewal.reminder_sent", {"sent": len(messages)}
        uow.audit(action, actor=actor, reference=reference, due_on=day.isoformat(), **detail)
