"""Recording a decision at a gate: checked, exactly once, closing the gate when complete."""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy.exc import IntegrityError

from contracts import decisions as rules
from contracts import lifecycle
from contracts.balance import acceptance_problem
from contracts.errors import Refused
from contracts.findings import Severity
from contracts.lifecycle import Gate, Outcome, Stage
from contracts.vision_content import approval_problem as vision_approval_problem
from coopact.services._common import (
    AGREEMENT,
    SYSTEM,
    _finding,
    _refuse,
    partnership_of,
)
from schemas import Partnership
from store.tables import (
    DecisionRow,
    DocumentRow,
    PartnershipRow,
)
from store.uow import UnitOfWork

# --------------------------------------------------------------------------- decisions
ALREADY_RECORDED = "this decision was already recorded"


@dataclass(frozen=True)
class DecisionResult:
    reference: str
    applied: bool  # False when the same decision was already recorded (a replay)
    stage: str
    gate_closed: bool
    message: str


CHANNELS = ("link", "on_behalf", "portal", "prefect", "cli", "webhook", "demo")


@dataclass(frozen=True)
class Channel:
    """How a decision arrived: part of the record (the decision row and its audit event).

    ``kind`` is one of :data:`CHANNELS`; ``detail`` its particulars: the personal link's
    token id, the officer and the evidence's SHA-256, the operating-system user...
    """

    kind: str
    detail: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.kind not in CHANNELS:
            raise ValueError(f"unknown decision channel {self.kind!r}")


def cli_channel() -> Channel:
    """The command line or a script: the operating-system user is the operator."""
    try:
        operator = getpass.getuser()
    except (KeyError, OSError):  # no user name for this uid (a bare container)
        operator = "unknown"
    return Channel("cli", {"operator": operator})


def evidence_document(uow: UnitOfWork, row: PartnershipRow, kind: str) -> DocumentRow | None:
    """The latest document of ``kind`` made from the partnership's current file, if any."""
    language = row.spec.get("language", "fr")
    rows = [
        d
        for d in uow.partnerships.documents(row, kind)
        if d.language == language and d.spec_sha256 == row.spec_sha256
    ]
    return rows[-1] if rows else None


def current_agreement(uow: UnitOfWork, row: PartnershipRow) -> DocumentRow | None:
    return evidence_document(uow, row, AGREEMENT)


def _gate_document(uow: UnitOfWork, row: PartnershipRow, gate: Gate) -> str | None:
    """The document a gate's decisions are taken on (the current agreement), if any."""
    if gate in (Gate.legal_approval, Gate.signature):
        agreement = current_agreement(uow, row)
        return agreement.sha256 if agreement else None
    return None


def _round_decisions(
    uow: UnitOfWork, row: PartnershipRow, gate: Gate, round_: int
) -> list[rules.Recorded]:
    return [
        rules.Recorded(d.decider, d.role, d.partner_key, d.outcome, d.document_sha256)
        for d in uow.partnerships.decisions(row, gate.value, round_)
    ]


def _open_round(row: PartnershipRow, gate: Gate) -> int:
    """The round ``gate`` is in: a new one opens when the file is amended or a review is due."""
    return int((row.rounds or {}).get(gate.value, 1))


def open_new_round(row: PartnershipRow, gates: Iterable[Gate]) -> None:
    """Open a new round of each of ``gates``: earlier decisions no longer count."""
    rounds = dict(row.rounds or {})
    for gate in gates:
        rounds[gate.value] = int(rounds.get(gate.value, 1)) + 1
    row.rounds = rounds


def _recorded(uow: UnitOfWork, row: PartnershipRow, gate: Gate) -> list[rules.Recorded]:
    return _round_decisions(uow, row, gate, _open_round(row, gate))


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
) -> None:
    """Every rule a decision must pass before it is recorded; raises Refused."""
    _check_gate(Stage(row.stage), gate, outcome)
    rules.authorise(partnership, gate, decider)
    if not reason.strip():
        raise Refused("a decision states its reason (--reason): it is kept in the audit trail")
    evidence = EVIDENCE.get(gate)
    if evidence and evidence_document(uow, row, evidence) is None:
        raise Refused(
            f"{gate.value} is decided on the {evidence.replace('_', ' ')} of the current file, "
            f"which is not written yet: run `coopact advance {row.reference}` first"
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
    if gate is Gate.vision_approval:
        findings = [_finding(f) for f in uow.partnerships.findings(row)]
        problem = vision_approval_problem(findings, outcome.value, reason)
        if problem:
            raise Refused(problem)
    current = _gate_document(uow, row, gate)
    if gate is Gate.signature and outcome is Outcome.sign:
        problem = rules.signature_problem(current or "", document_sha256)
        if problem:
            raise Refused(problem)
    if gate is Gate.legal_approval and document_sha256 and document_sha256.lower() != current:
        raise Refused(
            f"the approved document ({document_sha256[:12]}…) is not the current agreement "
            f"({(current or '')[:12]}…): approve the current version"
        )
    problem = rules.round_problem(
        partnership, gate, decider, _recorded(uow, row, gate), current_sha256=current
    )
    if problem:
        raise Refused(problem)


def _decision_document(
    uow: UnitOfWork, row: PartnershipRow, gate: Gate, outcome: Outcome, given: str | None
) -> str | None:
    """The document a decision is recorded against: the hash a signatory signs, else the
    current agreement at the legal and signature gates (an approval, a decline)."""
    given = given.strip().lower() if given else None
    if gate is Gate.signature and outcome is Outcome.sign:
        return given
    if gate in (Gate.legal_approval, Gate.signature):
        return _gate_document(uow, row, gate)
    return given


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
    channel: Channel | None = None,
) -> DecisionResult:
    """Record one decision at the open gate, exactly once; close the gate when complete.

    ``actor`` says who entered it when it is not the decider in person (the demo persona);
    ``channel`` how it arrived (the command line, with the OS user, by default).
    """
    actor = actor or f"{decider.name} ({decider.role.value})"
    with uow:
        row = uow.partnerships.get_for_update(reference)
        try:
            result = _record_decision(
                uow, row, gate, decider, outcome, reason, document_sha256=document_sha256,
                actor=actor, channel=channel,
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
    channel: Channel | None = None,
) -> DecisionResult:
    """The rules and the writes of :func:`decide`, inside the caller's transaction (the
    partnership row already locked). Raises :class:`Refused` before writing anything; the
    caller commits when ``applied``."""
    reference = row.reference
    channel = channel or cli_channel()
    partnership = partnership_of(row)
    stage = Stage(row.stage)
    round_ = _open_round(row, gate)
    recorded_on = _decision_document(uow, row, gate, outcome, document_sha256)
    key = rules.idempotency_key(reference, gate, round_, decider, outcome, recorded_on)
    found = uow.partnerships.decision_by_key(key)
    voided = (
        gate is Gate.signature
        and found is not None
        and found.document_sha256 != (_gate_document(uow, row, gate))
    )
    if found is not None and not voided:  # a replay, even after the gate closed
        return DecisionResult(reference, False, row.stage, False, ALREADY_RECORDED)
    _check_decision(uow, row, partnership, gate, decider, outcome, reason, document_sha256)
    document_sha256 = recorded_on
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
                    channel=channel.kind,
                    channel_detail=dict(channel.detail),
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
        channel=channel.kind,
        channel_detail=dict(channel.detail),
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
