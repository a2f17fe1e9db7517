"""The bulk flow: advance every partnership that has automatic work to do, in one run
(``advance-all``), instead of one `advance-partnership` run per partnership.

Which partnerships: :func:`store.automatic_work.references_with_automatic_work`. Each is
advanced in its own transaction (the same work as `advance-partnership`); a refusal (a
blocked gate, a partnership changed meanwhile) is counted and logged by reference, and does
not stop the others. The run's artifact lists what happened to each reference (references,
stages and counts only: no personal data).
"""

from __future__ import annotations

import datetime as dt

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run

import coopact.flows  # noqa: F401 - prepares Prefect's environment
from coopact.bootstrap import units, wiring, writing
from coopact.contracts.errors import CoopactError
from coopact.flows import window
from coopact.flows.window import refused


def _run_name() -> str:
    today = flow_run.parameters.get("today")
    return f"advance-all {today}" if today else "advance-all (today)"


def due(today: dt.date) -> list[str]:
    """The references with automatic work to do on ``today``."""
    with units.uow() as uow:
        return uow.review_records.with_automatic_work(today)


def _advance_one(reference: str, today: dt.date) -> str:
    """One line for the report: where ``reference`` went, or why it was refused."""
    try:
        result = writing.advance(reference, today=today)
    except CoopactError as error:
        return f"refused: {error.message}"
    documents = f", {len(result.new_documents)} new document(s)" if result.new_documents else ""
    blocked = f", blocked by {len(result.blocked)} finding(s)" if result.blocked else ""
    return f"{result.stage_before} -> {result.stage}{documents}{blocked}"


@window.plain_parameters
@flow(name="advance-all", flow_run_name=_run_name, persist_result=False)
def advance_all(today: dt.date | None = None, limit: int | None = None):  # type: ignore[no-untyped-def]
    """Advance every partnership that has automatic work to do, each up to its next gate.

    Args:
        today: Run as of this date (YYYY-MM-DD); empty for today.
        limit: Advance at most this many partnerships in this run (the next run goes on);
            empty for all of them.
    """
    with window.marked():
        try:
            wiring.ensure_ready()
        except CoopactError as error:
            return refused(error.message)
        day = today or dt.date.today()
        references = due(day)[:limit] if limit else due(day)
        log = get_run_logger()
        log.info("%d partnerships with automatic work to do on %s", len(references), day)
        lines = []
        for reference in references:
            line = _advance_one(reference, day)
            log.info("%s: %s", reference, line)
            lines.append(f"| {reference} | {line.replace('|', '/')} |")
        refusals = sum("| refused:" in line for line in lines)
        table = ["| Partnership | Outcome |", "|---|---|", *lines] if lines else ["Nothing to do."]
        heading = [f"# advance-all {day}", "", f"{len(lines)} advanced, {refusals} refused.", ""]
        create_markdown_artifact(
            markdown="\n".join([*heading, *table]) + "\n",
            key="advance-all",
            description=f"advance-all {day}",
        )
        return {"advanced": len(lines) - refusals, "refused": refusals}
