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

import flows  # noqa: F401 - prepares Prefect's environment
from contracts import decisions as rules
from contracts.errors import CoopactError
from contracts.lifecycle import Gate, Outcome
from coopact import services, wiring
from coopact.services import trust
from flows import window
from flows.window import REFUSED, refused

__all__ = ["REFUSED", "advance_partnership", "decide", "decide_at_gate"]

# Results are not persisted: a worker keeps nothing on its disk (nor in its user's home);
# what a run did is in coopact's database, its log lines and its artifact.
RESULTS = {"persist_result": False}


@task(**RESULTS)  # type: ignore[call-overload]
def run_stage_work(reference: str, today: dt.date | None) -> dict[str, object]:
    try:
        result = wiring.advance(reference, today=today)
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
@flow(name="advance-partnership", flow_run_name=window.advance_run_name, **RESULTS)  # type: ignore[call-overload]
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
    *,
    channel: services.Channel | None = None,
    conditions: tuple[object, ...] = (),
):  # type: ignore[no-untyped-def]
    """Record the decision, run the next stage's work once the gate closes, report."""
    try:
        wiring.ensure_ready()
        result = record(
            reference, gate, decider, outcome, reason, document_sha256,
            channel=channel, conditions=conditions,
        )  # fmt: skip
    except CoopactError as error:
        private = PRIVATE.get()
        if private is not None:
            private.error = error
        trail = f"coopact history {reference}"
        # The reason of a refusal may name people: it is in the audit trail, not in Prefect.
        return refused(
            f"decision at {gate.value} refused; the reason is in the audit trail: {trail}",
            reference,
        )
    done = [_decided(reference, gate, decider.role.value, decider.partner_key, outcome.value)]
    return _after_decision(reference, result, done, f"decide {reference} {gate.value}")


def _after_decision(
    reference: str, decision: services.DecisionResult, done: list[str], title: str
) -> dict[str, object]:
    """Once a decision is recorded: the next stage's work when its gate closed (and the
    partnership goes on, :func:`coopact.wiring.work_follows`), the report of the run; what
    the run returns (no personal data)."""
    done.append(decision.message)
    payload: dict[str, object] = {**_result(decision), "awaiting": None}
    if wiring.work_follows(decision):
        work = run_stage_work(reference, None)
        if "refused" in work:
            done.append(f"automatic work refused: {work['refused']}")
        else:
            done += _work_lines(work)
            payload["awaiting"] = work["awaiting"]
            payload["documents"] = work["documents"]
            payload["stage_after"] = work["stage"]
    window.report("decide", title, reference, done)
    return payload


def record(
    reference: str,
    gate: Gate,
    decider: rules.Decider,
    outcome: Outcome,
    reason: str,
    document_sha256: str | None,
    *,
    channel: services.Channel | None = None,
    conditions: tuple[object, ...] = (),
) -> services.DecisionResult:
    """The decision recorded; raises the refusal (kept in the audit log). Not a task: a
    task's failure would log the refusal, which may name people, to Prefect."""
    return services.decide(  # type: ignore[no-any-return]
        wiring.uow(), reference, gate, decider, outcome, reason, document_sha256=document_sha256,
        channel=channel, conditions=conditions,  # type: ignore[arg-type]
    )  # fmt: skip


def _result(result: services.DecisionResult) -> dict[str, object]:
    return {
        "reference": result.reference,
        "applied": result.applied,
        "stage": result.stage,
        "gate_closed": result.gate_closed,
        "message": result.message,
    }


@window.plain_parameters
@flow(name="decide", flow_run_name=window.decide_run_name, **RESULTS)  # type: ignore[call-overload]
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
            reference, decided = trust.decide_requested(
                wiring.uow(), request_id,
                channel=services.Channel("prefect", {"deployment": "decide"}),
            )  # fmt: skip
        except CoopactError:
            # The reason of a refusal may name people: it is in the audit trail only.
            return refused(
                f"decision request {request_id} refused; the reason is in the audit trail "
                "(`coopact history REF`)"
            )
        done = [f"decision request {request_id} applied"]
        title = f"decide {reference} (request {request_id})"
        return _after_decision(reference, decided, done, title)


@dataclass
class Private:
    """Who decides and why, for a decision taken at the command line: handed to the run in
    this process only, never sent to Prefect; the refusal comes back the same way."""

    name: str
    reason: str
    channel: services.Channel | None = None
    conditions: tuple[object, ...] = ()
    error: CoopactError | None = None


PRIVATE: ContextVar[Private | None] = ContextVar("coopact_decision", default=None)


@window.plain_parameters
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
        return _apply(
            reference, gate, decider, outcome, private.reason, document_sha256,
            channel=private.channel, conditions=private.conditions,
        )  # fmt: skip
