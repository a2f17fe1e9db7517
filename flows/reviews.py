"""The daily review-due flow: open the Go/noGo reviews whose date has come."""

from __future__ import annotations

import datetime as dt

from prefect import flow, get_run_logger, task
from prefect.states import Completed

import flows  # noqa: F401 - prepares Prefect's environment
from coopact import services, wiring
from coopact.config import settings
from flows import window

RESULTS = {"persist_result": True, "result_serializer": "json"}


@task(**RESULTS)  # type: ignore[call-overload]
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


@flow(name="review-due", flow_run_name=window.review_run_name, **RESULTS)  # type: ignore[call-overload]
def review_due(today: dt.date | None = None):  # type: ignore[no-untyped-def]
    """Open the Go/noGo review gate of every active partnership whose review date has come."""
    with window.marked():
        wiring.ensure_ready()
        day = today or dt.date.today()
        opened = open_due_reviews(day)
        log = get_run_logger()
        if not opened:
            log.info("no review is due on %s", day.isoformat())
            return Completed(name="Nothing due", message="no review is due")
        for reference in opened:
            log.info("%s: review opened on %s, review report written", reference, day.isoformat())
        return opened
