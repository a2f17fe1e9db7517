"""The lifecycle flows: advance a partnership to its next gate, record a decision, open the
reviews that are due. Parameters carry partnership references, never personal data (the
decide form names the person deciding, and nothing else personal).

Each run is named for what it does (``advance P-2027-001 (balanced)``,
``decide P-2027-001 legal_approval``), logs at INFO the references, stages, documents and
findings (never people), and leaves a markdown report as an artifact. A refusal (an unknown
reference, a rule that says no) is not a crash: the run ends in a Failed-type state named
"Refused" with the reason, and no traceback is logged. Results are persisted as JSON.
"""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar
from dataclasses import dataclass

from prefect import flow, task
from pydantic import BaseModel, Field

import flows  # noqa: F401 - prepares Prefect's environment
from contracts import decisions as rules
from contracts.errors import CoopactError
from contracts.lifecycle import Gate, Outcome
from coopact import services, wiring
from coopact.config import settings
from flows import window
from flows.reviews import review_due
from flows.window import REFUSED, refused

__all__ = [
    "REFUSED",
    "DecisionRequest",
    "advance_partnership",
    "decide",
    "decide_at_gate",
    "review_due",
]

RESULTS = {"persist_result": True, "result_serializer": "json"}


class DecisionRequest(BaseModel):
    """A decision at a gate, as the Prefect UI form asks for it."""

    reference: str = Field(pattern=r"^P-\d{4}-\d{3,6}$", description="Partnership reference")
    gate: Gate
    role: rules.Role
    partner: str | None = Field(None, description="Partner key the decision is taken for")
    name: str = Field(description="Person deciding, as named in the partnership file")
    outcome: Outcome
    reason: str = Field(min_length=1, max_length=4000)
    document_sha256: str | None = Field(None, pattern=r"^[0-9a-f]{64}$")


@task(**RESULTS)  # type: ignore[call-overload]
def run_stage_work(reference: str, today: dt.date | None) -> dict[str, object]:
    try:
        result = services.advance(
            wiring.uow(),
            reference,
            templates=settings().templates,
            today=today,
            transport=wiring.transport(),
            signature=wiring.signature_provider(),
        )
    except CoopactError as error:
        return {"refused": error.message}
    return {
        "stage_before": result.stage_before,
        "stage": result.stage,
        "documents": result.new_documents,
        "awaiting": result.awaiting,
        "warnings": result.warnings,
    }


def _work_lines(outcome: dict[str, object]) -> list[str]:
    lines = [f"stage {outcome['stage_before']} -> {outcome['stage']}"]
    lines += [f"new document: {d}" for d in outcome["documents"]]  # type: ignore[attr-defined]
    lines += [f"warning: {w}" for w in outcome.get("warnings") or []]  # type: ignore[attr-defined]
    return lines


@flow(name="advance-partnership", flow_run_name=window.advance_run_name, **RESULTS)  # type: ignore[call-overload]
def advance_partnership(reference: str, today: dt.date | None = None):  # type: ignore[no-untyped-def]
    """Run the automatic work of the partnership's stage, up to its next gate."""
    with window.marked():
        try:
            wiring.ensure_ready()
        except CoopactError as error:
            return refused(error.message)
        outcome = run_stage_work(reference, today)
        if "refused" in outcome:
            return refused(str(outcome["refused"]))
        title = f"advance {reference} ({outcome['stage_before']})"
        window.report("advance", title, reference, _work_lines(outcome))
        return outcome


def _decided(reference: str, gate: Gate, role: str, partner: str | None, outcome: str) -> str:
    who = f"role {role}" + (f" for {partner}" if partner else "")
    return f"decision at {gate.value}: {outcome} ({who})"


def _apply(
    reference: str,
    gate: Gate,
    decider: rules.Decider,
    outcome: Outcome,
    reason: str,
    document_sha256: str | None,
):  # type: ignore[no-untyped-def]
    """Record the decision, run the next stage's work once the gate closes, report."""
    try:
        wiring.ensure_ready()
        result = record(reference, gate, decider, outcome, reason, document_sha256)
    except CoopactError as error:
        private = PRIVATE.get()
        if private is not None:
            private.error = error
        trail = f"coopact history {reference}"
        # The reason of a refusal may name people: it is in the audit trail, not in Prefect.
        return refused(
            f"decision at {gate.value} refused; the reason is in the audit trail: {trail}"
        )
    done = [_decided(reference, gate, decider.role.value, decider.partner_key, outcome.value)]
    done.append(result["message"])  # type: ignore[arg-type]
    payload: dict[str, object] = {**result, "awaiting": None}
    if result["gate_closed"]:
        work = run_stage_work(reference, None)
        if "refused" in work:
            done.append(f"automatic work refused: {work['refused']}")
        else:
            done += _work_lines(work)
            payload["awaiting"] = work["awaiting"]
            payload["documents"] = work["documents"]
    window.report("decide", f"decide {reference} {gate.value}", reference, done)
    return payload


def record(
    reference: str,
    gate: Gate,
    decider: rules.Decider,
    outcome: Outcome,
    reason: str,
    document_sha256: str | None,
) -> dict[str, object]:
    """The decision recorded; raises the refusal (kept in the audit log). Not a task: a
    task's failure would log the refusal, which may name people, to Prefect."""
    result = services.decide(
        wiring.uow(), reference, gate, decider, outcome, reason, document_sha256=document_sha256
    )
    return {
        "reference": result.reference,
        "applied": result.applied,
        "stage": result.stage,
        "gate_closed": result.gate_closed,
        "message": result.message,
    }


@flow(name="decide", flow_run_name=window.decide_run_name, **RESULTS)  # type: ignore[call-overload]
def decide(request: DecisionRequest):  # type: ignore[no-untyped-def]
    """Record a decision at a gate; once the gate closes, run the next stage's work."""
    with window.marked():
        decider = rules.Decider(request.name, request.role, request.partner)
        return _apply(
            request.reference, request.gate, decider, request.outcome, request.reason,
            request.document_sha256,
        )  # fmt: skip


@dataclass
class Private:
    """Who decides and why, for a decision taken at the command line: handed to the run in
    this process only, never sent to Prefect; the refusal comes back the same way."""

    name: str
    reason: str
    error: CoopactError | None = None


PRIVATE: ContextVar[Private | None] = ContextVar("coopact_decision", default=None)


@flow(name="decide", flow_run_name=window.decide_run_name, **RESULTS)  # type: ignore[call-overload]
def decide_at_gate(  # type: ignore[no-untyped-def]
    reference: str,
    gate: Gate,
    role: rules.Role,
    outcome: Outcome,
    partner: str | None = None,
    document_sha256: str | None = None,
):
    """A decision taken with `coopact decide`: who and why stay in this process (and the
    audit trail); Prefect sees the reference, the gate, the role, the partner key and the
    outcome."""
    with window.marked():
        private = PRIVATE.get()
        if private is None:
            return refused("a decision is taken with `coopact decide` or the decide deployment")
        decider = rules.Decider(private.name, role, partner)
        return _apply(reference, gate, decider, outcome, private.reason, document_sha256)
