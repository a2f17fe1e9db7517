"""What `status` shows of a gate under way: who is still awaited, and whether the document
the gate is decided on was written.

The facts are read for all the partnerships of a batch awaiting a gate at once
(:func:`gate_facts`: three queries, of each file only its partners' keys and committee, as
JSON text validated as such, of the documents only their hashes), then the rules of
:mod:`contracts.decisions` applied to them (:func:`awaited_at`), as
:func:`coopact.services.decision_record.decide` applies them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from coopact.contracts import deciders
from coopact.contracts import decisions as rules
from coopact.contracts.lifecycle import Gate, Stage, awaited_gate
from coopact.schemas.gate_parties import GateParties
from coopact.services.evidence import DOCUMENT_GATES, EVIDENCE

if TYPE_CHECKING:  # annotations only: `status REF` reads without the ORM (store/reading.py)
    from coopact.store.reading import ReadOnlyUnitOfWork
    from coopact.store.uow import UnitOfWork

    Reads = UnitOfWork | ReadOnlyUnitOfWork


@dataclass
class GateFacts:
    """One partnership's file hash, gate rounds, who decides its gates, its decisions and
    the versions of its gates' documents, as plain rows."""

    spec_sha256: str
    rounds: dict[str, Any]
    parties: GateParties
    decisions: list[Any] = field(default_factory=list)
    documents: list[Any] = field(default_factory=list)


def gate_facts(uow: Reads, rows: Sequence[Any]) -> dict[int, GateFacts]:
    """The facts of each of ``rows`` (id, stage) that awaits a gate: the decisions at that
    gate, the versions of its document."""
    awaited = {row.id: awaited_gate(Stage(row.stage)) for row in rows}
    gates = {spec.gate for spec in awaited.values() if spec is not None}
    ids = [pid for pid, spec in awaited.items() if spec is not None]
    if not ids:
        return {}
    repo = uow.partnerships
    facts = {
        row.id: GateFacts(
            row.spec_sha256,
            dict(row.rounds or {}),
            GateParties.from_json(row.parties),
        )
        for row in repo.gate_facts(ids)
    }
    for pid, decisions in repo.decisions_by_partnership(ids, [g.value for g in gates]).items():
        facts[pid].decisions = decisions
    kinds = {EVIDENCE[g] for g in gates if g in EVIDENCE}
    for pid, documents in repo.document_hashes_by_partnership(ids, kinds).items():
        facts[pid].documents = documents
    return facts


def awaited_at(gate: Gate, facts: GateFacts, language: str) -> tuple[list[str], bool]:
    """Who is still awaited at ``gate`` (as :func:`contracts.decisions.awaited` says), and
    whether the document it is decided on is missing (not written from the current file)."""
    round_ = int(facts.rounds.get(gate.value, 1))
    recorded = [
        deciders.Recorded(d.decider, d.role, d.partner_key, d.outcome, d.document_sha256)
        for d in facts.decisions
        if d.gate == gate.value and d.round == round_
    ]
    kind = EVIDENCE.get(gate)
    made = [
        d
        for d in facts.documents
        if d.kind == kind and d.language == language and d.spec_sha256 == facts.spec_sha256
    ]
    evidence = made[-1].sha256 if made else None
    current = evidence if gate in DOCUMENT_GATES else None
    awaited = rules.awaited(facts.parties, gate, recorded, current_sha256=current)
    return awaited, kind is not None and evidence is None
