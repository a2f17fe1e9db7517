"""The lifecycle flows: advance a partnership to its next gate, record a decision (the
reviews that are due are in :mod:`flows.reviews`). Parameters carry partnership references
and decision request ids, never personal data: names, e-mail addresses and reasons stay in
coopact's database (the `decide` deployment takes the id printed by `coopact
request-decision`; a decision taken with `coopact decide` hands who and why to its run in
this process only).

Each run is named for what it does (``advance P-2027-001 (balanced)``,
``decide P-2027-001 legal_approval``), logs at INFO the references, stages, documents and
findings (never people), and leaves a markdown report as an artifact. A refusal (an unknown
reference, a rule that says no) is an outcome: the run ends in a Completed-type state named
"Refused" with the reason (:func:`flows.window.refused`), and no traceback is logged.
"""

from __future__ import annotations

import datetime as dt
from contextvars import ContextVar
from dataclasses import dataclass

from prefect import flow, task

import coopact.flows  # noqa: F401 - prepares Prefect's environment
from coopact import services
from coopact.bootstrap import units, wiring, writing
from coopact.contracts.errors import CoopactError
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.flows import window
from coopact.flows.window import refused
from coopact.services import trust
from coopact.services.decision_record import Decide
from coopact.usecases.decide import Decided
from coopact.usecases.decide import decide as decide_once

__all__ = ["advance_partnership", "decide", "decide_at_gate"]

# Results are not persisted: a worker keeps nothing on its disk (nor in its user's home);
# what a run did is in coopact's database, its log lines and its artifact.
RESULTS = {"persist_result": False}


@task(**RESULTS)  # type: ignore[call-overload, untyped-decorator]
def run_stage_work(reference: str, today: dt.date | None) -> dict[str, object]:
    try:
        result = writing.advance(reference, today=today)
    except CoopactError as error:
        return {"refused": error.message}
    return {
        "stage_before": result.stage_before,
        "stage": result.stage,
        "documents": result.new_documents,
        "awaiting": result.awaiting,
        "warnings": result.warnings,
        "blocked": result.blocked,
    }


def _work_lines(outcome: dict[str, object]) -> list[str]:
    lines = [f"stage {outcome['stage_before']} -> {outcome['stage']}"]
    lines += [f"new document: {d}" for d in outcome["documents"]]  # type: ignore[attr-defined]
    lines += [f"warning: {w}" for w in outcome.get("warnings") or []]  # type: ignore[attr-defined]
    return lines


@window.plain_parameters
@flow(name="advance-partnership", flow_run_name=window.advance_run_name, **RESULTS)  # type: ignore[call-overload, untyped-decorator]
def advance_partnership(reference: str, today: dt.date | None = None):  # type: ignore[no-untyped-def]
    """Run the automatic work of the partnership's stage, up to its next gate.

    Args:
        reference: The partnership reference, as `coopact status` lists it (P-2027-001).
        today: Run as of this date (YYYY-MM-DD); empty for today.
    """
    with window.marked():
        try:
            wiring.ensure_ready()
        except CoopactError as error:
            return refused(error.message, reference)
        outcome = run_stage_work(reference, today)
        if "refused" in outcome:
            return refused(str(outcome["refused"]), reference)
        title = f"advance {reference} ({outcome['stage_before']})"
        window.report("advance", title, reference, _work_lines(outcome))
        return outcome


def _decided(command: Decide) -> str:
    who = f"role {command.decider.role.value}" + (
        f" for {command.decider.partner_key}" if command.decider.partner_key else ""
    )
    return f"decision at {command.gate.value}: {command.outcome.value} ({who})"


def _apply(command: Decide):  # type: ignore[no-untyped-def]
    """Record the decision, run the next stage's work once the gate closes, report."""
    reference = command.reference
    try:
        wiring.ensure_ready()
        done = decide_once(command, writing.adapters())
    except CoopactError as error:
        private = PRIVATE.get()
        if private is not None:
            private.error = error
        trail = f"coopact history {reference}"
        # The reason of a refusal may name people: it is in the audit trail, not in Prefect.
        return refused(
            f"decision at {command.gate.value} refused; the reason is in the audit trail: {trail}",
            command.reference,
        )
    private = PRIVATE.get()
    if private is not None and done.work_error is not None:
        private.error = done.work_error  # the decision stands; the work failed (exit 5)
    title = f"decide {reference} {command.gate.value}"
    return _report(done, [_decided(command)], title)


def _report(done: Decided, lines: list[str], title: str) -> dict[str, object]:
    """The report of a decision and what followed it; what the run returns (no personal
    data)."""
    decision = done.decision
    lines.append(decision.message)
    payload: dict[str, object] = {**_result(decision), "awaiting": None}
    if done.work_error is not None:
        cause = getattr(done.work_error, "cause", done.work_error.message)
        lines.append(f"automatic work failed (kept as failed work, retried): {cause}")
    elif done.after is not None:
        after = done.after
        lines.append(f"stage {after.stage_before} -> {after.stage}")
        lines += [f"new document: {d}" for d in after.new_documents]
        lines += [f"warning: {w}" for w in after.warnings]
        payload["awaiting"] = after.awaiting
        payload["documents"] = after.new_documents
        payload["stage_after"] = after.stage
    window.report("decide", title, decision.reference, lines)
    return payload


def _result(result: services.DecisionResult) -> dict[str, object]:
    return {
        "reference": result.reference,
        "applied": result.applied,
        "stage": result.stage,
        "gate_closed": result.gate_closed,
        "message": result.message,
    }


@window.plain_parameters
@flow(name="decide", flow_run_name=window.decide_run_name, **RESULTS)  # type: ignore[call-overload, untyped-decorator]
def decide(request_id: int):  # type: ignore[no-untyped-def]
    """Apply a decision kept by `coopact request-decision` (who, role, outcome and reason
    stay in coopact's database); once the gate closes, run the next stage's work.

    Args:
        request_id: The id `coopact request-decision` printed (or the portal showed); a
            refused decision ends the run as Completed "Refused".
    """
    with window.marked():
        try:
            wiring.ensure_ready()
            command = trust.requested_decision(
                units.uow(), request_id,
                channel=services.Channel("prefect", {"deployment": "decide"}),
            )  # fmt: skip
            done = trust.apply_requested(
                units.uow(), request_id, lambda: decide_once(command, writing.adapters())
            )
        except CoopactError:
            # The reason of a refusal may name people: it is in the audit trail only.
            return refused(
                f"decision request {request_id} refused; the reason is in the audit trail "
                "(`coopact history REF`)"
            )
        lines = [f"decision request {request_id} applied"]
        title = f"decide {command.reference} (request {request_id})"
        return _report(done, lines, title)


@dataclass
class Private:
    """A decision taken at the command line (who decides and why): handed to the run in
    this process only, never sent to Prefect; the refusal comes back the same way."""

    command: Decide
    error: CoopactError | None = None


PRIVATE: ContextVar[Private | None] = ContextVar("coopact_decision", default=None)


@window.plain_parameters
@flow(name="decide", flow_run_name=window.decide_run_name, **RESULTS)  # type: ignore[call-overload, untyped-decorator]
def decide_at_gate(  # type: ignore[no-untyped-def]
    reference: str,
    gate: Gate,
    role: Role,
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
        return _apply(private.command)
