"""The meeting record of a review (:mod:`contracts.meeting`), kept with the vote it came with.

It names people (the chair, proxies) and may name a place: the text is kept out of the
audit chain (``personal_texts``, which `coopact erase` clears), and the chain records a
``review.meeting`` event with its form, the review's round and the text's SHA-256. The
minutes read the latest record of the round when the review closes.
"""

from __future__ import annotations

import json

from coopact.contracts.errors import InvalidInput, Problem
from coopact.contracts.lifecycle import Gate
from coopact.contracts.meeting import Meeting, problems
from coopact.schemas import Partnership
from coopact.services.review_types import Referenced
from coopact.store.uow import UnitOfWork

EVENT = "review.meeting"


def check(partnership: Partnership, gate: Gate, meeting: Meeting) -> None:
    """Refuse (InvalidInput) a meeting record at another gate, or one that cannot be true."""
    if gate is not Gate.review:
        raise InvalidInput(
            "meeting",
            [Problem("meeting", "a meeting record goes with a vote at the review gate only")],
        )
    found = problems(partnership, meeting)
    if found:
        raise InvalidInput("meeting", found)


def keep(uow: UnitOfWork, row: Referenced, round_: int, meeting: Meeting, actor: str) -> None:
    """Record ``meeting`` for the review's ``round_`` in the caller's transaction."""
    text = json.dumps(meeting.to_data(), ensure_ascii=False, sort_keys=True)
    digest = uow.people.keep(text)
    uow.audit(
        EVENT, actor=actor, reference=row.reference, round=round_, form=meeting.form.value,
        record_sha256=digest,
    )  # fmt: skip


def of_round(uow: UnitOfWork, row: Referenced, round_: int) -> Meeting | None:
    """The latest meeting record of the review's ``round_`` (None: none was given, or it was
    erased)."""
    given = [
        e.payload["record_sha256"]
        for e in uow.review_records.events(row.reference, [EVENT])
        if e.payload.get("round") == round_ and e.payload.get("record_sha256")
    ]
    if not given:
        return None
    text = uow.review_records.kept_text(given[-1])
    return Meeting.from_data(json.loads(text)) if text else None
