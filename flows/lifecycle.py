"""The lifecycle flows: advance a partnership to its next gate, record a decision, open the
reviews that are due. Parameters carry partnership references, never personal data (the
decide form names the person deciding, and nothing else personal).

A refusal (an unknown reference, a rule that says no) is not a crash: the flow ends in a
Completed state named REFUSED with the reason, and no traceback is logged.
"""

from __future__ import annotations

import datetime as dt

from prefect import flow, get_run_logger, task
from prefect.states import Completed, State
from pydantic import BaseModel, Field

import flows  # noqa: F401 - prepares Prefect's environment
from contracts import decisions as rules
from contracts.errors import CoopactError
from contracts.lifecycle import Gate, Outcome
from coopact import services, wiring
from coopact.config import settings


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


REFUSED = "REFUSED"


def refused(message: str) -> State:
    return Completed(name=REFUSED, message=message)


@task
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


@flow(name="advance-partnership", log_prints=False)
def advance_partnership(reference: str, today: dt.date | None = None):  # type: ignore[no-untyped-def]
    """Run the automatic work of the partnership's stage, up to its next gate."""
    try:
        wiring.ensure_ready()
    except CoopactError as error:
        return refused(error.message)
    outcome = run_stage_work(reference, today)
    if "refused" in outcome:
        return refused(str(outcome["refused"]))
    get_run_logger().info(
        "%s: %s -> %s; awaiting %s",
        reference,
        outcome["stage_before"],
        outcome["stage"],
        outcome["awaiting"],
    )
    return outcome


@task
def record_decision(request: DecisionRequest) -> services.DecisionResult | None:
    """The decision recorded, or None when refused: the reason, which may name people, is
    kept in the audit log (`coopact history REF`), not in Prefect."""
    decider = rules.Decider(request.name, request.role, request.partner)
    try:
        return services.decide(
            wiring.uow(),
            request.reference,
            request.gate,
            decider,
            request.outcome,
            request.reason,
            document_sha256=request.document_sha256,
            channel=services.Channel("prefect", {"deployment": "decide"}),
        )
    except CoopactError:
        return None


@flow(name="decide")
def decide(request: DecisionRequest):  # type: ignore[no-untyped-def]
    """Record a decision at a gate; once the gate closes, run the next stage's work."""
    try:
        wiring.ensure_ready()
    except CoopactError as error:
        return refused(error.message)
    result = record_decision(request)
    if result is None:
        trail = f"coopact history {request.reference}"
        return refused(f"decision refused; the reason is in the audit trail: {trail}")
    if result.gate_closed:
        run_stage_work(request.reference, None)
    get_run_logger().info("%s: %s", request.reference, result.message)
    return result.message


@task
def open_due_reviews(today: dt.date) -> list[str]:
    opened = [r.reference for r in services.review_due(wiring.uow(), today)]
    for reference in opened:
        # The review report is written at once (with what is known so far), and the comité
        # de pilotage is told that its decision is awaited.
        services.advance(
            wiring.uow(), reference, templates=settings().templates, today=today,
            transport=wiring.transport(),
        )  # fmt: skip
    return opened


@task
def remind_expiring_links() -> int:
    """Remind the people whose decision link is about to expire (a count, no names)."""
    from coopact.reminders import send_reminders

    return send_reminders()


@flow(name="review-due")
def review_due(today: dt.date | None = None):  # type: ignore[no-untyped-def]
    """Open the Go/noGo review gate of every active partnership whose review date has come;
    remind the people whose decision link is about to expire."""
    wiring.ensure_ready()
    remind_expiring_links()
    opened = open_due_reviews(today or dt.date.today())
    if not opened:
        return Completed(name="NOTHING_DUE", message="no review is due")
    return opened
