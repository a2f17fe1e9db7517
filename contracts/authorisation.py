"""Whether a person may decide at a gate (:func:`authorise`): the role the gate requires,
and the partnership file naming that person in that role (refused otherwise)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopact.contracts.deciders import (
    GATE_LABELS,
    PER_PARTNER,
    ROLE_LABELS,
    Decider,
    partner_person_name,
    required_role,
    same_name,
)
from coopact.contracts.errors import Refused
from coopact.contracts.lifecycle import Gate
from coopact.contracts.roles import Role
from coopact.schemas.vocabulary import OfficeRole

if TYPE_CHECKING:  # annotations only: the schema's models are not built at run time
    from coopact.schemas import Partnership


def authorise(partnership: Partnership, gate: Gate, decider: Decider) -> None:
    """Refuse unless ``decider`` holds the role this gate needs, for the partner named."""
    role = required_role(gate)
    if gate is Gate.review and decider.role is Role.partnership_officer:
        _authorise_partnership_officer(partnership, decider)
        return
    if decider.role is not role:
        _refuse_wrong_role(gate, role, decider)
    if gate in PER_PARTNER:
        _authorise_for_partner(partnership, gate, role, decider)
    elif role is Role.legal_officer:
        _authorise_legal_officer(partnership, decider)
    else:
        _authorise_committee_member(partnership, decider)


def _refuse_wrong_role(gate: Gate, role: Role, decider: Decider) -> None:
    needed, held = ROLE_LABELS[role], ROLE_LABELS[decider.role]
    if gate is Gate.signature:
        raise Refused(
            f"{decider.name} acts as {held}: a {held} cannot sign for a partner; "
            "the agreement is signed by the signatory of each partner named in the "
            "partnership file (partners[].signatory)"
        )
    raise Refused(f"{GATE_LABELS[gate]} is decided by a {needed}, not by a {held}")


def _authorise_for_partner(
    partnership: Partnership, gate: Gate, role: Role, decider: Decider
) -> None:
    label = ROLE_LABELS[role]
    if decider.partner_key is None:
        raise Refused(f"a {label} decides for one partner: name the partner with --for")
    partner = next((p for p in partnership.partners if p.key == decider.partner_key), None)
    if partner is None:
        known = ", ".join(p.key for p in partnership.partners)
        raise Refused(f"unknown partner '{decider.partner_key}' (partners are: {known})")
    expected = partner_person_name(partner, role)
    if expected is not None and same_name(expected, decider.name):
        return
    own = [
        p
        for p in partnership.partners
        if (name := partner_person_name(p, role)) is not None and same_name(name, decider.name)
    ]
    if own:
        mine = ", ".join(f"{p.name} ({p.key})" for p in own)
        raise Refused(
            f"{decider.name} is the {label} of {mine}, not of {partner.name} "
            f"({partner.key}): a {label} decides only for the partner they represent, "
            f"so {GATE_LABELS[gate]} for {partner.name} awaits its own {label}"
        )
    named = expected if expected is not None else "nobody (none is named in the file)"
    raise Refused(
        f"{decider.name} is not the {label} of {partner.name}: the {label} named in the "
        f"partnership file is {named}"
    )


def _authorise_legal_officer(partnership: Partnership, decider: Decider) -> None:
    officers = [p for p in partnership.people if OfficeRole.legal_officer in p.roles]
    if not officers:
        raise Refused(
            "no legal officer is listed in the partnership file: add the person under "
            "people with roles [legal_officer] before the agreement can be approved"
        )
    if any(same_name(p.name, decider.name) for p in officers):
        return
    listed = next((p for p in partnership.people if same_name(p.name, decider.name)), None)
    if listed is not None:
        held = ", ".join(ROLE_LABELS[Role(r.value)] for r in listed.roles)
        raise Refused(
            f"{decider.name} is listed as {held}, not as legal officer: the legal approval "
            "is given only by a person with the legal_officer role"
        )
    raise Refused(
        f"{decider.name} is not listed as a legal officer in the partnership file (people): "
        "the legal approval is given only by a person with the legal_officer role"
    )


def _authorise_partnership_officer(partnership: Partnership, decider: Decider) -> None:
    """A partnership officer records the outcome of the deadlock procedure (a mediation)."""
    officers = [p for p in partnership.people if OfficeRole.partnership_officer in p.roles]
    if not any(same_name(p.name, decider.name) for p in officers):
        raise Refused(
            f"{decider.name} is not listed as a partnership officer in the partnership file "
            "(people): the outcome of a mediation is recorded by a partnership officer"
        )


def _authorise_committee_member(partnership: Partnership, decider: Decider) -> None:
    members = partnership.governance.steering_committee.members
    member = next((m for m in members if same_name(m.name, decider.name)), None)
    if member is None:
        raise Refused(
            f"{decider.name} is not a member of the comité de pilotage: the review is "
            "decided by a member of the comité de pilotage"
        )
    if decider.partner_key is not None and decider.partner_key != member.partner:
        raise Refused(
            f"{decider.name} sits on the comité de pilotage for {member.partner}, "
            f"not for {decider.partner_key}"
        )
