"""How the comité de pilotage decides: one vote per member, counted under the agreement's
``decision_rule``, one function per rule.

Every rule reads the same inputs (the members with their ``votes``, the quorum, the votes
cast so far by member name) and returns a :class:`Tally`: the outcome once the rule is met,
``deadlock`` once it can no longer be met (the agreement's ``deadlock`` procedure, a
mediation, then decides), and otherwise who is still awaited.

- ``consensus``: every member seated at the committee takes part and nobody objects: the
  decision is taken when all members have voted the same outcome, whatever their weight;
  two different outcomes mean that consensus can no longer be reached.
- ``unanimity``: every voting right goes the same way: members holding votes must all vote
  the same outcome (a member seated with 0 votes is heard but not awaited).
- ``majority``: an outcome carries more than half of all the committee's votes, once the
  quorum of members has voted; when no outcome can reach that any more, it is a deadlock.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from coopact.contracts.lifecycle import Outcome
from coopact.schemas.gate_parties import MemberSeat
from coopact.schemas.vocabulary import DecisionRule

if TYPE_CHECKING:  # annotations only: the schema's models are not built at run time
    from coopact.schemas import GateParties, Partnership

MEDIATION = "mediation"


@dataclass(frozen=True)
class Tally:
    """Where a committee vote stands."""

    outcome: Outcome | None  # the committee's decision, once the rule is met
    deadlock: bool  # the rule can no longer be met: the deadlock procedure decides
    awaited: list[str] = field(default_factory=list)  # member names still to vote
    counts: dict[str, int] = field(default_factory=dict)  # outcome -> votes weighed

    @property
    def closed(self) -> bool:
        return self.outcome is not None


def _normal(name: str) -> str:
    return " ".join(name.split()).casefold()


def _cast(members: Sequence[MemberSeat], votes: Mapping[str, Outcome]) -> dict[str, Outcome]:
    """The votes of seated members, keyed by the member's name as the file gives it."""
    by_name = {_normal(k): v for k, v in votes.items()}
    return {m.name: by_name[_normal(m.name)] for m in members if _normal(m.name) in by_name}


def _weights(members: Sequence[MemberSeat], cast: Mapping[str, Outcome]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for m in members:
        if m.name in cast:
            counts[cast[m.name].value] = counts.get(cast[m.name].value, 0) + m.votes
    return counts


def consensus(members: Sequence[MemberSeat], votes: Mapping[str, Outcome], quorum: int) -> Tally:
    """All members vote, and all the same way; two different outcomes: no consensus."""
    cast = _cast(members, votes)
    counts = _weights(members, cast)
    awaited = [m.name for m in members if m.name not in cast]
    outcomes = set(cast.values())
    if len(outcomes) > 1:
        return Tally(None, True, awaited, counts)
    if not awaited and len(cast) >= quorum and outcomes:
        return Tally(next(iter(outcomes)), False, [], counts)
    return Tally(None, False, awaited, counts)


def unanimity(members: Sequence[MemberSeat], votes: Mapping[str, Outcome], quorum: int) -> Tally:
    """Every member holding votes votes, and all the same way."""
    cast = _cast(members, votes)
    counts = _weights(members, cast)
    voters = [m for m in members if m.votes > 0]
    awaited = [m.name for m in voters if m.name not in cast]
    outcomes = {cast[m.name] for m in voters if m.name in cast}
    if len(outcomes) > 1:
        return Tally(None, True, awaited, counts)
    if not awaited and len(cast) >= quorum and outcomes:
        return Tally(next(iter(outcomes)), False, [], counts)
    return Tally(None, False, awaited, counts)


def majority(members: Sequence[MemberSeat], votes: Mapping[str, Outcome], quorum: int) -> Tally:
    """An outcome holding more than half of all the votes, once the quorum has voted."""
    cast = _cast(members, votes)
    counts = _weights(members, cast)
    total = sum(m.votes for m in members)
    remaining = sum(m.votes for m in members if m.name not in cast)
    awaited = [m.name for m in members if m.name not in cast]
    for value, weight in counts.items():
        if 2 * weight > total and len(cast) >= quorum:
            return Tally(Outcome(value), False, awaited, counts)
    possible = any(2 * (counts.get(o.value, 0) + remaining) > total for o in REVIEW_OUTCOMES)
    if not possible or (not awaited and len(cast) >= quorum):
        return Tally(None, True, awaited, counts)
    return Tally(None, False, awaited, counts)


REVIEW_OUTCOMES = (Outcome.go, Outcome.go_with_conditions, Outcome.no_go)

RULES: dict[DecisionRule, Callable[[Sequence[MemberSeat], Mapping[str, Outcome], int], Tally]] = {
    DecisionRule.consensus: consensus,
    DecisionRule.majority: majority,
    DecisionRule.unanimity: unanimity,
}


def members_of(partnership: Partnership | GateParties) -> list[MemberSeat]:
    return [
        MemberSeat(partner=m.partner, name=m.name, votes=m.votes)
        for m in partnership.governance.steering_committee.members
    ]


def quorum_of(partnership: Partnership | GateParties) -> int:
    """Members who must have voted: the stated quorum, else one per partner."""
    stated = partnership.governance.steering_committee.quorum
    return stated if stated is not None else len(partnership.partners)


def tally(partnership: Partnership | GateParties, votes: Mapping[str, Outcome]) -> Tally:
    """The committee's vote under the agreement's decision rule. Without a stated quorum the
    agreement requires each partner to be represented by a member at least: an outcome is
    reached only once a member of each partner seated at the committee has voted (until
    then, those members are awaited)."""
    committee = partnership.governance.steering_committee
    rule = RULES[committee.decision_rule]
    members = members_of(partnership)
    result = rule(members, votes, quorum_of(partnership))
    if result.outcome is None or committee.quorum is not None:
        return result
    cast = _cast(members, votes)
    voted = {m.partner for m in members if m.name in cast}
    missing = [m.name for m in members if m.partner not in voted]
    if missing:
        return Tally(None, False, missing, result.counts)
    return result


def deadlock_words(partnership: Partnership | GateParties) -> str:
    """The deadlock procedure the agreement names (mediation when it names none)."""
    return partnership.governance.steering_committee.deadlock or MEDIATION
