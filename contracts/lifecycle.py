"""The partnership lifecycle as an explicit state machine (DESIGN.md section 2).

A partnership is always in one :class:`Stage`. From each stage, either the automatic work
moves it on (``signed`` -> ``active``), or it waits at one :class:`Gate` for human
decisions. Every move is checked here; any other move is refused with a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from coopact.contracts.errors import Refused


class Stage(StrEnum):
    draft = "draft"
    vision_agreed = "vision_agreed"
    balanced = "balanced"
    formalised = "formalised"
    signed = "signed"
    active = "active"
    in_review = "in_review"
    in_renewal = "in_renewal"
    amending = "amending"  # an avenant awaits its legal approval
    amendment_signing = "amendment_signing"  # an approved avenant awaits its signatures
    terminated = "terminated"  # the exit is under way: the partners acknowledge it
    closed = "closed"


class Gate(StrEnum):
    vision_approval = "vision_approval"  # each sponsor approves the shared vision
    balance_acceptance = "balance_acceptance"  # each partner accepts the balance findings
    legal_approval = "legal_approval"  # a legal officer approves the generated agreement
    signature = "signature"  # every signatory signs the same document hash
    review = "review"  # the steering committee decides go | go_with_conditions | no_go
    renewal = "renewal"  # renew, or end at term
    amendment_approval = "amendment_approval"  # a legal officer approves the avenant
    amendment_signature = "amendment_signature"  # every signatory signs the avenant
    exit_acknowledgement = "exit_acknowledgement"  # each partner acknowledges the exit


class Outcome(StrEnum):
    approve = "approve"
    reject = "reject"
    sign = "sign"
    decline = "decline"
    go = "go"
    go_with_conditions = "go_with_conditions"
    no_go = "no_go"
    renew = "renew"
    end = "end"
    acknowledge = "acknowledge"


class Event(StrEnum):
    """Moves made by the automatic work, not by a decision."""

    governance_set_up = "governance_set_up"
    review_due = "review_due"
    renewal_due = "renewal_due"
    terminate = "terminate"
    amendment_proposed = "amendment_proposed"
    renewed = "renewed"


@dataclass(frozen=True)
class GateSpec:
    gate: Gate
    description: str
    outcomes: dict[Outcome, Stage]  # outcome of the gate as a whole -> next stage


GATES: dict[Stage, GateSpec] = {
    Stage.draft: GateSpec(
        Gate.vision_approval,
        "each sponsor approves the shared vision",
        {Outcome.approve: Stage.vision_agreed, Outcome.reject: Stage.draft},
    ),
    Stage.vision_agreed: GateSpec(
        Gate.balance_acceptance,
        "each partner accepts the balance findings",
        {Outcome.approve: Stage.balanced, Outcome.reject: Stage.vision_agreed},
    ),
    Stage.balanced: GateSpec(
        Gate.legal_approval,
        "a legal officer approves the generated agreement",
        {Outcome.approve: Stage.formalised, Outcome.reject: Stage.balanced},
    ),
    Stage.formalised: GateSpec(
        Gate.signature,
        "every signatory signs the same document",
        {Outcome.sign: Stage.signed, Outcome.decline: Stage.formalised},
    ),
    Stage.in_review: GateSpec(
        Gate.review,
        "the steering committee decides go, go with conditions or no go",
        {
            Outcome.go: Stage.active,
            Outcome.go_with_conditions: Stage.active,
            Outcome.no_go: Stage.terminated,
        },
    ),
    Stage.in_renewal: GateSpec(
        Gate.renewal,
        "the partners decide to renew the partnership or to end it at term",
        {Outcome.renew: Stage.amendment_signing, Outcome.end: Stage.terminated},
    ),
    Stage.amending: GateSpec(
        Gate.amendment_approval,
        "a legal officer approves the avenant",
        {Outcome.approve: Stage.amendment_signing, Outcome.reject: Stage.active},
    ),
    Stage.amendment_signing: GateSpec(
        Gate.amendment_signature,
        "every signatory signs the avenant",
        {Outcome.sign: Stage.active, Outcome.decline: Stage.active},
    ),
    Stage.terminated: GateSpec(
        Gate.exit_acknowledgement,
        "each partner acknowledges the termination letter and the exit statement",
        {Outcome.acknowledge: Stage.closed},
    ),
}

AUTOMATIC: dict[tuple[Stage, Event], Stage] = {
    (Stage.signed, Event.governance_set_up): Stage.active,
    (Stage.active, Event.review_due): Stage.in_review,
    (Stage.active, Event.renewal_due): Stage.in_renewal,
    (Stage.active, Event.terminate): Stage.terminated,
    (Stage.active, Event.amendment_proposed): Stage.amending,
    (Stage.signed, Event.amendment_proposed): Stage.amending,
    (Stage.active, Event.renewed): Stage.active,
}

FINAL: frozenset[Stage] = frozenset({Stage.terminated, Stage.closed})
"""No automatic work, nothing scheduled: a terminated partnership only awaits the partners'
acknowledgement of its exit, a closed one nothing."""


def awaited_gate(stage: Stage) -> GateSpec | None:
    """The gate a partnership in ``stage`` waits at, or None when no human is awaited."""
    return GATES.get(stage)


def decide(stage: Stage, gate: Gate, outcome: Outcome) -> Stage:
    """The stage reached when ``gate`` closes with ``outcome``; refused for any other move."""
    spec = GATES.get(stage)
    if stage in FINAL and (spec is None or spec.gate is not gate):
        raise Refused(f"the partnership is {stage.value}: no decision can be taken any more")
    if spec is None:
        raise Refused(f"the partnership is {stage.value}: no gate is open, nothing to decide")
    if spec.gate is not gate:
        raise Refused(
            f"the partnership is {stage.value}: the open gate is {spec.gate.value} "
            f"({spec.description}), not {gate.value}"
        )
    try:
        return spec.outcomes[outcome]
    except KeyError:
        allowed = ", ".join(o.value for o in spec.outcomes)
        raise Refused(
            f"{outcome.value} is not an outcome of {gate.value}; expected one of: {allowed}"
        ) from None


def move(stage: Stage, event: Event) -> Stage:
    """The stage reached by the automatic ``event``; refused when it does not apply."""
    try:
        return AUTOMATIC[(stage, event)]
    except KeyError:
        raise Refused(f"the partnership is {stage.value}: {event.value} does not apply") from None
