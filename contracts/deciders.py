"""Who decides at each gate: the roles, the outcomes a gate takes, the decider and a
recorded decision, and who is told when a gate opens (:class:`Recipient`). The rules that
use them are in :mod:`coopact.contracts.decisions` and :mod:`coopact.contracts.authorisation`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from coopact.contracts.lifecycle import GATES, Gate, Outcome
from coopact.contracts.roles import Role, same_person

if TYPE_CHECKING:  # annotations only: the schema's models are not built at run time
    from coopact.schemas.parties import Partner

ROLE_LABELS: dict[Role, str] = {
    Role.partnership_officer: "partnership officer",
    Role.legal_officer: "legal officer",
    Role.sponsor: "sponsor",
    Role.signatory: "signatory",
    Role.committee_member: "member of the comité de pilotage",
}

GATE_LABELS: dict[Gate, str] = {
    Gate.vision_approval: "the approval of the shared vision",
    Gate.balance_acceptance: "the acceptance of the balance findings",
    Gate.legal_approval: "the legal approval of the agreement",
    Gate.signature: "the signature of the agreement",
    Gate.review: "the Go/noGo review",
    Gate.renewal: "the renewal decision",
    Gate.amendment_approval: "the legal approval of the avenant",
    Gate.amendment_signature: "the signature of the avenant",
    Gate.exit_acknowledgement: "the acknowledgement of the exit",
}


@dataclass(frozen=True)
class Decider:
    name: str
    role: Role
    partner_key: str | None = None


@dataclass(frozen=True)
class Recorded:
    """A decision already stored for the current round of a gate.

    ``document_sha256`` is the hash of the document decided on (the agreement, for the
    legal approval and the signature); None when the decision is not about a document.
    """

    decider: str
    role: str
    partner_key: str | None
    outcome: str
    document_sha256: str | None = None


class Recipient(NamedTuple):
    """Someone who must act at a gate; ``email`` is None when the file gives none."""

    name: str
    email: str | None
    role: Role
    partner_key: str | None


# Who must decide at each gate: one decision per partner (by that partner's role), or one.
PER_PARTNER: dict[Gate, Role] = {
    Gate.vision_approval: Role.sponsor,
    Gate.balance_acceptance: Role.sponsor,
    Gate.signature: Role.signatory,
    Gate.renewal: Role.sponsor,
    Gate.amendment_signature: Role.signatory,
    Gate.exit_acknowledgement: Role.signatory,
}
SINGLE: dict[Gate, Role] = {
    Gate.legal_approval: Role.legal_officer,
    Gate.amendment_approval: Role.legal_officer,
    Gate.review: Role.committee_member,
}
APPROVING: dict[Gate, Outcome] = {
    Gate.vision_approval: Outcome.approve,
    Gate.balance_acceptance: Outcome.approve,
    Gate.legal_approval: Outcome.approve,
    Gate.signature: Outcome.sign,
    Gate.renewal: Outcome.renew,
    Gate.amendment_approval: Outcome.approve,
    Gate.amendment_signature: Outcome.sign,
    Gate.exit_acknowledgement: Outcome.acknowledge,
}
SIGNING: frozenset[Gate] = frozenset({Gate.signature, Gate.amendment_signature})
"""Gates whose decisions name the SHA-256 of the document signed."""


def required_role(gate: Gate) -> Role:
    return PER_PARTNER.get(gate) or SINGLE[gate]


def outcomes(gate: Gate) -> list[Outcome]:
    """The outcomes a decision at ``gate`` may take, in the lifecycle's order."""
    spec = next(s for s in GATES.values() if s.gate is gate)
    return list(spec.outcomes)


def same_name(a: str, b: str) -> bool:
    return same_person(a, b)


def partner_person_name(partner: Partner, role: Role) -> str | None:
    person = partner.sponsor if role is Role.sponsor else partner.signatory
    return person.name if person is not None else None
