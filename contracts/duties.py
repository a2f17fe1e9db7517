"""Segregation of duties: who may record which gate's decision through which channel.

One table, :data:`POLICY`, read by every entry point through :func:`refusal`. A decision
arrives through a channel (the person's own link, a signed-in officer's page, an officer
recording on someone's behalf, the command line, the Prefect ``decide`` deployment, the
e-signature provider's webhook, the demo) and is entered by someone: the decider in
person, a partnership officer, a legal officer, an operator of the machine (command line,
Prefect: the operating-system user is recorded), or the e-signature provider.

The legal approvals (agreement and avenant) and the signatures (agreement and avenant) are
:data:`RESERVED`: only the person who decides them records them (their own link, the
signed-in legal officer's page, the provider that collected the signature), never a
partnership officer on their behalf. Every other gate may be recorded on someone's behalf
by a partnership officer, and only with the evidence it rests on (a mail, minutes).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from contracts.lifecycle import Gate


class Channel(StrEnum):
    link = "link"  # the person's own personal decision link
    portal = "portal"  # a signed-in officer's page, deciding in person
    on_behalf = "on_behalf"  # a signed-in partnership officer, for someone else
    cli = "cli"  # `coopact decide` on the machine
    prefect = "prefect"  # the Prefect `decide` deployment (a request kept by the CLI)
    webhook = "webhook"  # the e-signature provider
    demo = "demo"  # `coopact demo`, its personas


class Entrant(StrEnum):
    """Who enters the decision (not who takes it)."""

    decider = "decider"  # the person who decides, in person
    partnership_officer = "partnership_officer"
    legal_officer = "legal_officer"
    operator = "operator"  # whoever runs coopact on the machine (CLI, Prefect)
    provider = "provider"  # the e-signature provider


RESERVED: frozenset[Gate] = frozenset(
    {Gate.legal_approval, Gate.amendment_approval, Gate.signature, Gate.amendment_signature}
)
"""Never recorded on someone's behalf by a partnership officer."""

LEGAL: frozenset[Gate] = frozenset({Gate.legal_approval, Gate.amendment_approval})
SIGNING: frozenset[Gate] = frozenset({Gate.signature, Gate.amendment_signature})
ALL: frozenset[Gate] = frozenset(Gate)


@dataclass(frozen=True)
class Duty:
    """Through ``channel``, ``entrant`` may record the decisions of ``gates``."""

    channel: Channel
    entrant: Entrant
    gates: frozenset[Gate]
    evidence: bool = False  # the evidence the decision rests on is required
    in_person: bool = False  # the entrant must be the decider


POLICY: tuple[Duty, ...] = (
    Duty(Channel.link, Entrant.decider, ALL, in_person=True),
    Duty(Channel.link, Entrant.legal_officer, LEGAL, in_person=True),
    Duty(Channel.portal, Entrant.legal_officer, LEGAL, in_person=True),
    Duty(Channel.on_behalf, Entrant.partnership_officer, ALL - RESERVED, evidence=True),
    Duty(Channel.cli, Entrant.operator, ALL),
    Duty(Channel.prefect, Entrant.operator, ALL),
    Duty(Channel.webhook, Entrant.provider, SIGNING),
    Duty(Channel.demo, Entrant.operator, ALL),
)


def duty(channel: Channel, entrant: Entrant, gate: Gate) -> Duty | None:
    """The policy's line that lets ``entrant`` record ``gate`` through ``channel``."""
    return next(
        (d for d in POLICY if d.channel is channel and d.entrant is entrant and gate in d.gates),
        None,
    )


def refusal(
    gate: Gate,
    channel: Channel,
    entrant: Entrant,
    *,
    evidence: bool = False,
    in_person: bool = False,
) -> str | None:
    """Why this recording is refused (a sentence), or None when the policy allows it."""
    found = duty(channel, entrant, gate)
    if found is None:
        if channel is Channel.on_behalf and gate in RESERVED:
            return (
                f"{_GATE_WORDS[gate]} is never recorded on someone's behalf: only the person "
                "who decides it records it, through their own link or signed in"
            )
        return (
            f"{_GATE_WORDS[gate]} cannot be recorded by a {entrant.value.replace('_', ' ')} "
            f"through the {channel.value.replace('_', ' ')} channel"
        )
    if found.in_person and not in_person:
        return f"{_GATE_WORDS[gate]} is recorded only by the person who decides it"
    if found.evidence and not evidence:
        return (
            f"{_GATE_WORDS[gate]} recorded on someone's behalf needs the evidence it rests on "
            "(a mail, minutes)"
        )
    return None


def on_behalf_gates() -> frozenset[Gate]:
    """The gates a partnership officer may record on someone's behalf (with evidence)."""
    found = duty_gates(Channel.on_behalf, Entrant.partnership_officer)
    return found


def duty_gates(channel: Channel, entrant: Entrant) -> frozenset[Gate]:
    gates: frozenset[Gate] = frozenset()
    for d in POLICY:
        if d.channel is channel and d.entrant is entrant:
            gates |= d.gates
    return gates


_GATE_WORDS: dict[Gate, str] = {
    Gate.vision_approval: "the approval of the shared vision",
    Gate.balance_acceptance: "the acceptance of the balance findings",
    Gate.legal_approval: "the legal approval of the agreement",
    Gate.signature: "the signature of the agreement",
    Gate.review: "a vote of the Go/noGo review",
    Gate.renewal: "the renewal decision",
    Gate.amendment_approval: "the legal approval of the avenant",
    Gate.amendment_signature: "the signature of the avenant",
    Gate.exit_acknowledgement: "the acknowledgement of the exit",
}
