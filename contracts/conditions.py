"""Conditions of a ``go_with_conditions`` review: what, which partner answers for it, by
when, and the indicator that shows it met, where there is one.

Given on the command line as ``--condition "WHAT | OWNER | YYYY-MM-DD [| INDICATOR]"``
(repeated) or in a YAML file (a list of ``what``, ``owner``, ``due``, ``indicator``). Each
is checked at the next review: a condition not met by its due date is a finding. Pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coopact.contracts.errors import Problem
from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.schemas import Partnership

CONDITION_NOT_MET = message(
    "review.condition_not_met",
    fr="La condition « {what} » fixée par le comité de pilotage à {owner} pour le {due} "
    "n'est pas remplie à cette date.",
    en="The condition '{what}' set by the steering committee for {owner} by {due} is not met "
    "by that date.",
)


@dataclass(frozen=True)
class Condition:
    what: str
    owner: str  # partner key
    due_on: dt.date
    indicator: str | None = None


@dataclass(frozen=True)
class TrackedCondition:
    condition: Condition
    met_on: dt.date | None


def parse(text: str) -> Condition | str:
    """``WHAT | OWNER | YYYY-MM-DD [| INDICATOR]`` -> a Condition, or what is wrong."""
    parts = [p.strip() for p in text.split("|")]
    if len(parts) not in (3, 4) or not parts[0] or not parts[1]:
        return f"'{text}': expected WHAT | OWNER | YYYY-MM-DD [| INDICATOR]"
    try:
        due = dt.date.fromisoformat(parts[2])
    except ValueError:
        return f"'{text}': the due date '{parts[2]}' is not YYYY-MM-DD"
    indicator = parts[3] if len(parts) == 4 and parts[3] else None
    return Condition(parts[0], parts[1], due, indicator)


def from_mapping(item: Any, index: int) -> Condition | str:
    """One entry of a conditions YAML file."""
    if not isinstance(item, dict) or not {"what", "owner", "due"} <= set(item):
        return f"conditions[{index}]: expected what, owner, due (and optionally indicator)"
    due = item["due"]
    if not isinstance(due, dt.date):
        try:
            due = dt.date.fromisoformat(str(due))
        except ValueError:
            return f"conditions[{index}].due: '{due}' is not YYYY-MM-DD"
    indicator = item.get("indicator")
    return Condition(
        str(item["what"]).strip(),
        str(item["owner"]).strip(),
        due,
        str(indicator).strip() if indicator else None,
    )


def problems(
    partnership: Partnership, conditions: Sequence[Condition], outcome: str, today: dt.date
) -> list[Problem]:
    """Why these conditions cannot go with this vote ([] when they can)."""
    found: list[Problem] = []
    if outcome == "go_with_conditions" and not conditions:
        found.append(
            Problem(
                "conditions",
                "go_with_conditions states its conditions (--condition "
                '"WHAT | OWNER | YYYY-MM-DD [| INDICATOR]", repeated, or --conditions FILE)',
            )
        )
    if outcome != "go_with_conditions" and conditions:
        found.append(Problem("conditions", f"conditions go with go_with_conditions, not {outcome}"))
    keys = [p.key for p in partnership.partners]
    for i, c in enumerate(conditions):
        if c.owner not in keys:
            found.append(
                Problem(
                    f"conditions[{i}].owner",
                    f"unknown partner '{c.owner}' (partners are: {', '.join(keys)})",
                )
            )
        if not c.what:
            found.append(Problem(f"conditions[{i}].what", "say what the condition is"))
    return found


def not_met(
    partnership: Partnership, conditions: Sequence[TrackedCondition], review_date: dt.date
) -> list[Finding]:
    """A condition whose due date has passed at this review without being met."""
    names = {p.key: p.name for p in partnership.partners}
    return [
        Finding(
            code=CONDITION_NOT_MET,
            severity=Severity.warning,
            factor=Factor.demarrer,
            path="conditions",
            params={
                "what": t.condition.what,
                "owner": names.get(t.condition.owner, t.condition.owner),
                "due": t.condition.due_on.isoformat(),
            },
        )
        for t in conditions
        if t.condition.due_on <= review_date and (t.met_on is None or t.met_on > t.condition.due_on)
    ]
