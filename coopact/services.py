"""Use cases: each one a transaction (``with uow: ... uow.commit()``).

The CLI and the Prefect flows call these; they translate input and errors, nothing more.
Refusals are recorded in the audit log before they are reported.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from contracts import decisions as rules
from contracts import lifecycle
from contracts.balance import acceptance_problem
from contracts.errors import CoopactError, InvalidInput, NotFound, Refused
from contracts.findings import Finding, Severity
from contracts.lifecycle import Event, Gate, Outcome, Stage
from contracts.review import validate_against
from coopact.loading import problems_of
from coopact.notify import Transport, notify_gate_opened
from coopact.signature import (
    Dispatch,
    SignatureEvent,
    SignatureProvider,
    SignatureRequest,
    signers_of,
)
from coopact.signature.docuseal import DocusealProvider
from coopact.signature.manual import packet_pdf
from coopact.stages import STAGE_WORK, no_work
from coopact.stages.base import DecisionView, DocumentView, StageOutput, WorkContext
from coopact.stages.registration import registration_findings
from schemas import Partnership
from schemas.review import ReviewAnswers
from store import audit
from store.tables import (
    AuditEventRow,
    DecisionRow,
    DocumentRow,
    PartnershipRow,
    ReviewAnswersRow,
    ScheduleRow,
)
from store.uow import UnitOfWork
from store.webhooks import DatabaseSeenEvents

SYSTEM = "coopact"
REGISTRATION = "registration"  # findings recorded when the file is registered
AGREEMENT = "agreement"
MAIL_FROM = os.environ.get("COOPACT_MAIL_FROM", "coopact@localhost")


# --------------------------------------------------------------------------- registration
@dataclass(frozen=True)
class Registered:
    reference: str
    created: bool


def canonical_spec(partnership: Partnership) -> dict[str, Any]:
    return partnership.model_dump(mode="json", by_alias=True, exclude_none=True)


def spec_hash(spec: dict[str, Any]) -> str:
    body = {k: v for k, v in spec.items() if k != "reference"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def differences(old: Any, new: Any, path: str = "") -> list[str]:
    """Field paths where two canonical partnership files differ."""
    if isinstance(old, dict) and isinstance(new, dict):
        out: list[str] = []
        for key in sorted(set(old) | set(new), key=str):
            sub = f"{path}.{key}" if path else str(key)
            out += differences(old.get(key), new.get(key), sub)
        return out
    if isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        return [
            d
            for i, (a, b) in enumerate(zip(old, new, strict=True))
            for d in differences(a, b, f"{path}[{i}]")
        ]
    return [] if old == new else [path or "(whole file)"]


def register(uow: UnitOfWork, partnership: Partnership, *, actor: str) -> Registered:
    """Store a validated partnership in ``draft``; the same file twice stores it once."""
    spec = canonical_spec(partnership)
    digest = spec_hash(spec)
    with uow:
        repo = uow.partnerships
        if partnership.reference:
            existing = repo.find(partnership.reference)
        else:
            existing = uow.session.scalar(
                select(PartnershipRow).where(PartnershipRow.spec_sha256 == digest)
            )
        if existing is not None:
            if existing.spec_sha256 == digest:
                return Registered(existing.reference, created=False)
            stored = {**existing.spec, "reference": existing.reference}
            changed = differences(stored, {**spec, "reference": existing.reference})
            shown = ", ".join(changed[:10]) + (" ..." if len(changed) > 10 else "")
            reason = (
                f"{existing.reference} is already registered with a different file; "
                f"differences at: {shown}"
            )
            _refuse(uow, existing.reference, actor, "register", reason)
        reference = partnership.reference or repo.next_reference(partnership.start_date.year)
        spec["reference"] = reference
        row = PartnershipRow(
            reference=reference,
            title=partnership.title,
            stage=Stage.draft.value,
            spec=spec,
            spec_sha256=digest,
        )
        repo.add(row)
        repo.replace_findings(row, REGISTRATION, _finding_rows(registration_findings(partnership)))
        uow.audit(
            "partnership.registered",
            actor=actor,
            reference=reference,
            stage=Stage.draft.value,
            spec_sha256=digest,
        )
        try:
            uow.commit()
        except IntegrityError:
            # Registered by someone else at the same moment: same file is fine, else refuse.
            return register(
                uow, partnership.model_copy(update={"reference": reference}), actor=actor
            )
    return Registered(reference, created=True)


def _refuse(uow: UnitOfWork, reference: str | None, actor: str, action: str, reason: str) -> None:
    """Record a refusal in the audit log (its own transaction), then raise it."""
    uow.session.rollback()
    uow.audit("refused", actor=actor, reference=reference, attempted=action, reason=reason)
    uow.commit()
    raise Refused(reason)


def partnership_of(row: PartnershipRow) -> Partnership:
    return Partnership.model_validate(row.spec)


# --------------------------------------------------------------------------- status
@dataclass
class StatusView:
    reference: str
    title: str
    stage: str
    awaiting: str | None
    awaited_from: list[str]
    findings: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    next_dates: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


def status(uow: UnitOfWork, reference: str | None = None) -> list[StatusView]:
    with uow:
        rows = [uow.partnerships.get(reference)] if reference else list(uow.partnerships.list())
        return [_status_of(uow, row) for row in rows]


def _status_of(uow: UnitOfWork, row: PartnershipRow) -> StatusView:
    partnership = partnership_of(row)
    stage = Stage(row.stage)
    spec = lifecycle.awaited_gate(stage)
    awaiting, awaited_from = None, []
    if spec is not None:
        awaiting = f"{spec.gate.value}: {spec.description}"
        awaited_from = _awaited(uow, row, partnership, spec.gate)
    elif stage is Stage.signed:
        awaiting = "automatic work: governance set-up (`coopact advance`)"
    findings = [
        {
            "code": f.code,
            "severity": f.severity,
            "factor": f.factor,
            "stage": f.stage,
            "path": f.path,
            "message": _finding(f).text(partnership.language.value),
        }
        for f in uow.partnerships.findings(row)
    ]
    order = {Severity.blocking.value: 0, Severity.warning.value: 1, Severity.info.value: 2}
    findings.sort(key=lambda f: order.get(f["severity"], 3))
    documents = [
        {
            "kind": d.kind,
            "version": d.version,
            "language": d.language,
            "filename": d.filename,
            "sha256": d.sha256,
        }
        for d in _latest_documents(uow.partnerships.documents(row))
    ]
    next_dates = [
        {"kind": s.kind, "subject": s.subject, "due_on": s.due_on.isoformat()}
        for s in uow.partnerships.schedule(row)
        if s.done_at is None
    ][:5]
    return StatusView(
        row.reference, row.title, row.stage, awaiting, awaited_from, findings, documents, next_dates
    )


def _finding(row: Any) -> Finding:
    return Finding(
        code=row.code, severity=row.severity, factor=row.factor, path=row.path, params=row.params
    )


def _latest_documents(rows: list[DocumentRow]) -> list[DocumentRow]:
    latest: dict[tuple[str, str], DocumentRow] = {}
    for row in rows:
        key = (row.kind, row.language)
        if key not in latest or row.version > latest[key].version:
            latest[key] = row
    return sorted(latest.values(), key=lambda d: d.kind)


# --------------------------------------------------------------------------- history, documents
def history(uow: UnitOfWork, reference: str) -> list[dict[str, Any]]:
    with uow:
        uow.partnerships.get(reference)
        return [
            {
                "seq": e.seq,
                "at": e.at.isoformat(timespec="seconds"),
                "actor": e.actor,
                "action": e.action,
                "payload": e.payload,
            }
            for e in audit.events(uow.session, reference)
        ]


def documents(uow: UnitOfWork, reference: str) -> list[DocumentRow]:
    with uow:
        return uow.partnerships.documents(uow.partnerships.get(reference))


def document_content(
    uow: UnitOfWork, reference: str, kind: str, version: int | None = None
) -> DocumentRow:
    with uow:
        rows = uow.partnerships.documents(uow.partnerships.get(reference), kind)
        if version is not None:
            rows = [r for r in rows if r.version == version]
        if not rows:
            raise Refused(
                f"{reference} has no {kind} document" + (f" version {version}" if version else "")
            )
        return rows[-1]


def verify_audit(uow: UnitOfWork) -> tuple[int, audit.Break | None]:
    with uow:
        return audit.verify(audit.events(uow.session))


# --------------------------------------------------------------------------- decisions
ALREADY_RECORDED = "this decision was already recorded"


@dataclass(frozen=True)
class DecisionResult:
    reference: str
    applied: bool  # False when the same decision was already recorded (a replay)
    stage: str
    gate_closed: bool
    message: str


def _current_agreement(uow: UnitOfWork, row: PartnershipRow) -> DocumentRow | None:
    language = row.spec.get("language", "fr")
    rows = [d for d in uow.partnerships.documents(row, AGREEMENT) if d.language == language]
    return rows[-1] if rows else None


def _gate_document(uow: UnitOfWork, row: PartnershipRow, gate: Gate) -> str | None:
    """The document a gate's decisions are taken on (the current agreement), if any."""
    if gate in (Gate.legal_approval, Gate.signature):
        agreement = _current_agreement(uow, row)
        return agreement.sha256 if agreement else None
    return None


def _round_decisions(
    uow: UnitOfWork, row: PartnershipRow, gate: Gate, round_: int
) -> list[rules.Recorded]:
    return [
        rules.Recorded(d.decider, d.role, d.partner_key, d.outcome, d.document_sha256)
        for d in uow.partnerships.decisions(row, gate.value, round_)
    ]


def _open_round(uow: UnitOfWork, row: PartnershipRow, gate: Gate) -> int:
    """The round of ``gate`` taking decisions: a new one once the previous one closed."""
    round_ = uow.partnerships.current_round(row, gate.value)
    taken = _round_decisions(uow, row, gate, round_)
    current = _gate_document(uow, row, gate)
    closed = rules.gate_outcome(partnership_of(row), gate, taken, current_sha256=current)
    return round_ + 1 if taken and closed is not None else round_


def _recorded(uow: UnitOfWork, row: PartnershipRow, gate: Gate) -> list[rules.Recorded]:
    return _round_decisions(uow, row, gate, _open_round(uow, row, gate))


def _awaited(
    uow: UnitOfWork, row: PartnershipRow, partnership: Partnership, gate: Gate
) -> list[str]:
    return rules.awaited(
        partnership, gate, _recorded(uow, row, gate), current_sha256=_gate_document(uow, row, gate)
    )


EVIDENCE: dict[Gate, str] = {
    Gate.vision_approval: "vision_note",
    Gate.balance_acceptance: "balance_report",
    Gate.legal_approval: AGREEMENT,
    Gate.signature: AGREEMENT,
    Gate.review: "review_report",
}
"""The document each gate is decided on: no decision before the evidence exists."""


def _check_decision(
    uow: UnitOfWork,
    row: PartnershipRow,
    partnership: Partnership,
    gate: Gate,
    decider: rules.Decider,
    outcome: Outcome,
    reason: str,
    document_sha256: str | None,
) -> str | None:
    """Every rule a decision must pass before it is recorded; returns the document hash."""
    _check_gate(Stage(row.stage), gate, outcome)
    rules.authorise(partnership, gate, decider)
    if not reason.strip():
        raise Refused("a decision states its reason (--reason): it is kept in the audit trail")
    evidence = EVIDENCE.get(gate)
    if evidence and not uow.partnerships.documents(row, evidence):
        raise Refused(
            f"{gate.value} is decided on the {evidence.replace('_', ' ')}, which is not written "
            f"yet: run `coopact advance {row.reference}` first"
        )
    stage_findings = [f for f in uow.partnerships.findings(row) if f.stage == row.stage]
    problem = rules.blocking_problem(
        gate, outcome, [f.code for f in stage_findings if f.severity == Severity.blocking.value]
    )
    if problem:
        raise Refused(problem)
    if gate is Gate.balance_acceptance:
        findings = [_finding(f) for f in uow.partnerships.findings(row)]
        problem = acceptance_problem(findings, outcome.value, reason)
        if problem:
            raise Refused(problem)
    current = _gate_document(uow, row, gate)
    if gate in (Gate.legal_approval, Gate.signature) and current is None:
        raise Refused(
            f"{row.reference} has no agreement yet: run `coopact advance {row.reference}`"
        )
    if gate is Gate.signature and outcome is Outcome.sign:
        problem = rules.signature_problem(current or "", document_sha256)
        if problem:
            raise Refused(problem)
        return document_sha256.strip().lower() if document_sha256 else None
    if gate is Gate.legal_approval:
        if document_sha256 and document_sha256.strip().lower() != current:
            raise Refused(
                f"the approved document ({document_sha256[:12]}…) is not the current agreement "
                f"({(current or '')[:12]}…): approve the current version"
            )
        return current  # the legal officer approves the current version
    return document_sha256


def decide(
    uow: UnitOfWork,
    reference: str,
    gate: Gate,
    decider: rules.Decider,
    outcome: Outcome,
    reason: str,
    *,
    document_sha256: str | None = None,
    actor: str | None = None,
) -> DecisionResult:
    """Record one decision at the open gate, exactly once; close the gate when complete.

    ``actor`` says who entered it when it is not the decider in person (the demo persona).
    """
    actor = actor or f"{decider.name} ({decider.role.value})"
    with uow:
        row = uow.partnerships.get_for_update(reference)
        try:
            result = _record_decision(
                uow, row, gate, decider, outcome, reason, document_sha256=document_sha256,
                actor=actor,
            )  # fmt: skip
        except Refused as refusal:
            _refuse(uow, reference, actor, f"decide {gate.value}", refusal.message)
        if result.applied:
            uow.commit()
        return result


def _record_decision(
    uow: UnitOfWork,
    row: PartnershipRow,
    gate: Gate,
    decider: rules.Decider,
    outcome: Outcome,
    reason: str,
    *,
    document_sha256: str | None,
    actor: str,
) -> DecisionResult:
    """The rules and the writes of :func:`decide`, inside the caller's transaction (the
    partnership row already locked). Raises :class:`Refused` before writing anything; the
    caller commits when ``applied``."""
    reference = row.reference
    partnership = partnership_of(row)
    stage = Stage(row.stage)
    try:
        document_sha256 = _check_decision(
            uow, row, partnership, gate, decider, outcome, reason, document_sha256
        )
    except Refused:
        if _replay_after_close(uow, row, gate, decider, outcome, document_sha256):
            return DecisionResult(reference, False, row.stage, False, ALREADY_RECORDED)
        raise
    round_ = _open_round(uow, row, gate)
    key = rules.idempotency_key(reference, gate, round_, decider, document_sha256)
    if uow.partnerships.decision_by_key(key) is not None:
        return DecisionResult(reference, False, row.stage, False, ALREADY_RECORDED)
    try:
        with uow.session.begin_nested():  # a concurrent twin leaves this transaction usable
            uow.session.add(
                DecisionRow(
                    partnership_id=row.id,
                    gate=gate.value,
                    round=round_,
                    decider=decider.name,
                    role=decider.role.value,
                    partner_key=decider.partner_key,
                    outcome=outcome.value,
                    reason=reason,
                    document_sha256=document_sha256,
                    idempotency_key=key,
                )
            )
    except IntegrityError:  # the same decision, recorded concurrently: applied once
        return DecisionResult(reference, False, stage.value, False, ALREADY_RECORDED)
    uow.audit(
        "decision.recorded",
        actor=actor,
        reference=reference,
        gate=gate.value,
        round=round_,
        outcome=outcome.value,
        partner=decider.partner_key,
        reason=reason,
        document_sha256=document_sha256,
    )
    current = _gate_document(uow, row, gate)
    taken = _round_decisions(uow, row, gate, round_)
    closed = rules.gate_outcome(partnership, gate, taken, current_sha256=current)
    row.updated_at = dt.datetime.now(dt.UTC)  # bump the version: decisions serialise
    if closed is not None:
        new_stage = lifecycle.decide(stage, gate, closed)
        row.stage = new_stage.value
        uow.audit(
            "gate.closed",
            actor=SYSTEM,
            reference=reference,
            gate=gate.value,
            outcome=closed.value,
            stage_from=stage.value,
            stage_to=new_stage.value,
        )
        message = f"{gate.value} closed ({closed.value}): the partnership is now {new_stage.value}"
    else:
        waiting = ", ".join(rules.awaited(partnership, gate, taken, current_sha256=current))
        message = f"decision recorded; still awaited at {gate.value}: {waiting}"
    uow.flush()
    return DecisionResult(reference, True, row.stage, closed is not None, message)


def _replay_after_close(
    uow: UnitOfWork,
    row: PartnershipRow,
    gate: Gate,
    decider: rules.Decider,
    outcome: Outcome,
    document_sha256: str | None,
) -> bool:
    """True when the gate has moved on and this very decision closed or joined its last
    round: a retried command is then told "already recorded", not refused."""
    spec = lifecycle.awaited_gate(Stage(row.stage))
    if spec is not None and spec.gate is gate:
        return False  # the gate is open: the normal rules apply
    round_ = uow.partnerships.current_round(row, gate.value)
    given = document_sha256.strip().lower() if document_sha256 else None
    for sha in {given, _gate_document(uow, row, gate)}:
        found = uow.partnerships.decision_by_key(
            rules.idempotency_key(row.reference, gate, round_, decider, sha)
        )
        if found is not None and found.outcome == outcome.value:
            return True
    return False


def _check_gate(stage: Stage, gate: Gate, outcome: Outcome) -> None:
    """Refuse a decision at a gate that is not open, or with an outcome it does not know."""
    spec = lifecycle.awaited_gate(stage)
    if spec is None or spec.gate is not gate:
        lifecycle.decide(stage, gate, outcome)  # raises the lifecycle's own refusal
    allowed = rules.outcomes(gate)
    if outcome not in allowed:
        names = ", ".join(o.value for o in allowed)
        raise Refused(
            f"{outcome.value} is not an outcome of {gate.value}; expected one of: {names}"
        )


# --------------------------------------------------------------------------- automatic work
@dataclass(frozen=True)
class AdvanceResult:
    reference: str
    stage_before: str
    stage: str
    summaries: list[str]
    new_documents: list[str]
    awaiting: str | None


def _context(uow: UnitOfWork, row: PartnershipRow, templates: Path, today: dt.date) -> WorkContext:
    repo = uow.partnerships
    current, previous = _review_answers(uow, row)
    return WorkContext(
        reference=row.reference,
        templates=templates,
        today=today,
        decisions=[
            DecisionView(
                d.gate, d.decider, d.role, d.partner_key, d.outcome, d.reason, d.document_sha256
            )
            for d in row.decisions
        ],
        documents=[
            DocumentView(d.kind, d.version, d.language, d.sha256, d.filename, d.content)
            for d in repo.documents(row)
        ],
        findings=[_finding(f) for f in repo.findings(row)],
        review_answers=current,
        previous_review_answers=previous,
    )


def advance(
    uow: UnitOfWork,
    reference: str,
    *,
    templates: Path,
    today: dt.date | None = None,
    actor: str = SYSTEM,
    transport: Transport | None = None,
    signature: SignatureProvider | None = None,
) -> AdvanceResult:
    """Run the automatic work of the current stage, and of the next ones, up to a gate.

    With a ``transport``, the people who must act at the gate reached are told by email,
    once per gate and round. With a ``signature`` provider (DocuSeal), the agreement is
    sent out for signature once the formalised stage's work is committed, once per
    agreement version (:func:`send_for_signature`).
    """
    today = today or dt.date.today()
    with uow:
        row = uow.partnerships.get_for_update(reference)
        before = row.stage
        summaries: list[str] = []
        new_documents: list[str] = []
        formalised = False
        for _ in range(len(Stage)):  # each stage's work runs at most once per call
            stage = Stage(row.stage)
            if stage in lifecycle.FINAL:
                break
            work = STAGE_WORK.get(stage, no_work)
            output = work(partnership_of(row), _context(uow, row, templates, today))
            formalised = formalised or stage is Stage.formalised
            new_documents += _store_output(uow, row, stage, output)
            summaries.append(output.summary)
            uow.audit(
                "stage.work",
                actor=actor,
                reference=reference,
                stage=stage.value,
                summary=output.summary,
                findings=len(output.findings),
                blocking=sum(f.severity is Severity.blocking for f in output.findings),
            )
            if output.event is None:
                break
            new_stage = lifecycle.move(stage, output.event)
            row.stage = new_stage.value
            uow.audit(
                "stage.changed",
                actor=actor,
                reference=reference,
                event=output.event.value,
                stage_from=stage.value,
                stage_to=new_stage.value,
            )
            if lifecycle.awaited_gate(new_stage) is not None or new_stage is Stage.active:
                break
        row.updated_at = dt.datetime.now(dt.UTC)
        uow.commit()
        spec = lifecycle.awaited_gate(Stage(row.stage))
        awaiting = f"{spec.gate.value}: {spec.description}" if spec else None
        result = AdvanceResult(reference, before, row.stage, summaries, new_documents, awaiting)
    if signature is not None and formalised and result.stage == Stage.formalised.value:
        dispatch = send_for_signature(uow, reference, signature)
        result.summaries.append(
            f"agreement sent for signature with {dispatch.provider} "
            f"(submission {dispatch.external_id})"
        )
    if transport is not None and spec is not None:
        notify_gate(uow, reference, transport, templates=templates)
    return result


def notify_gate(uow: UnitOfWork, reference: str, transport: Transport, *, templates: Path) -> int:
    """Tell the people who must act at the open gate, once per gate and round; returns how
    many messages were sent (0 when already told)."""
    with uow:
        row = uow.partnerships.get_for_update(reference)
        spec = lifecycle.awaited_gate(Stage(row.stage))
        if spec is None:
            return 0
        round_ = _open_round(uow, row, spec.gate)
        told = [
            e
            for e in audit.events(uow.session, reference)
            if e.action == "gate.notified"
            and e.payload.get("gate") == spec.gate.value
            and e.payload.get("round") == round_
        ]
        if told:
            return 0
        report = notify_gate_opened(
            partnership_of(row),
            spec.gate,
            transport,
            reference=reference,
            sender=MAIL_FROM,
            document_sha256=_gate_document(uow, row, spec.gate),
            round_=round_,
            templates=templates / "mail",
        )
        uow.audit(
            "gate.notified",
            actor=SYSTEM,
            reference=reference,
            gate=spec.gate.value,
            round=round_,
            sent=report.sent,
            without_email=report.unreachable,
        )
        uow.commit()
        return report.sent


def _finding_rows(findings: list[Finding]) -> list[dict[str, Any]]:
    return [
        {
            "code": f.code,
            "severity": f.severity.value,
            "factor": f.factor.value,
            "path": f.path,
            "params": json.loads(json.dumps(f.params, default=str)),
        }
        for f in findings
    ]


def _store_output(
    uow: UnitOfWork, row: PartnershipRow, stage: Stage, output: StageOutput
) -> list[str]:
    repo = uow.partnerships
    repo.replace_findings(row, stage.value, _finding_rows(output.findings))
    created: list[str] = []
    for document in output.documents:
        existing = [
            d for d in repo.documents(row, document.kind) if d.language == document.language
        ]
        latest = existing[-1] if existing else None
        if latest is not None and latest.sha256 == document.sha256:
            continue
        version = max((d.version for d in repo.documents(row, document.kind)), default=0) + 1
        uow.session.add(
            DocumentRow(
                partnership_id=row.id,
                kind=document.kind,
                version=version,
                language=document.language,
                filename=document.filename,
                media_type=document.media_type,
                sha256=document.sha256,
                inputs_sha256=document.inputs_sha256,
                inputs=json.loads(json.dumps(document.inputs, default=str, ensure_ascii=False)),
                content=document.content,
            )
        )
        uow.audit(
            "document.generated",
            actor=SYSTEM,
            reference=row.reference,
            kind=document.kind,
            version=version,
            language=document.language,
            sha256=document.sha256,
        )
        created.append(f"{document.kind} v{version} ({document.language})")
    known = {(s.kind, s.subject, s.due_on) for s in repo.schedule(row)}
    for item in output.schedule:
        if (item.kind, item.subject, item.due_on) not in known:
            uow.session.add(
                ScheduleRow(
                    partnership_id=row.id, kind=item.kind, subject=item.subject, due_on=item.due_on
                )
            )
    uow.session.flush()
    return created


# --------------------------------------------------------------------------- scheduled reviews
@dataclass(frozen=True)
class DueReview:
    reference: str
    kind: str
    due_on: dt.date


def review_due(uow: UnitOfWork, today: dt.date, *, actor: str = SYSTEM) -> list[DueReview]:
    """Open the review (or renewal) gate of every active partnership whose date has come.

    Everything due for one partnership by ``today`` (a periodic review, a Go/noGo milestone
    on the same date...) is covered by the one review it opens.
    """
    opened: list[DueReview] = []
    with uow:
        due = uow.session.scalars(
            select(ScheduleRow)
            .where(ScheduleRow.due_on <= today, ScheduleRow.done_at.is_(None))
            .where(ScheduleRow.kind.in_(("review", "gate_milestone", "renewal_notice")))
            .order_by(ScheduleRow.partnership_id, ScheduleRow.due_on)
        ).all()
        by_partnership: dict[int, list[ScheduleRow]] = {}
        for item in due:
            by_partnership.setdefault(item.partnership_id, []).append(item)
        for partnership_id, items in by_partnership.items():
            row = uow.session.get(PartnershipRow, partnership_id, with_for_update=True)
            if row is None or Stage(row.stage) is not Stage.active:
                continue  # a review already open, or not active: it waits for the next run
            renewal = any(i.kind == "renewal_notice" for i in items)
            event = Event.renewal_due if renewal else Event.review_due
            new_stage = lifecycle.move(Stage.active, event)
            row.stage = new_stage.value
            now = dt.datetime.now(dt.UTC)
            for item in items:
                item.done_at = now
            uow.audit(
                "review.opened",
                actor=actor,
                reference=row.reference,
                covers=[f"{i.kind} {i.subject} {i.due_on.isoformat()}".strip() for i in items],
                stage_to=new_stage.value,
            )
            opened.append(
                DueReview(row.reference, "renewal" if renewal else "review", items[0].due_on)
            )
        uow.commit()
    return opened


# --------------------------------------------------------------------------- amendments
AMENDABLE = frozenset({Stage.draft, Stage.vision_agreed, Stage.balanced, Stage.formalised})


def amend(uow: UnitOfWork, reference: str, partnership: Partnership, *, actor: str) -> list[str]:
    """Replace the file of a partnership not yet signed; it goes back to draft, so that the
    vision, the balance and the agreement are checked and approved again. Returns the field
    paths that changed (nothing is done when none did)."""
    if partnership.reference not in (None, reference):
        raise Refused(f"the file's reference is {partnership.reference}, not {reference}")
    spec = {**canonical_spec(partnership), "reference": reference}
    with uow:
        row = uow.partnerships.get_for_update(reference)
        changed = differences({**row.spec, "reference": reference}, spec)
        if not changed:
            return []
        stage = Stage(row.stage)
        if stage not in AMENDABLE:
            _refuse(
                uow, reference, actor, "amend",
                f"{reference} is {stage.value}: a signed partnership changes by an avenant, "
                "not by editing its file",
            )  # fmt: skip
        row.spec = spec
        row.spec_sha256 = spec_hash(spec)
        row.title = partnership.title
        row.stage = Stage.draft.value
        for finding in uow.partnerships.findings(row):
            uow.session.delete(finding)
        uow.session.flush()
        uow.partnerships.replace_findings(
            row, REGISTRATION, _finding_rows(registration_findings(partnership))
        )
        uow.audit(
            "partnership.amended",
            actor=actor,
            reference=reference,
            changed=changed[:50],
            stage_from=stage.value,
            stage_to=Stage.draft.value,
            spec_sha256=row.spec_sha256,
        )
        uow.commit()
    return changed


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


# --------------------------------------------------------------------------- signature provider
SIGNATURE_SENT = "signature.sent"
SIGNATURE_PACKET = "signature_packet"
WEBHOOK_ACTOR = "signature provider webhook"


def _dispatches(uow: UnitOfWork, reference: str | None = None) -> list[AuditEventRow]:
    query = select(AuditEventRow).where(AuditEventRow.action == SIGNATURE_SENT)
    if reference is not None:
        query = query.where(AuditEventRow.reference == reference)
    return list(uow.session.scalars(query.order_by(AuditEventRow.seq)))


def _recorded_dispatch(
    uow: UnitOfWork, reference: str, provider: str, sha256: str
) -> Dispatch | None:
    for event in _dispatches(uow, reference):
        payload = event.payload
        if payload.get("provider") == provider and payload.get("agreement_sha256") == sha256:
            return Dispatch(
                provider=provider,
                external_id=str(payload["external_id"]),
                agreement_sha256=sha256,
                submitters=dict(payload.get("submitters") or {}),
            )
    return None


def _dispatch_of_submission(
    uow: UnitOfWork, provider: str, submission_id: str
) -> tuple[str, str] | None:
    """The partnership reference and agreement hash a provider's submission was sent for."""
    for event in _dispatches(uow):
        payload = event.payload
        if (
            payload.get("provider") == provider
            and str(payload.get("external_id")) == submission_id
            and event.reference is not None
        ):
            return event.reference, str(payload["agreement_sha256"])
    return None


def send_for_signature(uow: UnitOfWork, reference: str, provider: SignatureProvider) -> Dispatch:
    """Send the current agreement to ``provider``, once per agreement hash.

    The dispatch is recorded in the audit log (provider, external id, agreement hash); when
    one is already recorded for the current agreement, nothing is sent again and the
    recorded one is returned. The partnership row stays locked while the provider is
    called, so that two concurrent calls send once.
    """
    with uow:
        row = uow.partnerships.get_for_update(reference)
        agreement = _current_agreement(uow, row)
        if agreement is None:
            raise Refused(f"{reference} has no agreement yet: run `coopact advance {reference}`")
        recorded = _recorded_dispatch(uow, reference, provider.name, agreement.sha256)
        if recorded is not None:
            return recorded
        if Stage(row.stage) is not Stage.formalised:
            raise Refused(
                f"the partnership is {row.stage}: the agreement is sent for signature once the "
                "legal approval has formalised it"
            )
        partnership = partnership_of(row)
        packets = [  # the PDF prepared with the packet of this version, when there is one
            d
            for d in uow.partnerships.documents(row, SIGNATURE_PACKET)
            if d.language == agreement.language and agreement.sha256[:12] in d.filename
        ]
        request = SignatureRequest(
            reference=reference,
            title=partnership.title,
            agreement_name=agreement.filename,
            agreement_docx=agreement.content,
            agreement_sha256=agreement.sha256,
            signers=signers_of(partnership),
            agreement_pdf=packet_pdf(packets[-1].content) if packets else None,
            language=agreement.language,
        )
        try:
            dispatch = provider.dispatch(request)
        except CoopactError as error:
            uow.session.rollback()
            uow.audit(
                "signature.failed",
                actor=SYSTEM,
                reference=reference,
                provider=provider.name,
                agreement_sha256=agreement.sha256,
                reason=error.message,
            )
            uow.commit()
            raise
        uow.audit(
            SIGNATURE_SENT,
            actor=SYSTEM,
            reference=reference,
            provider=dispatch.provider,
            external_id=dispatch.external_id,
            agreement_sha256=dispatch.agreement_sha256,
            submitters=dispatch.submitters,
        )
        uow.commit()
        return dispatch


def receive_signature_webhook(
    uow: UnitOfWork,
    provider: DocusealProvider,
    headers: Mapping[str, str],
    body: bytes,
    *,
    after_signed: Callable[[str], object] | None = None,
) -> str:
    """Verify one webhook delivery and apply its event, in one transaction, once.

    Raises :class:`~coopact.signature.docuseal.WebhookRejected` (a SecurityError) when it is
    not authentic or not well formed: nothing is stored. A first-time signature or decline
    is recorded through the rules of :func:`decide`; when they refuse it (another agreement
    version, a gate no longer open...), the refusal and its reason are recorded in the audit
    log together with the event, and :class:`Refused` is raised. A replay changes nothing.
    Once the last signature closes the gate, ``after_signed(reference)`` runs the next
    stage's work (governance set-up), after the commit.
    """
    with uow:
        messages: list[str] = []
        signed: list[str] = []

        def apply(event: SignatureEvent) -> None:
            message, closed_for = _apply_signature_event(uow, provider.name, event)
            messages.append(message)
            if closed_for is not None:
                signed.append(closed_for)

        try:
            result = provider.receive(headers, body, DatabaseSeenEvents(uow.session), apply)
        except _EventRefused as refused:
            # Keep the event as seen, with the reason: a redelivery is then a replay.
            uow.audit(
                "refused",
                actor=WEBHOOK_ACTOR,
                reference=refused.reference,
                attempted=f"{provider.name} {refused.event.kind} (event {refused.event.event_id})",
                reason=refused.message,
            )
            uow.commit()
            raise Refused(refused.message) from None
        if not result.applied:
            return f"{result.reason}: nothing changed"
        uow.commit()
    for reference in signed:
        if after_signed is not None:
            after_signed(reference)
    return messages[0] if messages else result.reason


class _EventRefused(Refused):
    def __init__(self, reference: str | None, event: SignatureEvent, message: str) -> None:
        super().__init__(message)
        self.reference = reference
        self.event = event


def _apply_signature_event(
    uow: UnitOfWork, provider: str, event: SignatureEvent
) -> tuple[str, str | None]:
    """Record a first-time event inside the webhook's transaction; raises _EventRefused.

    Returns what was done, and the reference of the partnership when the event signed it.
    """
    if event.kind not in ("signed", "declined", "completed"):
        return f"event {event.event_id} is not about a signature: nothing to apply", None
    sent = _dispatch_of_submission(uow, provider, event.submission_id)
    if sent is None:
        unknown = event.submission_id or "?"
        raise _EventRefused(None, event, f"{provider} submission {unknown} was not sent by coopact")
    reference, sent_sha = sent
    try:
        row = uow.partnerships.get_for_update(reference)
    except NotFound as error:
        raise _EventRefused(reference, event, error.message) from None
    if event.kind == "completed":
        uow.audit(
            "signature.completed",
            actor=WEBHOOK_ACTOR,
            reference=reference,
            provider=provider,
            external_id=event.submission_id,
            agreement_sha256=sent_sha,
        )
        return f"{reference}: {provider} submission {event.submission_id} completed", None
    if not event.partner_key or not event.signer_name:
        unnamed = f"{provider} event {event.event_id} names no signatory"
        raise _EventRefused(reference, event, unnamed)
    decider = rules.Decider(event.signer_name, rules.Role.signatory, event.partner_key)
    if event.kind == "signed":
        outcome = Outcome.sign
        reason = f"signed with {provider} (submission {event.submission_id})"
    else:
        outcome = Outcome.decline
        reason = f"declined with {provider} (submission {event.submission_id})" + (
            f": {event.reason}" if event.reason else ""
        )
    try:
        with uow.session.begin_nested():  # a refusal leaves nothing of this event but its id
            decision = _record_decision(
                uow,
                row,
                Gate.signature,
                decider,
                outcome,
                reason,
                document_sha256=event.document_sha256 or sent_sha,
                actor=f"{WEBHOOK_ACTOR} ({provider})",
            )
    except _EventRefused:
        raise
    except Refused as refusal:
        raise _EventRefused(reference, event, refusal.message) from None
    closed = decision.gate_closed and decision.stage == Stage.signed.value
    return f"{reference}: {decision.message}", reference if closed else None
