"""`coopact status`: one line per partnership, read with four SQL queries through
SQLAlchemy Core (no ORM, no partnership schema, no document contents), so that listing
thousands of partnerships costs about the time Python takes to start."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, bindparam, text

from coopact.contracts import lifecycle
from coopact.contracts.lifecycle import Stage
from coopact.services.evidence import EVIDENCE

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


def overview(engine: Engine) -> list[Overview]:
    with engine.connect() as conn:
        counts: dict[int, dict[str, int]] = {}
        blocking_at: dict[tuple[int, str], int] = {}
        for partnership_id, stage, severity, count in conn.execute(
            text(
                "SELECT partnership_id, stage, severity, count(*) FROM findings "
                "GROUP BY partnership_id, stage, severity"
            )
        ):
            found = counts.setdefault(partnership_id, {})
            found[severity] = found.get(severity, 0) + count
            if severity == "blocking":
                blocking_at[(partnership_id, stage)] = count
        conditions = _conditions(conn)
        rows = conn.execute(
            text(
                "SELECT p.id, p.reference, p.title, p.stage, f.stage FROM partnerships p "
                "LEFT JOIN failed_work f ON f.partnership_id = p.id ORDER BY p.reference"
            )
        ).all()
        # Blocked: awaiting a gate, with blocking findings at its stage, and without the
        # document the gate is decided on (made from the current file).
        awaited = {id_: _awaited(Stage(stage)) for id_, _, _, stage, _ in rows}
        blocked = [
            id_
            for id_, _, _, stage, _ in rows
            if (awaited[id_] or (None, None))[1] and blocking_at.get((id_, stage))
        ]
        evidence = _evidence(conn, blocked)
    lines = []
    for id_, reference, title, stage, failed in rows:
        gate, kind = awaited[id_] or (None, None)
        awaiting = gate
        blocking = blocking_at.get((id_, stage), 0)
        if failed == stage:  # the work a decision set going failed (coopact.usecases.failed_work)
            awaiting = "failed work (retried; see coopact status REF)"
        elif kind is not None and blocking and (id_, kind) not in evidence:
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


def _evidence(conn: Connection, ids: list[int]) -> set[tuple[int, str]]:
    """(partnership id, document kind) of the documents made from the current file, for
    the partnerships ``ids`` only: a document's file hash is stored after its content, so
    reading it costs reading the content (SQLite), and only blocked partnerships need it."""
    if not ids:
        return set()
    query = text(
        "SELECT DISTINCT d.partnership_id, d.kind FROM documents d "
        "JOIN partnerships p ON p.id = d.partnership_id "
        "WHERE d.spec_sha256 = p.spec_sha256 AND d.partnership_id IN :ids"
    ).bindparams(bindparam("ids", expanding=True))
    return {(pid, kind) for pid, kind in conn.execute(query, {"ids": ids})}


def _conditions(conn: Connection) -> dict[int, dict[str, int]]:
    """Adopted conditions by partnership: met, open, or not met by their date (a condition
    several members set is counted once)."""
    today = dt.date.today()
    seen: dict[tuple[object, ...], object] = {}
    for partnership_id, what, owner, due_on, met_on in conn.execute(
        text("SELECT partnership_id, what, owner, due_on, met_on FROM conditions WHERE adopted")
    ):
        key = (partnership_id, what, owner, str(due_on))
        seen[key] = seen.get(key) or met_on
    counts: dict[int, dict[str, int]] = {}
    for (partnership_id, _, _, due_on), met_on in seen.items():
        due = dt.date.fromisoformat(str(due_on)[:10])
        state = "met" if met_on else ("not met" if due < today else "open")
        found = counts.setdefault(int(str(partnership_id)), {})
        found[state] = found.get(state, 0) + 1
    return counts
