"""The commands that run Prefect flows or the demo: `advance`, `review-due`, `review-answers`,
`serve` and `demo`.

The heavy commands, imported only when one of them runs or shows its help
(:mod:`coopact.entrypoints.cli.registry`). The flows are imported when they run
(:mod:`~coopact.entrypoints.cli.flow_runs`, and `serve` itself): ``coopact.flows`` sets
Prefect's environment up in COOPACT_HOME as it is imported, which is the command's work.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer

from coopact import services  # a lazy facade: each service loads on first use
from coopact.adapters.loading import load_mapping
from coopact.bootstrap import units, writing
from coopact.contracts.formatting import plural
from coopact.entrypoints.cli import demo as demo_module
from coopact.entrypoints.cli import flow_runs
from coopact.entrypoints.cli.common import ACTOR, out, ready, reports_errors
from coopact.entrypoints.cli.failures import err
from coopact.entrypoints.cli.work import refuse_if_blocked
from coopact.services.work import check_advanceable


@reports_errors
def advance(
    reference: Annotated[str, typer.Argument(help="A partnership reference.")],
    today: Annotated[
        dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Run as of this date.")
    ] = None,
) -> None:
    """Run the automatic work up to the next gate; print the stage reached (a Prefect flow
    run; without PREFECT_API_URL, on the local Prefect server of COOPACT_HOME, started on
    first need).

    A terminated or closed partnership has none: refused (exit 1)."""
    ready(writes_documents=True)

    check_advanceable(units.uow(), reference, actor=ACTOR)

    with err.status(f"Running the automatic work of {reference}…"):
        result = flow_runs.advance(reference, today.date() if today else None)
    err.print(f"{reference}: {result['stage_before']} -> {result['stage']}")
    for document in result["documents"]:
        err.print(f"  new document: {document}")
    if result["awaiting"]:
        err.print(f"Awaiting: {result['awaiting']}")
    for warning in result.get("warnings", []):
        err.print(f"[yellow]Warning:[/] {warning}")
    print(result["stage"])  # the value: STAGE=$(coopact advance REF)
    refuse_if_blocked(reference, result["stage"], result.get("blocked") or [])


@reports_errors
def review_due(
    today: Annotated[
        dt.datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Run as of this date.")
    ] = None,
) -> None:
    """Open the Go/noGo reviews that are due (a Prefect flow run)."""

    ready(writes_documents=True)
    from rich.progress import Progress

    written = [0]  # the review reports written by the run, today's and earlier days'
    with Progress(console=err, transient=True) as progress:
        bar = progress.add_task("Review reports", total=None)

        def advanced(done: int, total: int) -> None:
            written[0] = done
            progress.update(bar, completed=done, total=total)

        opened = flow_runs.review_due(today.date() if today else None, advanced)
    for reference in opened:
        out.print(
            f"Review opened for {reference}: the comité de pilotage decides "
            "go, go_with_conditions or no_go."
        )
    earlier = written[0] - len(opened)
    if earlier > 0:
        out.print(
            f"{plural(earlier, 'review report')} of reviews opened on an earlier day, not "
            "written then, written now."
        )
    elif not opened:
        out.print("No review is due.")


@reports_errors
def review_answers(
    reference: Annotated[str, typer.Argument(help="A partnership reference.")],
    file: Annotated[Path, typer.Argument(help="The review's health check (YAML).")],
) -> None:
    """Record the health check of the open Go/noGo review, then write the review report.

    The answers are checked against the partnership (partners, milestones, rituals);
    every problem is listed with its field path.
    """

    data = load_mapping(file)
    ready(writes_documents=True)
    services.record_review_answers(units.uow(), reference, data, actor=ACTOR)
    out.print(f"{reference}: health check recorded.")
    result = writing.advance(reference, using=writing.adapters(mail=False, signing=False))
    for summary in result.summaries:
        out.print(f"  {summary}")
    for document in result.new_documents:
        out.print(f"  new document: {document}")
    if result.awaiting:
        out.print(f"Awaiting: {result.awaiting}")
    refuse_if_blocked(reference, result.stage, result.blocked)


@reports_errors
def serve(
    review_cron: Annotated[
        str, typer.Option(help="When the review-due deployment runs (cron, Europe/Paris).")
    ] = "0 6 * * *",
) -> None:
    """Serve the deployments: advance-partnership, decide (takes the id printed by
    `coopact request-decision`) and review-due on its schedule, on PREFECT_API_URL or the
    local Prefect server of COOPACT_HOME."""

    ready(writes_documents=True)

    flow_runs.connect()

    out.print("Serving advance-partnership, decide and review-due; Ctrl+C to stop.")
    # coopact.flows sets Prefect's environment up in COOPACT_HOME when imported: only once
    # the command runs, so that a home that cannot hold it is this command's exit 3
    from coopact.flows.deployments import serve_all  # Prefect's home: inside the command

    serve_all(review_cron)


@reports_errors
def demo(
    home: Annotated[
        Path, typer.Option(help="A folder of its own for the demo; emptied first.")
    ] = Path("demo"),
) -> None:
    """Run two example partnerships on embedded defaults: one to a renewal, one to a no go
    and its closed exit."""

    report = demo_module.run(home, out)
    out.print()
    out.print(
        f"[bold]Demo finished[/]: {report.reference} and {report.second} went through "
        f"{len(report.steps)} steps."
    )
    out.print(f"  database and Prefect home: {report.home}")
    out.print(f"  mail outbox (.eml):        {report.home / 'outbox'}")
    out.print(f"  documents:                 {report.home / 'documents'}")
    for path in report.exported:
        out.print(f"    {path.name}")
    out.print(f"  documents of {report.second} (voted no go, closed):")
    for path in report.second_exported:
        out.print(f"    {path.name}")
    command = Path(sys.argv[0]) if Path(sys.argv[0]).name == "coopact" else "coopact"
    out.print(f"Try: COOPACT_HOME={report.home} {command} status {report.reference}", markup=False)


def register(app: typer.Typer) -> None:
    for command in (advance, review_due, review_answers, serve, demo):
        app.command()(command)
