"""Who decides at each gate, who is told, and when a gate is closed.

A gate closes when every required decider has decided in the current round: with one
rejection it closes on the rejecting outcome; otherwise on the approving one.

The people come from the partnership file: each partner's ``sponsor`` and ``signatory``,
the members of the comité de pilotage, and the optional ``people`` list for those who act
by office (legal officers, partnership officers). A signature names the SHA-256 of the
agreement it signs; a new version of the agreement voids the signatures of earlier ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from coopact.contracts import committee
from coopact.contracts.deciders import (
    APPROVING,
    PER_PARTNER,
    SIGNING,
    SINGLE,
    Decider,
    Recipient,
    Recorded,
    required_role,
    same_name,
)
from coopact.contracts.errors import Problem
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.schemas.vocabulary import OfficeRole
from coopact.schemas.xml_text import xml_safe

if TYPE_CHECKING:  # annotations only: the schema's models are not built at run time
    from coopact.schemas import GateParties, Partnership


def signature_problem(current_sha256: str, signed_sha256: str | None) -> str | None:
    """Why a signature cannot be recorded against the current agreement, or None if it can."""
    if not signed_sha256:
        return (
            "a signature names the SHA-256 of the document signed; none was given "
            f"(the current agreement is {current_sha256})"
        )
    if signed_sha256.strip().lower() != current_sha256.lower():
        return (
            f"the signed document ({signed_sha256[:12]}…) is not the current agreement "
            f"({current_sha256[:12]}…): sign the current version"
        )
    return None


def counting(
    gate: Gate, decisions: Sequence[Recorded], current_sha256: str | None
) -> list[Recorded]:
    """The decisions that still count: at the signature gate, those on the current agreement.

    A new agreement version after a signature voids the earlier signatures. Without a
    current hash, every decision counts (the caller has no document to compare with).
    """
    if gate not in SIGNING or current_sha256 is None:
        return list(decisions)
    return [d for d in decisions if d.document_sha256 == current_sha256]


def voided(gate: Gate, decisions: Sequence[Recorded], current_sha256: str | None) -> list[Recorded]:
    """The signatures made void by a newer agreement version."""
    kept = counting(gate, decisions, current_sha256)
    return [d for d in decisions if d not in kept]


def signed_hash(partnership: Partnership, decisions: Sequence[Recorded]) -> str | None:
    """The agreement hash every signatory has signed; None while they differ or one is missing."""
    signs = [d for d in decisions if d.outcome == Outcome.sign.value]
    hashes = {d.document_sha256 for d in signs}
    if len(hashes) != 1:
        return None
    (sha,) = hashes
    if sha is None:
        return None
    signed_for = {d.partner_key for d in signs}
    if any(p.key not in signed_for for p in partnership.partners):
        return None
    return sha


def awaited(
    partnership: Partnership | GateParties,
    gate: Gate,
    decisions: Sequence[Recorded],
    *,
    current_sha256: str | None = None,
) -> list[str]:
    """Who is still awaited at ``gate`` (partner keys, or the role for a single decision)."""
    counted = counting(gate, decisions, current_sha256)
    if gate in PER_PARTNER:
        decided = {d.partner_key for d in counted}
        return [p.key for p in partnership.partners if p.key not in decided]
    if gate is Gate.review:
        if mediation(counted) is not None:
            return []
        vote = committee_tally(partnership, counted)
        if vote.deadlock:
            return [f"{committee.deadlock_words(partnership)} (deadlock: outcome to record)"]
        return [] if vote.closed else vote.awaited
    return [] if counted else [SINGLE[gate].value]


def mediation(decisions: Sequence[Recorded]) -> Recorded | None:
    """The outcome of the deadlock procedure, recorded by a partnership officer, if any."""
    found = [d for d in decisions if d.role == Role.partnership_officer.value]
    return found[-1] if found else None


def committee_tally(
    partnership: Partnership | GateParties, decisions: Sequence[Recorded]
) -> committee.Tally:
    """The committee members' votes of this round, counted under the decision rule."""
    votes = {
        d.decider: Outcome(d.outcome) for d in decisions if d.role == Role.committee_member.value
    }
    return committee.tally(partnership, votes)


def gate_outcome(
    partnership: Partnership,
    gate: Gate,
    decisions: Sequence[Recorded],
    *,
    current_sha256: str | None = None,
) -> Outcome | None:
    """How the gate closes given the decisions of this round, or None while someone is awaited.

    At the signature gate only signatures on ``current_sha256`` count, and the partnership
    is signed only when every signatory has signed that same hash.
    """
    counted = counting(gate, decisions, current_sha256)
    if gate not in APPROVING:  # review: the committee votes under its decision rule
        mediated = mediation(counted)
        if mediated is not None:
            return Outcome(mediated.outcome)
        return committee_tally(partnership, counted).outcome
    approving = APPROVING[gate]
    for decision in counted:
        if decision.outcome != approving.value:
            return Outcome(decision.outcome)
    if awaited(partnership, gate, counted):
        return None
    if gate in SIGNING and signed_hash(partnership, counted) is None:
        return None
    return approving


def recipients(partnership: Partnership, gate: Gate) -> list[Recipient]:
    """Who must act when ``gate`` opens, in the file's order; pure, nothing is sent here."""
    role = required_role(gate)
    found: list[Recipient] = []
    if gate in PER_PARTNER:
        for partner in partnership.partners:
            person = partner.sponsor if role is Role.sponsor else partner.signatory
            if person is not None:
                email = _known_email(partnership, person.name, partner.key)
                found.append(Recipient(person.name, email, role, partner.key))
    elif role is Role.legal_officer:
        for officer in partnership.people:
            if OfficeRole.legal_officer in officer.roles:
                email = str(officer.email) if officer.email else None
                found.append(Recipient(officer.name, email, role, officer.partner))
    else:
        for member in partnership.governance.steering_committee.members:
            email = _known_email(partnership, member.name, member.partner)
            found.append(Recipient(member.name, email, role, member.partner))
    return found


def _known_email(partnership: Partnership, name: str, partner_key: str) -> str | None:
    """The email the file gives anywhere for the person ``name`` of ``partner_key``."""
    partner = partnership.partner(partner_key)
    for person in (partner.signatory, partner.sponsor, partner.referent):
        if person is not None and person.email and same_name(person.name, name):
            return str(person.email)
    for listed in partnership.people:
        if listed.email and same_name(listed.name, name):
            return str(listed.email)
    return None


def idempotency_key(
    reference: str,
    gate: Gate,
    round_: int,
    decider: Decider,
    outcome: Outcome,
    document_sha256: str | None,
) -> str:
    """Same partnership, gate, round, decider, outcome and document: the same decision,
    applied once. Names compare as people read them (case and extra spaces ignored)."""
    name = " ".join(decider.name.split()).casefold()
    parts = [reference, gate.value, str(round_), name, decider.role.value]
    parts += [decider.partner_key or "", outcome.value, (document_sha256 or "").lower()]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def round_problem(
    partnership: Partnership,
    gate: Gate,
    decider: Decider,
    decisions: Sequence[Recorded],
    *,
    current_sha256: str | None = None,
) -> str | None:
    """Why one more decision cannot join this round of ``gate``, or None.

    A decision is final for its round: the same partner (or person, at a single-decision
    gate) does not decide twice, and a round that closed (a rejection...) takes no more
    decisions; the gate opens a new round when the file is amended or a review is due.
    """
    counted = counting(gate, decisions, current_sha256)
    closed = gate_outcome(partnership, gate, counted, current_sha256=current_sha256)
    if closed is not None and counted:
        return (
            f"{gate.value} was already decided in this round ({closed.value}): to submit it "
            "again, correct the partnership file with `coopact amend`"
        )
    if gate is Gate.review and decider.role is Role.partnership_officer:
        if not committee_tally(partnership, counted).deadlock:
            return (
                "the outcome of a mediation is recorded only once the comité de pilotage is "
                "deadlocked; the committee's vote is still open"
            )
        return None
    for decision in counted:
        same = (
            decision.partner_key == decider.partner_key
            if gate in PER_PARTNER
            else same_name(decision.decider, decider.name)
        )
        if same:
            return (
                f"{decision.decider} already decided {decision.outcome} at {gate.value} "
                "in this round: a decision is final for its round"
            )
    return None


def blocking_problem(gate: Gate, outcome: Outcome, blocking_codes: Sequence[str]) -> str | None:
    """Why an approving decision cannot be taken while blocking findings stand, or None.

    A gate is never approved over a blocking finding: the file is corrected first
    (``coopact amend``), and the stage's work runs again. At a review, a plain go is refused
    over a blocking finding (a red line crossed...); go with conditions and no go remain.
    Rejections are always possible.
    """
    approving = APPROVING.get(gate) or (Outcome.go if gate is Gate.review else None)
    if outcome is not approving or not blocking_codes:
        return None
    shown = ", ".join(sorted(set(blocking_codes)))
    return (
        f"{gate.value} cannot be approved while blocking findings stand ({shown}): correct the "
        "partnership file with `coopact amend`, then run `coopact advance` again"
    )


def text_problems(reason: str, conditions: Sequence[Any] = ()) -> list[Problem]:
    """Control characters (NUL, ESC, BEL...) in a decision's reason or its conditions,
    refused with the field, by the rule of the partnership file: the record keeps the text
    given, and every document can hold it."""
    fields: list[tuple[str, str | None]] = [("reason", reason)]
    for index, condition in enumerate(conditions):
        for name in ("what", "owner", "indicator"):
            fields.append((f"conditions[{index}].{name}", getattr(condition, name, None)))
    found = []
    for path, value in fields:
        try:
            xml_safe(value or "")
        except ValueError as problem:
            found.append(Problem(path, str(problem)))
    return found
