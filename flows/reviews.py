"""The daily review-due flow: open the Go/noGo reviews whose date has come, then write each
review report as its own unit of work.

Opening is one batched transaction (stages, schedule, audit: `services.review_due`). Each
report is then written on its own, so that N workers write N at a time:

- on a worker (the flow run comes from a deployment), the reports are runs of the
  ``review-report/review-report`` deployment submitted to the work pool, ``chunk``
  partnerships a run (a process per run: one per report would cost more than the report),
  each report a task of its run; the idempotency key names the date and the references
  (submitting twice makes one run); the parent waits, logs progress, and resubmits a run
  that crashed or failed (a worker lost mid-run);
- in a command (`coopact review-due`), each report is a task run of this flow, retried.

Writing a report is idempotent in the database: the partnership row is locked, the report
of the same inputs is stored once (same content, no new version), and the comité de
pilotage is told once per review round.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from contextvars import ContextVar

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import deployment
from prefect.states import Completed, Crashed
from prefect.task_runners import ThreadPoolTaskRunner

import flows  # noqa: F401 - prepares Prefect's environment
from contracts.lifecycle import Stage
from coopact import services, wiring
from coopact.config import settings
from flows import window

RESULTS = {"persist_result": True, "result_serializer": "json"}
REPORT_DEPLOYMENT = "review-report/review-report"
OPEN_REVIEW = {Stage.in_review.value, Stage.in_renewal.value}

# In a command: called with (written, total) after each report (the CLI's progress bar).
PROGRESS: ContextVar[Callable[[int, int], None] | None] = ContextVar(
    "coopact_review_progress", default=None
)


@task(**RESULTS)  # type: ignore[call-overload]
def open_due_reviews(today: dt.date) -> list[str]:
    """Open every due review in one transaction; the references opened. Renewal reminders
    and notices go to the partnership officers and sponsors."""
    due = services.review_due(
        wiring.uow(), today, transport=wiring.transport(), templates=settings().templates
    )
    return [r.reference for r in due]


@task
def remind_expiring_links() -> int:
    """Remind the people whose decision link is about to expire (a count, no names)."""
    from coopact.reminders import send_reminders

    return send_reminders()


def write_report(reference: str, review_date: dt.date) -> dict[str, object]:
    """Write the review report of the open review (with what is known so far) and tell the
    comité de pilotage; nothing when the review is no longer open (already decided)."""
    with wiring.uow() as uow:
        row = uow.partnerships.find(reference)
        stage = row.stage if row is not None else None
    if stage not in OPEN_REVIEW:
        return {"reference": reference, "skipped": f"stage {stage}", "documents": []}
    result = services.advance(
        wiring.uow(), reference, templates=settings().templates, today=review_date,
        transport=wiring.transport(),
    )  # fmt: skip
    return {"reference": reference, "documents": result.new_documents, "stage": result.stage}


@task(task_run_name="review report {reference}", retries=2, retry_delay_seconds=2, **RESULTS)  # type: ignore[call-overload]
def write_report_task(reference: str, review_date: dt.date) -> dict[str, object]:
    return write_report(reference, review_date)


def _report_run_name() -> str:
    from prefect.runtime import flow_run

    refs = flow_run.parameters.get("references") or []
    first = refs[0] if refs else "-"
    more = f" +{len(refs) - 1}" if len(refs) > 1 else ""
    return f"review-report {first}{more} {flow_run.parameters.get('review_date')}"


@flow(
    name="review-report",
    flow_run_name=_report_run_name,
    task_runner=ThreadPoolTaskRunner(max_workers=1),  # type: ignore[arg-type]
    **RESULTS,
)  # type: ignore[call-overload]
def review_report(references: list[str], review_date: dt.date):  # type: ignore[no-untyped-def]
    """Write the review reports of a few open reviews, one task each (a run on the pool per
    chunk: starting a process per report would cost more than the report)."""
    with window.marked():
        wiring.ensure_ready()
        log = get_run_logger()
        outcomes = []
        for reference in references:
            future = write_report_task.submit(reference, review_date)
            outcome = future.result()
            if outcome.get("skipped"):
                log.info("%s: review no longer open (%s)", reference, outcome["skipped"])
            for document in outcome["documents"]:
                log.info("%s: new document %s", reference, document)
            outcomes.append(outcome)
        return outcomes


@flow(
    name="review-due",
    flow_run_name=window.review_run_name,
    task_runner=ThreadPoolTaskRunner(max_workers=2),  # type: ignore[arg-type]
    **RESULTS,
)  # type: ignore[call-overload]
def review_due(  # type: ignore[no-untyped-def]
    today: dt.date | None = None, chunk: int = 10, stale_after: float = 900.0
):
    """Open the Go/noGo review gate of every active partnership whose review date has come,
    then write each review report (a run per report on the work pool, a task otherwise)."""
    with window.marked():
        wiring.ensure_ready()
        remind_expiring_links()
        day = today or dt.date.today()
        opened = open_due_reviews(day)
        log = get_run_logger()
        log.info("%d reviews opened on %s", len(opened), day.isoformat())
        if not opened:
            return Completed(name="Nothing due", message="no review is due")
        if deployment.id:
            written, failed = _fan_out_to_pool(opened, day, max(1, chunk), stale_after)
            mode = f"one run per report on the work pool ({REPORT_DEPLOYMENT})"
        else:
            written, failed = _tasks_here(opened, day)
            mode = "one task per report in this process"
        _summary(day, opened, written, failed, mode)
        return opened


def _tasks_here(opened: list[str], day: dt.date) -> tuple[int, list[str]]:
    log, progress = get_run_logger(), PROGRESS.get()
    futures = [(ref, write_report_task.submit(ref, day)) for ref in opened]
    written, failed = 0, []
    for index, (reference, future) in enumerate(futures, start=1):
        future.wait()
        if future.state.is_completed():
            written += 1
        else:
            failed.append(reference)
            log.warning("%s: review report not written (%s)", reference, future.state.name)
        if progress is not None:
            progress(index, len(opened))
        if index % 50 == 0 or index == len(opened):
            log.info("review reports: %d/%d done", index, len(opened))
    return written, failed


def _fan_out_to_pool(
    opened: list[str], day: dt.date, chunk: int, stale_after: float
) -> tuple[int, list[str]]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.deployments import run_deployment

    log = get_run_logger()

    def submit(references: tuple[str, ...], attempt: int) -> str:
        key = f"review-report:{day.isoformat()}:{','.join(references)}"
        run = run_deployment(
            REPORT_DEPLOYMENT,
            parameters={"references": list(references), "review_date": day.isoformat()},
            timeout=0,
            idempotency_key=key + (f":{attempt}" if attempt else ""),
            as_subflow=False,
        )
        return str(run.id)

    chunks = [tuple(opened[i : i + chunk]) for i in range(0, len(opened), chunk)]
    runs = {submit(refs, 0): (refs, 0) for refs in chunks}
    log.info("%d review reports submitted to the work pool in %d runs", len(opened), len(runs))
    pending, written, failed = set(runs), 0, []
    done, last = 0, -1
    while pending:
        time.sleep(2)
        with get_client(sync_client=True) as client:
            states = client.read_flow_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=list(pending)))
            )
        for run in states:
            if run.state is not None and _stale(run, stale_after):
                # Its worker was lost with it (killed machine): end it, and submit it again
                # below; a report already stored is not stored twice.
                with get_client(sync_client=True) as client:
                    client.set_flow_run_state(
                        run.id, Crashed(message="its worker stopped answering"), force=True
                    )
                    run = client.read_flow_run(run.id)
            if run.state is None or not run.state.is_final():
                continue
            pending.discard(str(run.id))
            refs, attempt = runs[str(run.id)]
            if run.state.is_completed():
                written += len(refs)
                done += len(refs)
            elif attempt < 2:  # a crashed or failed run (a worker lost): submit it again
                log.warning("reports of %s: run %s; submitted again", refs[0], run.state.name)
                again = submit(refs, attempt + 1)
                runs[again] = (refs, attempt + 1)
                pending.add(again)
            else:
                failed.extend(refs)
                done += len(refs)
        if done != last:
            log.info("review reports: %d/%d done", done, len(opened))
            last = done
    return written, failed


def _stale(run: object, stale_after: float) -> bool:
    """Running for longer than ``stale_after`` seconds (a report chunk takes seconds)."""
    state = run.state  # type: ignore[attr-defined]
    started = run.start_time  # type: ignore[attr-defined]
    if not state.is_running() or started is None:
        return False
    return (dt.datetime.now(dt.UTC) - started).total_seconds() > stale_after


def _summary(day: dt.date, opened: list[str], written: int, failed: list[str], mode: str) -> None:
    lines = [
        f"# review-due {day.isoformat()}",
        "",
        f"- reviews opened: **{len(opened)}** (one transaction)",
        f"- review reports written: **{written}** ({mode})",
        f"- not written: **{len(failed)}**" + (f": {', '.join(failed[:50])}" if failed else ""),
        "",
        "| Partnership | Review date |",
        "|---|---|",
        *[f"| {reference} | {day.isoformat()} |" for reference in opened[:500]],
    ]
    if len(opened) > 500:
        lines.append(f"| … and {len(opened) - 500} more | |")
    create_markdown_artifact(
        markdown="\n".join(lines) + "\n", key="review-due", description="Reviews opened"
    )
