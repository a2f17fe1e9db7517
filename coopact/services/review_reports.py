"""The review reports of the open reviews, written a chunk at a time (review-due's fan-out:
each chunk is a task in a command, a `review-report` run on a worker).

One transaction per chunk. The partnerships are locked (in id order, so that two workers
never wait on each other in a cycle) and their context read for the whole chunk in a few
queries, without document contents (:func:`coopact.services.work_context.read_contexts`);
every report of the chunk is rendered, then their notices made ready (decision links
signed, mails rendered); only then is anything written: per partnership, in a savepoint, the
idempotency key (partnership, review date), the report and its findings, the links, the
mails; the chunk's audit events are appended to the chain just before it commits (as every
transaction's are: :func:`store.audit.record`). On PostgreSQL the chain's lock is held for those
appends and the commit only: two workers render and store at the same time and take turns
only to chain their events.

A report is written once per partnership and review date: the key is checked under the
partnership's lock and stored with the report, so a chunk submitted again (its worker was
lost) skips what was already written. A partnership whose report fails is rolled back on its
own and reported; the others are kept. What the chunk writer does not handle (a renewal
gate, which has no report to write) goes through :func:`coopact.services.work.advance`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coopact.adapters.mail.transports import NotifyError, Transport
from coopact.contracts import lifecycle
from coopact.contracts.errors import CoopactError
from coopact.contracts.lifecycle import Stage
from coopact.schemas import Partnership
from coopact.services._common import SYSTEM, partnership_of
from coopact.services.decisions import _gate_document
from coopact.services.evidence import EVIDENCE
from coopact.services.mail import deliver
from coopact.services.notices import GateNotice, prepare_notice, record_notices, told
from coopact.services.rounds import open_round
from coopact.services.work import advance, record_work
from coopact.services.work_context import ContextReads, read_contexts, stage_context
from coopact.stages import STAGE_WORK
from coopact.stages.base import StageOutput
from coopact.store.records import PartnershipRow
from coopact.store.uow import UnitOfWork

WRITTEN = "written"
ALREADY = "already written"
NOT_OPEN = "review not open"
UNKNOWN = "unknown partnership"
FAILED = "failed"


@dataclass(frozen=True)
class ReportOutcome:
    """What became of one partnership's review report (no personal data: for run logs)."""

    reference: str
    status: str
    documents: list[str] = field(default_factory=list)
    detail: str = ""  # why it failed, or the stage it is in; a warning (a mail not sent)


@dataclass
class _Ready:
    row: PartnershipRow
    partnership: Partnership
    output: StageOutput
    notice: GateNotice | None
    notice_error: str | None


def write_review_reports(
    uow: UnitOfWork,
    references: Sequence[str],
    review_date: dt.date,
    *,
    templates: Path,
    transport: Transport | None,
    actor: str = SYSTEM,
) -> list[ReportOutcome]:
    """Write the review report of each partnership of ``references`` whose review is open,
    once per review date, and tell its comité de pilotage; an outcome per reference, in
    order."""
    outcomes: dict[str, ReportOutcome] = {}
    renewals: list[str] = []
    with uow:
        rows = uow.review_records.lock_chunk(references)  # decisions: one query
        written = uow.review_records.written([r.id for r in rows], review_date)
        reads = read_contexts(uow, [r for r in rows if r.stage == Stage.in_review.value])
        ready: list[_Ready] = []
        for row in rows:
            if row.id in written:
                outcomes[row.reference] = ReportOutcome(row.reference, ALREADY)
            elif row.stage == Stage.in_renewal.value:
                renewals.append(row.reference)  # no report: its gate's notice only
            elif row.stage != Stage.in_review.value:
                outcomes[row.reference] = ReportOutcome(row.reference, NOT_OPEN, detail=row.stage)
            else:
                try:
                    ready.append(_render(uow, row, reads, templates, review_date))
                except Exception as error:  # this report only; the others go on
                    outcomes[row.reference] = _failed(row.reference, error)
        if transport is not None:  # the reports first, then the mails: each code kept warm
            ready = [item for item in ready if _notice_ready(uow, item, reads, templates, outcomes)]
        for item in ready:
            outcomes[item.row.reference] = _store(uow, item, reads, actor)
        stored = [item for item in ready if outcomes[item.row.reference].status == WRITTEN]
        _keys_and_notices(uow, stored, review_date, transport)
        uow.commit()
    if transport is not None:  # the chunk's mails, once committed (and any left before)
        _delivered(uow, transport, outcomes)
    for reference in renewals:
        outcomes[reference] = _through_advance(uow, reference, review_date, templates, transport)
    return [outcomes.get(r) or ReportOutcome(r, UNKNOWN) for r in references]


def _render(
    uow: UnitOfWork,
    row: PartnershipRow,
    reads: ContextReads,
    templates: Path,
    review_date: dt.date,
) -> _Ready:
    """The report rendered, nothing written (no audit lock)."""
    stage = Stage.in_review
    partnership = partnership_of(row)
    context = stage_context(uow, row, templates, review_date, reads=reads)
    output = STAGE_WORK[stage](partnership, context)
    return _Ready(row, partnership, output, None, None)


def _notice_ready(
    uow: UnitOfWork,
    item: _Ready,
    reads: ContextReads,
    templates: Path,
    outcomes: dict[str, ReportOutcome],
) -> bool:
    """The notice of ``item``'s report made ready (decision links signed, mails rendered),
    nothing written, unless the comité was told of this round already; False (its outcome
    set) when the report cannot be written."""
    row = item.row
    spec = lifecycle.awaited_gate(Stage.in_review)
    assert spec is not None  # the review gate
    round_ = open_round(row, spec.gate)
    report = _evidence(row, item.output, EVIDENCE.get(spec.gate))
    if report is None or told(uow, row.reference, spec.gate, round_, reads):
        return True
    try:
        item.notice = prepare_notice(
            row,
            item.partnership,
            spec.gate,
            round_,
            templates=templates,
            document=(report.filename, report.sha256),
            document_sha256=_gate_document(uow, row, spec.gate),
            keyring=uow.keyring,
        )
    except NotifyError as error:
        item.notice_error = error.message
    except Exception as error:  # this report only; the others go on
        outcomes[row.reference] = _failed(row.reference, error)
        return False
    return True


def _evidence(row: PartnershipRow, output: StageOutput, kind: str | None):  # type: ignore[no-untyped-def]
    """The gate's evidence document among what the work produced (the review report in the
    partnership's language); the comité is told only of a written report."""
    language = row.spec.get("language", "fr")
    found = [d for d in output.documents if d.kind == kind and d.language == language]
    return found[-1] if found else None


def _store(uow: UnitOfWork, item: _Ready, reads: ContextReads, actor: str) -> ReportOutcome:
    row = item.row
    try:
        with uow.review_records.savepoint():
            documents = record_work(
                uow, row, Stage.in_review, item.output, actor=actor, reads=reads
            )
            uow.review_records.flush()
    except Exception as error:  # this report only: its savepoint (and its events) rolled back
        return _failed(row.reference, error)
    warning = item.notice_error
    if warning is not None:
        # The report is stored; only the notice failed: said in the audit trail, and the
        # next `coopact advance` tries again (a gate is told once it has been).
        uow.audit("gate.notify_failed", actor=SYSTEM, reference=row.reference, error=warning)
    return ReportOutcome(row.reference, WRITTEN, documents, warning or "")


def _keys_and_notices(
    uow: UnitOfWork, stored: list[_Ready], review_date: dt.date, transport: Transport | None
) -> None:
    """For the chunk's stored reports, in a few statements: the idempotency keys (one
    INSERT), the partnerships' ``updated_at`` (flushed together), the comités' decision links
    and queued mails (:func:`record_notices`: sent after the commit). The partnerships are
    locked and their keys were checked: what fails here fails the chunk, which is retried."""
    if not stored:
        return
    rows = [item.row for item in stored]
    uow.review_records.keep_written(rows, review_date, dt.datetime.now(dt.UTC))
    if transport is not None:
        record_notices(uow, [(item.row, item.notice) for item in stored if item.notice])


def _delivered(uow: UnitOfWork, transport: Transport, outcomes: dict[str, ReportOutcome]) -> None:
    """Deliver the queue; the outcome of a partnership whose mail could not be sent says so."""
    delivery = deliver(uow, transport)
    warning = delivery.warning()
    for reference in delivery.failed_for & set(outcomes):
        outcome = outcomes[reference]
        if outcome.status == WRITTEN and warning:
            outcomes[reference] = ReportOutcome(reference, WRITTEN, outcome.documents, warning)


def _through_advance(
    uow: UnitOfWork,
    reference: str,
    review_date: dt.date,
    templates: Path,
    transport: Transport | None,
) -> ReportOutcome:
    try:
        result = advance(
            uow, reference, templates=templates, today=review_date, transport=transport
        )
    except Exception as error:
        return _failed(reference, error)
    return ReportOutcome(reference, WRITTEN, result.new_documents, "; ".join(result.warnings))


def _failed(reference: str, error: Exception) -> ReportOutcome:
    detail = error.message if isinstance(error, CoopactError) else type(error).__name__
    return ReportOutcome(reference, FAILED, detail=detail)
