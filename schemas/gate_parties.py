"""Who decides at the gates of a stored partnership file, as plain data (no pydantic model):
`status` reads it for thousands of partnerships, and `status REF` without building the
partnership file's models (issue 25).

The file was validated when it was stored (:class:`coopact.schemas.Partnership`): what is
read here is its stored form, with the defaults its model gives to what it leaves out
(:class:`coopact.schemas.SteeringCommittee`: no members, a member's one vote, no quorum,
no deadlock procedure)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from coopact.schemas.vocabulary import DecisionRule


@dataclass(frozen=True)
class PartnerKey:
    """A partner of a stored file, by its key only."""

    key: str


@dataclass(frozen=True)
class MemberSeat:
    """A member of the comité de pilotage: the partner they sit for, their name, votes."""

    partner: str
    name: str
    votes: int = 1


@dataclass(frozen=True)
class CommitteeRules:
    """How the comité de pilotage decides: its members, rule, quorum, deadlock procedure."""

    members: tuple[MemberSeat, ...]
    decision_rule: DecisionRule
    quorum: int | None = None
    deadlock: str | None = None


@dataclass(frozen=True)
class CommitteeOnly:
    """The governance of a stored file, its comité de pilotage only."""

    steering_committee: CommitteeRules


@dataclass(frozen=True)
class GateParties:
    """Who decides at the gates of a stored partnership file: its partners (by key) and its
    comité de pilotage, read without validating the rest of the file."""

    partners: tuple[PartnerKey, ...]
    governance: CommitteeOnly

    @classmethod
    def from_json(cls, text: str | bytes) -> GateParties:
        """``{"partners": [{"key": ...}], "governance": {"steering_committee": {...}}}``,
        as the store builds it from a stored file (extra fields ignored)."""
        data = json.loads(text)
        committee: dict[str, Any] = data["governance"]["steering_committee"]
        members = tuple(
            MemberSeat(m["partner"], m["name"], int(m.get("votes", 1)))
            for m in committee.get("members") or ()
        )
        quorum = committee.get("quorum")
        rules = CommitteeRules(
            members,
            DecisionRule(committee["decision_rule"]),
            None if quorum is None else int(quorum),
            committee.get("deadlock"),
        )
        partners = tuple(PartnerKey(p["key"]) for p in data["partners"])
        return cls(partners, CommitteeOnly(rules))
