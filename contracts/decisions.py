"""Who decides at each gate, and when a gate is closed.

A gate closes when every required decider has decided in the current round: with one
rejection it closes on the rejecting outcome; otherwise on the approving one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from contracts.errors import Refused
from contracts.lifecycle import Gate, Outcome
from schemas import Partnership


class Role(StrEnum):
    partnership_officer = "partnership_officer"
    legal_officer = "legal_officer"
    sponsor = "sponsor"
    signatory = "signatory"
    committee_member = "committee_member"


@dataclass(frozen=True)
class Decider:
    name: str
    role: Role
    partner_key: str | None = None


@dataclass(frozen=True)
class Recorded:
    """A decision already stored for the current round of a gate."""

    decider: str
    role: str
    partner_key: str | None
    outcome: str


# Who must decide at each gate: one decision per partner (by that partner's role), or one.
_PER_PARTNER: dict[Gate, Role] = {
    Gate.vision_approval: Role.sponsor,
    Gate.balance_acceptance: Role.sponsor,
    Gate.signature: Role.signatory,
    Gate.renewal: Role.sponsor,
}
_SINGLE: dict[Gate, Role] = {
    Gate.legal_approval: Role.legal_officer,
    Gate.review: Role.committee_member,
}
_APPROVING: dict[Gate, Outcome] = {
    Gate.vision_approval: Outcome.approve,
    Gate.balance_acceptance: Outcome.approve,
    Gate.legal_approval: Outcome.approve,
    Gate.signature: Outcome.sign,
    Gate.renewal: Outcome.renew,
}


def required_role(gate: Gate) -> Role:
    return _PER_PARTNER.get(gate) or _SINGLE[gate]


def authorise(partnership: Partnership, gate: Gate, decider: Decider) -> None:
    """Refuse unless ``decider`` holds the role this gate needs, for the partner named."""
    role = required_role(gate)
    if decider.role is not role:
        raise Refused(f"{gate.value} is decided by a {role.value}, not by a {decider.role.value}")
    if gate in _PER_PARTNER:
        if decider.partner_key is None:
            raise Refused(f"a {role.value} decides for one partner: name it with --for")
        partner = next((p for p in partnership.partners if p.key == decider.partner_key), None)
        if partner is None:
            raise Refused(f"unknown partner '{decider.partner_key}'")
        person = partner.sponsor if role is Role.sponsor else partner.signatory
        if person is None or person.name != decider.name:
            expected = person.name if person else "nobody (none is named in the file)"
            raise Refused(
                f"{decider.name} is not the {role.value} of {partner.name}: the {role.value} "
                f"named in the partnership file is {expected}"
            )
    elif role is Role.committee_member:
        members = {m.name for m in partnership.governance.steering_committee.members}
        if decider.name not in members:
            raise Refused(f"{decider.name} is not a member of the comité de pilotage")


def awaited(partnership: Partnership, gate: Gate, decisions: Sequence[Recorded]) -> list[str]:
    """Who is still awaited at ``gate`` (partner keys, or the role for a single decision)."""
    if gate in _PER_PARTNER:
        decided = {d.partner_key for d in decisions}
        return [p.key for p in partnership.partners if p.key not in decided]
    return [] if decisions else [_SINGLE[gate].value]


def gate_outcome(partnership: Partnership, gate: Gate, decisions: Sequence[Recorded]) -> Outcome | None:
    """How the gate closes given the decisions of this round, or None while someone is awaited."""
    if gate not in _APPROVING:  # review: the committee's single decision is the outcome
        return Outcome(decisions[-1].outcome) if decisions else None
    approving = _APPROVING[gate]
    for decision in decisions:
        if decision.outcome != approving.value:
            return Outcome(decision.outcome)
    if awaited(partnership, gate, decisions):
        return None
    return approving


def idempotency_key(
    reference: str,
    gate: Gate,
    round_: int,
    decider: Decider,
    document_sha256: str | None,
) -> str:
    """Same partnership, gate, round, decider and document: the same decision, applied once."""
    parts = [reference, gate.value, str(round_), decider.name, decider.role.value]
    parts += [decider.partner_key or "", document_sha256 or ""]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
