"""One status view from the rows read for it (:func:`coopact.services.queries.status_views`):
the findings in words, what is awaited and from whom, the latest documents, the dates to
come, the life after the signature; and, for one partnership asked by reference, its method
scorecard (:class:`~coopact.services.scorecards.Lookup`: stored, or computed on a miss) and
the re-hash of its gate's document.

Imported only by `status`: the partnership schema is not loaded by `history`, `documents` or
`audit verify`; the rules, the scorecard and the clause library only by the listing and on
a scorecard's miss (:mod:`coopact.services.scorecards`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from coopact.contracts import lifecycle
from coopact.contracts.finding_texts import Severity, text_of
from coopact.contracts.lifecycle import Stage
from coopact.schemas.term import Term
from coopact.services.evidence import EVIDENCE
from coopact.services.gate_documents import evidence_document
from coopact.services.retries import retried_by
from coopact.services.status_after import (
    AfterSignatureFacts,
    after_signature_facts,
    after_signature_status,
)
from coopact.services.status_gates import GateFacts, awaited_at, gate_facts
from coopact.services.status_view import StatusView

if TYPE_CHECKING:  # annotations only: `status REF` reads without the ORM (store/reading.py)
    from coopact.store.reading import ReadOnlyUnitOfWork
    from coopact.store.uow import UnitOfWork

    Reads = UnitOfWork | ReadOnlyUnitOfWork

# The dates to come a status shows (the next five; the next reviews among them).
SCHEDULE_SHOWN = ("review", "gate_milestone", "renewal_notice")


def status_batch(uow: Reads, ids: list[int]) -> list[StatusView]:
    """The views of the partnerships ``ids``, by reference, in a few queries."""
    repo = uow.partnerships
    rows = repo.summaries(ids)
    findings = repo.findings_by_partnership(ids)
    documents = repo.document_summaries_by_partnership(ids)
    schedule = repo.open_schedule_by_partnership(ids, SCHEDULE_SHOWN)
    facts = after_signature_facts(uow, [(row.id, row.reference) for row in rows])
    gates = gate_facts(uow, rows)
    failed = uow.failed_work.by_partnership(ids)
    views = []
    for row in rows:
        found, made, due = (x.get(row.id, []) for x in (findings, documents, schedule))
        view = _status_of(row, found, made, due, facts[row.id], gates.get(row.id))
        views.append(_with_failed_work(view, failed.get(row.id)))
    return views


def _with_failed_work(view: StatusView, failed: Any) -> StatusView:
    """The work that failed, in place of what it would have made awaited (nobody was told
    of a gate whose work did not run)."""
    if failed is None or failed.stage != view.stage:  # amended since: the work is another
        return view
    view.failed_work = {
        "stage": failed.stage, "gate": failed.gate, "error": failed.error,
        "failed_at": failed.failed_at.isoformat(timespec="seconds"),
        "attempts": failed.attempts, "retried_by": retried_by(view.reference),
    }  # fmt: skip
    view.awaiting = f"automatic work: the work of the stage {failed.stage} failed, to be retried"
    view.awaited_from = []
    return view


def _awaiting(
    row: Any, kept: list[Any], gate: GateFacts | None
) -> tuple[str | None, list[str], list[str]]:
    """The gate awaited (or the automatic work), from whom, and the blocking findings that
    keep it from opening ("code at path": then nobody is awaited), from the findings once
    each (:func:`_once`): what `status` and the portfolio show alike."""
    stage = Stage(row.stage)
    spec = lifecycle.awaited_gate(stage)
    awaiting: str | None = None
    awaited_from: list[str] = []
    without_evidence = False
    if spec is not None and gate is not None:
        awaiting = f"{spec.gate.value}: {spec.description}"
        awaited_from, without_evidence = awaited_at(spec.gate, gate, str(row.language or "fr"))
    elif stage is Stage.signed:
        awaiting = "automatic work: governance set-up (`coopact advance`)"
    blocked: list[str] = []
    if without_evidence:
        blocked = [
            f"{f.code} at {f.path}" if f.path else f.code
            for f in sorted(kept, key=lambda f: _ORDER.get(f.severity, 3))
            if f.severity == Severity.blocking.value and f.stage == row.stage
        ]
        if blocked:
            awaiting, awaited_from = None, []
    return awaiting, awaited_from, blocked


_ORDER = {Severity.blocking.value: 0, Severity.warning.value: 1, Severity.info.value: 2}


def _status_of(
    row: Any,
    finding_rows: list[Any],
    document_rows: list[Any],
    schedule_rows: list[Any],
    facts: AfterSignatureFacts,
    gate: GateFacts | None,
) -> StatusView:
    language = str(row.language or "fr")
    kept = _once(finding_rows, _ORDER)
    awaiting, awaited_from, blocked = _awaiting(row, kept, gate)
    findings = [
        {
            "code": f.code,
            "severity": f.severity,
            "factor": f.factor,
            "stage": f.stage,
            "path": f.path,
            "message": text_of(f.code, f.params or {}, language),
            "blocks_at": (f.params or {}).get("blocks_at"),
        }
        for f in kept
    ]
    findings.sort(key=lambda f: _ORDER.get(f["severity"], 3))
    documents = [
        {
            "kind": d.kind,
            "version": d.version,
            "language": d.language,
            "filename": d.filename,
            "sha256": d.sha256,
        }
        for d in _latest_documents(document_rows)
    ]
    next_dates = [
        {"kind": s.kind, "subject": s.subject, "due_on": s.due_on} for s in schedule_rows[:5]
    ]
    term = Term.of(row.start_date, row.duration_months, row.notice_months, row.renewal)
    return StatusView(
        row.reference, row.title, row.stage, awaiting, awaited_from, findings, documents,
        next_dates, blocked=blocked, **after_signature_status(term, facts, schedule_rows),
    )  # fmt: skip


@dataclass(frozen=True)
class Standing:
    """A portfolio line's facts, as `status` gives them: the people awaited (none when the
    work failed or blocking findings keep the gate shut), the blocking findings (every
    stage's, once each), the next five dates (kind, subject, ISO ``due_on``), the error of
    the work that failed."""

    reference: str
    title: str
    stage: str
    spec_sha256: str
    awaited_from: list[str]
    blocking: int
    next_dates: list[dict[str, str]]
    failed_error: str | None


def standing_batch(uow: UnitOfWork, ids: list[int]) -> dict[int, Standing]:
    """The :class:`Standing` of the partnerships ``ids``, by id, in a few queries: what
    :func:`status_batch` reads of them, less the findings' words and parameters, the
    documents and the life after the signature."""
    rows = uow.portal.lines(ids)
    findings = uow.portal.blocking_findings(ids)  # once each: those the count and gate need
    schedule = uow.partnerships.open_schedule_by_partnership(ids, SCHEDULE_SHOWN)
    gates = gate_facts(uow, rows)
    failed = uow.failed_work.by_partnership(ids)
    found = {}
    for row in rows:
        kept = _once(findings.get(row.id, []), _ORDER)
        _, awaited_from, _ = _awaiting(row, kept, gates.get(row.id))
        work = failed.get(row.id)
        error = work.error if work is not None and work.stage == row.stage else None
        found[row.id] = Standing(
            row.reference, row.title, row.stage, row.spec_sha256,
            [] if error is not None else awaited_from,
            sum(f.severity == Severity.blocking.value for f in kept),
            [{"kind": s.kind, "subject": s.subject, "due_on": s.due_on}
             for s in schedule.get(row.id, [])[:5]],
            error,
        )  # fmt: skip
    return found


def _once(rows: list[Any], order: dict[str, int]) -> list[Any]:
    """One finding per (code, path): the warning registration gave ahead of a stage and the
    same finding that stage stored are one finding, shown once, the most serious kept (the
    latest stored among equals)."""
    kept: dict[tuple[str, str], Any] = {}
    for row in rows:
        key = (row.code, row.path)
        held = kept.get(key)
        if held is None or order.get(row.severity, 3) <= order.get(held.severity, 3):
            kept[key] = row
    return list(kept.values())


def check_evidence(uow: Reads, row: Any) -> None:
    """Re-hash the document the awaited gate is decided on: one partnership's status
    refuses a document altered in the database, as every read of its content does (the
    listing reads recorded hashes only)."""
    spec = lifecycle.awaited_gate(Stage(row.stage))
    kind = EVIDENCE.get(spec.gate) if spec is not None else None
    if kind is not None:
        evidence_document(cast(Any, uow), row, kind)  # the read side answers alike


def _latest_documents(rows: list[Any]) -> list[Any]:
    latest: dict[tuple[str, str], Any] = {}
    for row in rows:
        key = (row.kind, row.language)
        if key not in latest or row.version > latest[key].version:
            latest[key] = row
    return sorted(latest.values(), key=lambda d: d.kind)
