"""What the automatic work of a stage reads of a partnership (:func:`stage_context`), and
the same for a chunk of partnerships at once (:func:`read_contexts`: review-due's chunk
writer, a few queries for the whole chunk instead of several per partnership)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coopact.contracts.conditions import TrackedCondition
from coopact.contracts.lifecycle import Stage
from coopact.services._common import _finding
from coopact.services.reviews import (
    REVIEW_EVENTS,
    answers_of,
    opened_on,
    periods_of,
    review_answers_of,
    tracked_conditions_of,
)
from coopact.services.trust import chain_head
from coopact.stages.base import DecisionView, DocumentView, WorkContext
from coopact.store.records import PartnershipRow
from coopact.store.uow import UnitOfWork


@dataclass(frozen=True)
class ContextReads:
    """What :func:`stage_context` and :func:`told` read of a chunk of partnerships, read for all
    of them at once (one query each, not one per partnership): by partnership id, and the
    audit events of :data:`CHUNK_EVENTS` by reference."""

    answers: dict[int, list[Any]]
    documents: dict[int, list[Any]]
    findings: dict[int, list[Any]]
    conditions: dict[int, list[TrackedCondition]]
    events: dict[str, list[Any]]
    audit_head: dict[str, Any] | None
    paid: dict[int, dict[str, Any]] | None = None  # cash received per payer (money)


# The audit events the review's work and its notice read (periods, answers, told).
CHUNK_EVENTS = (*REVIEW_EVENTS, "gate.notified")


def read_contexts(uow: UnitOfWork, rows: Sequence[PartnershipRow]) -> ContextReads:
    """What the stage work of ``rows`` reads, without document contents, in a few queries
    (the chain's head once: nothing is appended before the chunk commits)."""
    ids = [r.id for r in rows]
    repo = uow.partnerships
    return ContextReads(
        answers=review_answers_of(uow, ids),
        documents=repo.document_versions_by_partnership(ids),
        findings=repo.findings_by_partnership(ids),
        conditions=tracked_conditions_of(uow, ids),
        events=uow.events.by_reference([r.reference for r in rows], actions=CHUNK_EVENTS),
        audit_head=chain_head(uow),
        paid=uow.payments.paid_by_payer(ids),
    )


def stage_context(
    uow: UnitOfWork,
    row: PartnershipRow,
    templates: Path,
    today: dt.date,
    now: dt.datetime | None = None,
    contents: Collection[str] = (),
    reads: ContextReads | None = None,
) -> WorkContext:
    """What the stage work reads. Stored documents come without their contents except the
    kinds in ``contents`` (the signature packet reads the agreement's bytes; the other
    stages only versions and hashes). ``reads``: what was read for a chunk of partnerships
    (:func:`read_contexts`), instead of reading this one's."""
    if reads is None:
        reads = _reads_of(uow, row)
    repo = uow.partnerships
    events = reads.events.get(row.reference, [])
    current, previous = answers_of(reads.answers.get(row.id, []), events)
    documents = [
        DocumentView(d.kind, d.version, d.language, d.sha256, d.filename)
        for d in reads.documents.get(row.id, [])
    ]
    if contents:
        read = {
            (d.kind, d.version, d.language): d.content
            for kind in contents
            for d in repo.documents(row, kind)  # re-hashed: their bytes are used
        }
        documents = [
            dataclasses.replace(d, content=read.get((d.kind, d.version, d.language)))
            for d in documents
        ]
    return WorkContext(
        reference=row.reference,
        templates=templates,
        today=opened_on(row, events) or today,  # a review's work is dated by its review
        decisions=[
            DecisionView(
                d.gate, d.decider, d.role, d.partner_key, d.outcome, d.reason, d.document_sha256
            )
            for d in row.decisions
        ],
        documents=documents,
        findings=[_finding(f) for f in reads.findings.get(row.id, [])],
        review_answers=current,
        previous_review_answers=previous,
        audit_head=reads.audit_head,
        conditions=reads.conditions.get(row.id, []),
        review_periods=periods_of(row, events),
        generated_at=now or dt.datetime.now(dt.UTC),  # this work's time, read here
        paid=None if reads.paid is None else reads.paid.get(row.id, {}),
    )


def _reads_of(uow: UnitOfWork, row: PartnershipRow) -> ContextReads:
    """What :func:`stage_context` reads of one partnership (its events read only as needed)."""
    repo = uow.partnerships
    answers = review_answers_of(uow, [row.id])
    needs_events = answers or Stage(row.stage) is Stage.in_review
    events = uow.events.of(row.reference, actions=list(REVIEW_EVENTS)) if needs_events else []
    return ContextReads(
        answers=answers,
        documents={row.id: repo.document_versions(row)},
        findings={row.id: repo.findings(row)},
        conditions=tracked_conditions_of(uow, [row.id]),
        events={row.reference: list(events)},
        audit_head=chain_head(uow),
        paid=uow.payments.paid_by_payer([row.id]) if needs_events else None,
    )
