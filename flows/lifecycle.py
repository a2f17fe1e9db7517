"""The lifecycle flows: advance a partnership to its next gate, record a decision, open the
reviews that are due. Parameters carry partnership references and decision request ids,
never personal data: names, e-mail addresses and reasons stay in coopact's database.

A refusal (an unknown reference, a rule that says no) is not a crash: the flow ends in a
Completed state named REFUSED with the reason, and no traceback is logged.
"""

from __future__ import annotations

import datetime as dt

from prefect import flow, get_run_logger, task
from prefect.states import Completed, State

import flows  # noqa: F401 - prepares Prefect's environment
from contracts.errors import CoopactError
from coopact import services, wiring
from coopact.config import settings
from coopact.services import trust

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
        "blocked": result.blocked,
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
def record_decision(request_id: int) -> dict[str, object] | None:
    """Apply the pending decision request; None when refused. What it returns carries no
    personal data (no name, reason or awaited people): only the reference and the stage."""
    try:
        reference, result = trust.decide_requested(
            wiring.uow(), request_id, channel=services.Channel("prefect", {"deployment": "decide"})
        )
    except CoopactError:
        return None
    return {"reference": reference, "stage": result.stage, "gate_closed": result.gate_closed}


@flow(name="decide")
def decide(request_id: int):  # type: ignore[no-untyped-def]
    """Apply a decision kept by `coopact request-decision` (who, role, outcome and reason
    stay in coopact's database); once the gate closes, run the next stage's work."""
    try:
        wiring.ensure_ready()
    except CoopactError as error:
        return refused(error.message)
    outcome = record_decision(request_id)
    if outcome is None:
        return refused(
            f"decision request {request_id} refused; the reason is in the audit trail "
            "(`coopact history REF`)"
        )
    if outcome["gate_closed"]:
        run_stage_work(str(outcome["reference"]), None)
    get_run_logger().info(
        "decision request %s applied: %s is %s", request_id, outcome["reference"], outcome["stage"]
    )
    return outcome


@task
def open_due_reviews(today: dt.date) -> list[str]:
    due = services.review_due(
        wiring.uow(), today, transport=wiring.transport(), templates=settings().templates
    )  # renewal reminders are mailed to the partnership officers and sponsors
    opened = [r.reference for r in due]
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
