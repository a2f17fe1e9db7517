"""What the automatic work of a stage receives and produces.

Each stage's work is a plain function ``run(partnership, ctx) -> StageOutput``: it reads
the validated partnership and what was stored before (``ctx``), calls the rules of
``contracts`` and renders documents; it does no database I/O. The service layer stores
what it returns (findings, new document versions, schedule) in one transaction.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from coopact.contracts.findings import Finding
from coopact.contracts.lifecycle import Event, Stage
from coopact.schemas import Partnership


@dataclass(frozen=True)
class DecisionView:
    """A decision already recorded, as the stage work may need it."""

    gate: str
    decider: str
    role: str
    partner_key: str | None
    outcome: str
    reason: str
    document_sha256: str | None


@dataclass(frozen=True)
class DocumentView:
    kind: str
    version: int
    language: str
    sha256: str
    filename: str
    content: bytes | None = field(default=None, repr=False)


@dataclass(frozen=True)
class WorkContext:
    reference: str
    templates: Path
    today: dt.date
    decisions: Sequence[DecisionView] = ()
    documents: Sequence[DocumentView] = ()
    findings: Sequence[Finding] = ()
    settings: Mapping[str, Any] = field(default_factory=dict)
    # The health check of the open review and of the previous one, as validated plain
    # dicts (schemas.review.ReviewAnswers); None when not filled.
    review_answers: Mapping[str, Any] | None = None
    previous_review_answers: Mapping[str, Any] | None = None
    # The audit chain's head when the work runs ({"seq", "hash", "at"}): a signature packet
    # and a review report record it, to be checked later against the chain and anchors.
    audit_head: Mapping[str, Any] | None = None
    # The conditions adopted at earlier go_with_conditions reviews, with when each was met.
    conditions: Sequence[Any] = ()  # contracts.conditions.TrackedCondition
    # The review dates the open review covers (several when review-due ran late).
    review_periods: Sequence[dt.date] = ()
    # When the work runs (UTC, to the second), read from the clock by the service that runs
    # it: a document that states its making (the calendar's DTSTAMP) states this time, and
    # its version is recorded at it. None (a stage run directly): the start of ``today``.
    generated_at: dt.datetime | None = None
    # Cash received so far from each payer (store.payments), read for a review: what was
    # promised and never came is a finding of the health check (contracts.money.late_money).
    paid: Mapping[str, Any] | None = None

    @property
    def generation_time(self) -> dt.datetime:
        """:attr:`generated_at` in UTC to the second, else midnight UTC of ``today``."""
        if self.generated_at is None:
            return dt.datetime.combine(self.today, dt.time(0), tzinfo=dt.UTC)
        return self.generated_at.astimezone(dt.UTC).replace(microsecond=0)

    def latest(self, kind: str, language: str | None = None) -> DocumentView | None:
        """The latest version of a document kind (in ``language`` when given), or None."""
        found = [
            d
            for d in self.documents
            if d.kind == kind and (language is None or d.language == language)
        ]
        return max(found, key=lambda d: d.version) if found else None


@dataclass(frozen=True)
class GeneratedDocument:
    kind: str  # vision_note, balance_report, agreement, charter, calendar, signature_packet...
    language: str
    filename: str
    media_type: str
    content: bytes
    inputs: Mapping[str, Any]  # what it was made from; hashed into inputs_sha256
    # When a document states the time it was made (the calendar's DTSTAMP): its version is
    # recorded with that time, so that the stored file and its version agree.
    created_at: dt.datetime | None = None

    # Each computed once per document (its fields are frozen): a report is hashed when it is
    # compared with the stored version, stored, audited and announced.
    @functools.cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    @functools.cached_property
    def canonical_inputs(self) -> str:
        """The inputs as canonical JSON (keys sorted): what inputs_sha256 hashes, and what
        is stored of them."""
        return json.dumps(self.inputs, sort_keys=True, default=str, ensure_ascii=False)

    @functools.cached_property
    def inputs_sha256(self) -> str:
        return hashlib.sha256(self.canonical_inputs.encode()).hexdigest()


@dataclass(frozen=True)
class ScheduledItem:
    kind: str  # review, gate_milestone, renewal_notice...
    due_on: dt.date
    subject: str = ""


@dataclass(frozen=True)
class StageOutput:
    findings: list[Finding] = field(default_factory=list)
    documents: list[GeneratedDocument] = field(default_factory=list)
    schedule: list[ScheduledItem] = field(default_factory=list)
    event: Event | None = None  # an automatic move to make once stored (signed -> active)
    summary: str = ""  # one line for the officer: what the work did


class StageWork(Protocol):
    def __call__(self, partnership: Partnership, ctx: WorkContext) -> StageOutput: ...


def no_work(partnership: Partnership, ctx: WorkContext) -> StageOutput:
    return StageOutput(summary="nothing to do automatically at this stage")


STAGE_WORK: dict[Stage, StageWork] = {}
"""Filled by ``coopact.stages`` with the work of each stage (draft -> vision work...)."""
