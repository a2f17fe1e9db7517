"""The daily review-due flow: open the Go/noGo reviews whose date has come, then write the
review reports, a chunk of partnerships at a time.

Opening is batched, 2,000 partnerships a transaction (`services.review_due`). The reports are
then written by chunks (`services.review_reports`: one transaction a chunk, each report once
per partnership and review date, the key kept in coopact's database):

- on a worker (the run comes from a deployment), each chunk is a run of the
  ``review-report/review-report`` deployment submitted to the work pool, its parameters the
  references and the date (nothing personal), so that N workers write N chunks at a time.
  The parent waits and logs progress; a run that crashed, failed or stayed Pending or
  Running longer than ``stale_after`` seconds (its worker was lost) is ended and the
  references of that run whose report is not written yet are submitted again (up to three
  times). What was written is read from coopact's database, never from a worker's disk;
- in a command (`coopact review-due`), each chunk is a task run of this flow, retried.

Besides the reviews it opens, a run writes the reports still missing for reviews opened
earlier (a chunk that failed every attempt the day before), for the day each review opened:
the key is (partnership, that day), so a report written the day before is not written again
(`services.review_opening.unwritten_reports`). The mails each chunk queues with its reports
are sent once the chunk is committed (`services.mail`).

A chunk is large enough that the work dominates Prefect's bookkeeping and a run's start-up
(a process per run on a `process` pool): ``chunk`` partnerships, by default a quarter of each
worker's share, from 10 to 500.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import time
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import deployment
from prefect.states import Completed, Crashed, Failed
from prefect.task_runners import ThreadPoolTaskRunner

import coopact.flows  # noqa: F401 - prepares Prefect's environment
from coopact import services
from coopact.adapters.config import settings
from coopact.bootstrap import units, wiring, writing
from coopact.bootstrap.reminders import send_reminders
from coopact.contracts.lifecycle import Stage
from coopact.flows import window
from coopact.flows.review_logs import log_outcomes
from coopact.services.batches import freeze_imports
from coopact.services.review_opening import unwritten_reports
from coopact.services.review_reports import write_review_reports

# Results are not persisted: a worker keeps nothing on its disk (nor in its user's home);
# what a run did is in coopact's database, its log lines and its artifact.
RESULTS = {"persist_result": False}
REPORT_DEPLOYMENT = "review-report/review-report"
POOL = "coopact"
IN_PROCESS_CHUNK = 25
ATTEMPTS = 3  # submissions of the same references at most
POLL_SECONDS = 2.0

# In a command: called with (written, total) after each chunk (the CLI's progress bar).
PROGRESS: ContextVar[Callable[[int, int], None] | None] = ContextVar(
    "coopact_review_progress", default=None
)


@task(**RESULTS)  # type: ignore[call-overload, untyped-decorator]
def open_due_reviews(today: dt.date) -> list[str]:
    """Open every due review (2,000 partnerships a transaction); the references opened.
    Renewal reminders and notices go to the partnership officers and sponsors."""
    due = services.review_due(
        units.uow(), today, transport=writing.transport(), templates=settings().templates
    )
    return [r.reference for r in due]


@task(**RESULTS)  # type: ignore[call-overload, untyped-decorator]
def reports_to_write() -> dict[str, list[str]]:
    """The open reviews whose report is not written, by review date (ISO): those opened
    today, and those of earlier days whose report failed (written now, keyed on the day
    their review opened, so never twice)."""
    return {day.isoformat(): refs for day, refs in unwritten_reports(units.uow()).items()}


@task
def remind_expiring_links() -> int:
    """Remind the people whose decision link is about to expire (a count, no names)."""
    return send_reminders()


def write_reports(references: Sequence[str], review_date: dt.date) -> list[dict[str, Any]]:
    """Write the review reports of ``references`` (one transaction), each once per review
    date; what became of each, without personal data."""
    freeze_imports()
    outcomes = write_review_reports(
        units.uow(), references, review_date, templates=settings().templates,
        transport=writing.transport(),
    )  # fmt: skip
    return [
        {"reference": o.reference, "status": o.status, "documents": o.documents, "detail": o.detail}
        for o in outcomes
    ]


def write_report(reference: str, review_date: dt.date) -> dict[str, Any]:
    """One partnership's review report (see :func:`write_reports`)."""
    return write_reports([reference], review_date)[0]


def _chunk_name(references: Sequence[str]) -> str:
    first = references[0] if references else "-"
    return first + (f" +{len(references) - 1}" if len(references) > 1 else "")


@task(
    task_run_name="review reports {references[0]}",
    retries=2,
    retry_delay_seconds=2,
    **RESULTS,
)  # type: ignore[call-overload, untyped-decorator]
def write_reports_task(references: list[str], review_date: dt.date) -> list[dict[str, Any]]:
    outcomes = write_reports(references, review_date)
    log_outcomes(outcomes)
    return outcomes


def _report_run_name() -> str:
    from prefect.runtime import flow_run

    refs = flow_run.parameters.get("references") or []
    return f"review-report {_chunk_name(refs)} {flow_run.parameters.get('review_date')}"


@window.plain_parameters
@flow(name="review-report", flow_run_name=_report_run_name, **RESULTS)  # type: ignore[call-overload, untyped-decorator]
def review_report(references: list[str], review_date: dt.date):  # type: ignore[no-untyped-def]
    """Write the review reports of a chunk of open reviews (submitted by review-due): one
    transaction, each report once per partnership and review date. Failed when a report
    could not be written (review-due submits those again).

    Args:
        references: The partnership references of the chunk.
        review_date: The day their reviews opened (YYYY-MM-DD).
    """
    with window.marked():
        wiring.ensure_ready()
        # In the run itself, not a task run: a task's states and events cost the Prefect
        # server as much as the run's; review-due submits a failed run's references again.
        outcomes = write_reports(references, review_date)
        log_outcomes(outcomes)
        failed = [o["reference"] for o in outcomes if o["status"] == "failed"]
        written = sum(o["status"] == "written" for o in outcomes)
        get_run_logger().info(
            "review reports: %d written, %d already written, %d failed, of %d",
            written, sum(o["status"] == "already written" for o in outcomes), len(failed),
            len(outcomes),
        )  # fmt: skip
        if failed:
            return Failed(message=f"{len(failed)} review reports not written: {', '.join(failed)}")
        return outcomes


@window.plain_parameters
@flow(
    name="review-due",
    flow_run_name=window.review_run_name,
    task_runner=ThreadPoolTaskRunner(max_workers=1),
    **RESULTS,
)  # type: ignore[call-overload, untyped-decorator]
def review_due(  # type: ignore[no-untyped-def]
    today: dt.date | None = None, chunk: int | None = None, stale_after: float = 600.0
):
    """Open the Go/noGo review gate of every active partnership whose review date has come,
    then write the review reports, a chunk of partnerships at a time (a run per chunk on the
    work pool, a task otherwise).

    Args:
        today: Run as of this date (YYYY-MM-DD); empty for today.
        chunk: Partnerships per review-report run; empty for a quarter of each online
            worker's share (10 to 500).
        stale_after: Seconds after which a review-report run still Pending or Running is
            ended and its references submitted again (its worker was lost).
    """
    with window.marked():
        wiring.ensure_ready()
        remind_expiring_links()
        day = today or dt.date.today()
        opened = open_due_reviews(day)
        log = get_run_logger()
        log.info("%d reviews opened on %s", len(opened), day.isoformat())
        todo = {dt.date.fromisoformat(d): refs for d, refs in reports_to_write().items()}
        earlier = sum(len(refs) for d, refs in todo.items() if d != day)
        if earlier:
            log.info("%d review reports of earlier days still to write", earlier)
        if not todo:
            if opened:  # every report written meanwhile (another run)
                return opened
            return Completed(name="Nothing due", message="no review is due")
        count = sum(len(refs) for refs in todo.values())
        if deployment.id:
            size = chunk or _pool_chunk(count)
            _fan_out_to_pool(todo, size, stale_after)
            mode = f"on the work pool, runs of {REPORT_DEPLOYMENT} of up to {size} partnerships"
        else:
            _tasks_here(todo, chunk or IN_PROCESS_CHUNK)
            mode = "in this process, a task per chunk"
        written, missing = 0, list[str]()
        for review_date, refs in todo.items():
            done, unwritten = _written(refs, review_date)
            written, missing = written + done, missing + unwritten
        _summary(day, opened, written, missing, mode, earlier)
        if missing:
            return Failed(message=f"{len(missing)} review reports not written")
        return opened


def _chunks(references: Sequence[str], size: int) -> list[list[str]]:
    return [list(references[i : i + size]) for i in range(0, len(references), size)]


def _jobs(todo: dict[dt.date, list[str]], size: int) -> list[tuple[list[str], dt.date]]:
    """The chunks to write: (references, their review date)."""
    return [(refs, day) for day, all_refs in todo.items() for refs in _chunks(all_refs, size)]


def _tasks_here(todo: dict[dt.date, list[str]], size: int) -> None:
    log, progress = get_run_logger(), PROGRESS.get()
    jobs = _jobs(todo, max(1, size))
    total = sum(len(refs) for refs, _ in jobs)
    futures = [write_reports_task.submit(refs, day) for refs, day in jobs]
    done = 0
    for (refs, _), future in zip(jobs, futures, strict=True):
        future.wait()
        done += len(refs)
        if not future.state.is_completed():
            log.warning("reports of %s: %s", _chunk_name(refs), future.state.name)
        if progress is not None:
            progress(done, total)
        log.info("review reports: %d/%d done", done, total)


def _written(references: Sequence[str], day: dt.date) -> tuple[int, list[str]]:
    """How many of ``references`` have their report of ``day`` written (the idempotency key
    in coopact's database), and those whose review is still open without one."""
    with units.uow() as uow:
        keys = uow.review_records.report_keys(references, day)
    written = sum(key.written for key in keys)
    missing = [k.reference for k in keys if not k.written and k.stage == Stage.in_review.value]
    return written, sorted(missing)


def _pool_chunk(count: int) -> int:
    """A quarter of each online worker's share, from 10 to 500 partnerships."""
    from prefect.client.orchestration import get_client

    workers = 1
    try:
        with get_client(sync_client=True) as client:
            found = client.read_workers_for_work_pool(POOL)
        workers = max(1, sum(str(w.status).upper().endswith("ONLINE") for w in found))
    except Exception:  # no pool by that name (served deployments): one worker
        pass
    return max(10, min(500, math.ceil(count / (4 * workers))))


def _submit(references: list[str], day: dt.date, attempt: int) -> str:
    from prefect.deployments import run_deployment

    digest = hashlib.sha256("\n".join(references).encode()).hexdigest()[:16]
    run = run_deployment(
        REPORT_DEPLOYMENT,
        parameters={"references": references, "review_date": day.isoformat()},
        flow_run_name=f"review-report {_chunk_name(references)} {day.isoformat()}",
        timeout=0,
        idempotency_key=f"review-report:{day.isoformat()}:{digest}:{attempt}",
        as_subflow=False,
    )
    return str(run.id)  # type: ignore[union-attr]  # (called synchronously: a FlowRun)


def _fan_out_to_pool(todo: dict[dt.date, list[str]], size: int, stale_after: float) -> None:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    log = get_run_logger()
    runs: dict[str, tuple[list[str], int, dt.date]] = {}
    for refs, day in _jobs(todo, size):
        runs[_submit(refs, day, 0)] = (refs, 0, day)
    count = sum(len(refs) for refs in todo.values())
    log.info("%d review reports submitted to the work pool in %d runs", count, len(runs))
    pending, last = set(runs), -1
    while pending:
        time.sleep(POLL_SECONDS)
        with get_client(sync_client=True) as client:
            found = client.read_flow_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=list(pending)))
            )
            for run in found:
                state = run.state
                if state is None:
                    continue
                if not state.is_final():
                    if not _stale(run, stale_after):
                        continue
                    # Its worker was lost with it: end it, submit its unwritten part again.
                    client.set_flow_run_state(
                        run.id, Crashed(message="no end after stale_after seconds"), force=True
                    )
                elif state.is_completed():
                    pending.discard(str(run.id))
                    continue
                pending.discard(str(run.id))
                refs, attempt, day = runs[str(run.id)]
                _, unwritten = _written(refs, day)
                if unwritten and attempt + 1 < ATTEMPTS:
                    log.warning(
                        "reports of %s: run %s; %d submitted again",
                        _chunk_name(refs), state.name, len(unwritten),
                    )  # fmt: skip
                    again = _submit(unwritten, day, attempt + 1)
                    runs[again] = (unwritten, attempt + 1, day)
                    pending.add(again)
                elif unwritten:
                    log.error(
                        "reports of %s: not written after %d runs", _chunk_name(refs), ATTEMPTS
                    )
        done = sum(len(refs) for run_id, (refs, _, _) in runs.items() if run_id not in pending)
        if done != last:
            log.info("review reports: runs of %d partnerships done, %d pending", done, len(pending))
            last = done


def _stale(run: Any, stale_after: float) -> bool:
    """Pending or Running for longer than ``stale_after`` seconds (a worker took it, then
    was lost); a run still Scheduled waits for a free worker and is not stale."""
    state = run.state
    if not (state.is_running() or state.is_pending()):
        return False
    since = run.start_time if state.is_running() and run.start_time else state.timestamp
    if since is None:
        return False
    return bool((dt.datetime.now(dt.UTC) - since).total_seconds() > stale_after)


def _summary(
    day: dt.date, opened: list[str], written: int, missing: list[str], mode: str, earlier: int
) -> None:
    lines = [
        f"# review-due {day.isoformat()}",
        "",
        f"- reviews opened: **{len(opened)}** (2,000 partnerships a transaction)",
        f"- reports of reviews opened earlier, not written then: **{earlier}**",
        f"- review reports written: **{written}** ({mode})",
        f"- not written: **{len(missing)}**" + (f": {', '.join(missing[:50])}" if missing else ""),
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
