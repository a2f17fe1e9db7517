"""Recording a decision at a gate: checked, exactly once, closing the gate when complete."""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from coopact.contracts import authorisation, deciders, duties, lifecycle
from coopact.contracts import conditions as condition_rules
from coopact.contracts import decisions as rules
from coopact.contracts.balance import acceptance_problem
from coopact.contracts.conditions import Condition
from coopact.contracts.errors import InvalidInput, Refused
from coopact.contracts.finding_texts import Severity
from coopact.contracts.lifecycle import Gate, Outcome, Stage
from coopact.contracts.vision_content import approval_problem as vision_approval_problem
from coopact.schemas import Partnership
from coopact.services._common import (
    SYSTEM,
    _finding,
    partnership_of,
)
from coopact.services.acts import after_gate_closed
from coopact.services.evidence import DOCUMENT_GATES as _DOCUMENT_GATES
from coopact.services.gate_documents import evidence_document, missing_evidence
from coopact.services.rounds import open_round
from coopact.store import pseudonyms
from coopact.store.records import PartnershipRow
from coopact.store.uow import UnitOfWork

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


def check_text(reason: str, conditions: Sequence[Condition] = ()) -> None:
    """Refuse control characters in the reason or the conditions, naming the field."""
    problems = rules.text_problems(reason, conditions)
    if problems:
        raise InvalidInput("decision", problems)


def check_duty(gate: Gate, channel: Channel) -> None:
    """Refuse, writing nothing, a decision its channel may not record (contracts.duties)."""
    kind = duties.Channel(channel.kind)
    detail = channel.detail
    if kind is duties.Channel.link:
        entrant = duties.Entrant.legal_officer if detail.get("officer") else duties.Entrant.decider
    elif kind is duties.Channel.portal:
        entrant = duties.Entrant(detail.get("role", "legal_officer"))
    elif kind is duties.Channel.on_behalf:
        entrant = duties.Entrant.partnership_officer
    elif kind is duties.Channel.webhook:
        entrant = duties.Entrant.provider
    else:
        entrant = duties.Entrant.operator
    problem = duties.refusal(
        gate, kind, entrant, evidence=bool(detail.get("evidence_sha256")),
        in_person=kind in (duties.Channel.link, duties.Channel.portal),
    )  # fmt: skip
    if problem:
        raise Refused(problem)


_SIGNED = {
    Gate.signature: "the current agreement's PDF",
    Gate.amendment_signature: "the PDF of the avenant under way",
}


def _gate_document(uow: UnitOfWork, row: PartnershipRow, gate: Gate) -> str | None:
    """The document a gate's decisions are taken on (the current agreement, the avenant
    under way), if any."""
    kind = _DOCUMENT_GATES.get(gate)
    if kind is None:
        return None
    document = evidence_document(uow, row, kind)
    return document.sha256 if document else None


def _round_decisions(
    uow: UnitOfWork, row: PartnershipRow, gate: Gate, round_: int
) -> list[deciders.Recorded]:
    return [
        deciders.Recorded(d.decider, d.role, d.partner_key, d.outcome, d.document_sha256)
        for d in uow.partnerships.decisions(row, gate.value, round_)
    ]


def _recorded(uow: UnitOfWork, row: PartnershipRow, gate: Gate) -> list[deciders.Recorded]:
    return _round_decisions(uow, row, gate, open_round(row, gate))


def _awaited(
    uow: UnitOfWork, row: PartnershipRow, partnership: Partnership, gate: Gate
) -> list[str]:
    return rules.awaited(
        partnership, gate, _recorded(uow, row, gate), current_sha256=_gate_document(uow, row, gate)
    )


# EVIDENCE: the document each gate is decided on (coopact.services.evidence).


def _check_decision(
    uow: UnitOfWork,
    row: PartnershipRow,
    partnership: Partnership,
    gate: Gate,
    decider: deciders.Decider,
    outcome: Outcome,
    reason: str,
    document_sha256: str | None,
) -> None:
    """Every rule a decision must pass before it is recorded; raises Refused."""
    _check_gate(Stage(row.stage), gate, outcome)
    authorisation.authorise(partnership, gate, decider)
    if not reason.strip():
        raise Refused("a decision states its reason (--reason): it is kept in the audit trail")
    missing = missing_evidence(uow, row, gate)
    if missing:
        raise Refused(missing)
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
    if gate in deciders.SIGNING and outcome is Outcome.sign:
        problem = rules.signature_problem(current or "", document_sha256)
        if problem:  # what is signed: the current agreement's PDF, the avenant's
            raise Refused(problem.replace("the current agreement", _SIGNED[gate]))
    approval = gate in (Gate.legal_approval, Gate.amendment_approval)
    if approval and document_sha256 and document_sha256.lower() != current:
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
    if gate in deciders.SIGNING and outcome is Outcome.sign:
        return given
    if gate in _DOCUMENT_GATES:
        return _gate_document(uow, row, gate)
    return given


def actor_of(uow: UnitOfWork, decider: deciders.Decider, actor: str | None) -> tuple[str, str]:
    """Who entered a decision as the chain names them, and the decider's pseudonymous id:
    ``actor`` when it is not the decider in person (the demo persona, an officer)."""
    person_id = pseudonyms.pseudonym(uow.keyring, decider.name)
    # The chain names the decider by a pseudonymous id only (store.people).
    actor = (actor or f"{decider.name} ({decider.role.value})").replace(decider.name, person_id)
    return actor, person_id


def check_conditions(
    partnership: Partnership, gate: Gate, outcome: Outcome, conditions: Sequence[Condition]
) -> None:
    """At the review gate, conditions go with go_with_conditions and only with it, each
    owned by a partner of the file; raises InvalidInput."""
    if gate is Gate.review:
        problems = condition_rules.problems(partnership, conditions, outcome.value, dt.date.today())
        if problems:
            raise InvalidInput("conditions", problems)


def _record_decision(
    uow: UnitOfWork,
    row: PartnershipRow,
    gate: Gate,
    decider: deciders.Decider,
    outcome: Outcome,
    reason: str,
    *,
    document_sha256: str | None,
    actor: str,
    channel: Channel | None = None,
    conditions: Sequence[Condition] = (),
) -> DecisionResult:
    """The rules and the writes of :func:`decide`, inside the caller's transaction (the
    partnership row already locked). Raises :class:`Refused` before writing anything; the
    caller commits when ``applied``."""
    reference = row.reference
    channel = channel or cli_channel()
    partnership = partnership_of(row)
    stage = Stage(row.stage)
    round_ = open_round(row, gate)
    recorded_on = _decision_document(uow, row, gate, outcome, document_sha256)
    key = rules.idempotency_key(reference, gate, round_, decider, outcome, recorded_on)
    found = uow.partnerships.decision_by_key(key)
    voided = (
        gate in deciders.SIGNING
        and found is not None
        and found.document_sha256 != (_gate_document(uow, row, gate))
    )
    if found is not None and not voided:  # a replay, even after the gate closed
        return DecisionResult(reference, False, row.stage, False, ALREADY_RECORDED)
    check_conditions(partnership, gate, outcome, conditions)
    _check_decision(uow, row, partnership, gate, decider, outcome, reason, document_sha256)
    document_sha256 = recorded_on
    recorded = uow.decisions.add(
        row, gate=gate.value, round=round_, decider=decider.name, role=decider.role.value,
        partner_key=decider.partner_key, outcome=outcome.value, reason=reason,
        document_sha256=document_sha256, idempotency_key=key, channel=channel.kind,
        channel_detail=dict(channel.detail),
    )  # fmt: skip
    if recorded is None:  # the same decision, recorded concurrently: applied once
        return DecisionResult(reference, False, stage.value, False, ALREADY_RECORDED)
    uow.decisions.add_conditions(row, recorded, round_, conditions)
    _audit_decision(
        uow, row, recorded.id, gate, round_, decider, outcome, reason,
        document_sha256=document_sha256, actor=actor, channel=channel, conditions=conditions,
    )  # fmt: skip
    closed, message = _gate_after_decision(uow, row, partnership, stage, gate, round_, actor=actor)
    uow.flush()
    return DecisionResult(reference, True, row.stage, closed is not None, message)


def _audit_decision(
    uow: UnitOfWork,
    row: PartnershipRow,
    decision_id: int,
    gate: Gate,
    round_: int,
    decider: deciders.Decider,
    outcome: Outcome,
    reason: str,
    *,
    document_sha256: str | None,
    actor: str,
    channel: Channel,
    conditions: Sequence[Condition],
) -> None:
    """The decision recorded in the audit chain: its decider pseudonymised, its reason
    hashed."""
    reference = row.reference
    uow.audit(
        "decision.recorded",
        actor=actor,
        reference=reference,
        decision_id=decision_id,
        gate=gate.value,
        round=round_,
        decider_id=pseudonyms.pseudonym(uow.keyring, decider.name),
        role=decider.role.value,
        outcome=outcome.value,
        partner=decider.partner_key,
        reason_sha256=pseudonyms.text_hash(reason),
        document_sha256=document_sha256,
        channel=channel.kind,
        channel_detail=dict(channel.detail),
        conditions=[
            {"what": c.what, "owner": c.owner, "due": c.due_on.isoformat()} for c in conditions
        ]
        or None,
    )


def _gate_after_decision(
    uow: UnitOfWork,
    row: PartnershipRow,
    partnership: Partnership,
    stage: Stage,
    gate: Gate,
    round_: int,
    *,
    actor: str,
) -> tuple[Outcome | None, str]:
    """The gate closed when the round's decisions settle it (the partnership moved on, in
    the audit chain, and what follows the closing done), or who is still awaited; the
    outcome (None while open) and the message saying so."""
    reference = row.reference
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

        extra = after_gate_closed(uow, row, partnership, gate, closed, round_, actor=actor)
        message = f"{gate.value} closed ({closed.value}): the partnership is now {row.stage}"
        if extra:
            message += f"; {extra}"
    else:
        waiting = ", ".join(rules.awaited(partnership, gate, taken, current_sha256=current))
        message = f"decision recorded; still awaited at {gate.value}: {waiting}"
        if gate is Gate.review and rules.committee_tally(partnership, taken).deadlock:
            message = (
                f"decision recorded; the comité de pilotage is deadlocked under its "
                f"{partnership.governance.steering_committee.decision_rule.value} rule: "
                f"awaited at review: {waiting}, recorded by a partnership officer"
            )
    return closed, message


def _check_gate(stage: Stage, gate: Gate, outcome: Outcome) -> None:
    """Refuse a decision at a gate that is not open, or with an outcome it does not know."""
    spec = lifecycle.awaited_gate(stage)
    if spec is None or spec.gate is not gate:
        lifecycle.decide(stage, gate, outcome)  # raises the lifecycle's own refusal
    allowed = deciders.outcomes(gate)
    if outcome not in allowed:
        names = ", ".join(o.value for o in allowed)
        raise Refused(
            f"{outcome.value} is not an outcome of {gate.value}; expected one of: {names}"
        )
