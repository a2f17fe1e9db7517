"""`coopact status`: one line per partnership, read with four SQL queries through
SQLAlchemy Core (:func:`coopact.store.reading.overview_facts`: no ORM, no partnership
schema, no document contents), so that listing thousands of partnerships costs about the
time Python takes to start."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from coopact.contracts import lifecycle
from coopact.contracts.lifecycle import Stage
from coopact.services.evidence import EVIDENCE
from coopact.store.reading import OverviewFacts, overview_facts  # Core only: no ORM

_ORDER = ("blocking", "warning", "info")


@dataclass(frozen=True)
class Overview:
    reference: str
    title: str
    stage: str
    awaiting: str | None  # the gate awaited, "blocked (N blocking)", failed or automatic work
    counts: dict[str, int]  # findings by severity, blocking first
    # conditions of go_with_conditions reviews: {"met": 1, "open": 2, "not met": 0}
    conditions: dict[str, int] = field(default_factory=dict)


def overview(engine: Any) -> list[Overview]:
    """One line per partnership, by reference (``engine``: the database's)."""
    blocking_at: dict[tuple[int, str], int] = {}

    def blocked(facts: OverviewFacts) -> list[int]:
        """Awaiting a gate, with blocking findings at its stage: whether the document the
        gate is decided on was made from the current file is read for these only."""
        for partnership_id, stage, severity, count in facts.findings:
            if severity == "blocking":
                blocking_at[(partnership_id, stage)] = count
        return [
            id_
            for id_, _, _, stage, _ in facts.partnerships
            if (_awaited(Stage(stage)) or (None, None))[1] and blocking_at.get((id_, stage))
        ]

    facts = overview_facts(engine, blocked)
    counts: dict[int, dict[str, int]] = {}
    for partnership_id, _, severity, count in facts.findings:
        found = counts.setdefault(partnership_id, {})
        found[severity] = found.get(severity, 0) + count
    conditions = _conditions(facts.conditions)
    lines = []
    for id_, reference, title, stage, failed in facts.partnerships:
        gate, kind = _awaited(Stage(stage)) or (None, None)
        awaiting = gate
        blocking = blocking_at.get((id_, stage), 0)
        if failed == stage:  # the work a decision set going failed (coopact.usecases.failed_work)
            awaiting = "failed work (retried; see coopact status REF)"
        elif kind is not None and blocking and (id_, kind) not in facts.evidence:
            awaiting = f"blocked ({blocking} blocking)"
        elif gate is None and stage == Stage.signed.value:
            awaiting = "automatic work (coopact advance)"
        found = counts.get(id_, {})
        ordered = {s: found[s] for s in (*_ORDER, *sorted(found)) if s in found}
        lines.append(Overview(reference, title, stage, awaiting, ordered, conditions.get(id_, {})))
    return lines


def _awaited(stage: Stage) -> tuple[str, str | None] | None:
    """The gate a stage awaits, and the kind of document it is decided on."""
    spec = lifecycle.awaited_gate(stage)
    return None if spec is None else (spec.gate.value, EVIDENCE.get(spec.gate))


def _conditions(rows: list[Any]) -> dict[int, dict[str, int]]:
    """Adopted conditions by partnership: met, open, or not met by their date (a condition
    several members set is counted once)."""
    today = dt.date.today()
    seen: dict[tuple[object, ...], object] = {}
    for partnership_id, what, owner, due_on, met_on in rows:
        key = (partnership_id, what, owner, str(due_on))
        seen[key] = seen.get(key) or met_on
    counts: dict[int, dict[str, int]] = {}
    for (partnership_id, _, _, due_on), met_on in seen.items():
        due = dt.date.fromisoformat(str(due_on)[:10])
        state = "met" if met_on else ("not met" if due < today else "open")
        found = counts.setdefault(int(str(partnership_id)), {})
        found[state] = found.get(state, 0) + 1
    return counts
