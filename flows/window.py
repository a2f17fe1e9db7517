"""Prefect as the officers' window: run names, log lines, the markdown report of each run,
refusals in a state of their own, and the markers that let coopact mark as Crashed the runs
of a command that was killed.

A refusal (an unknown reference, a rule that says no) is an outcome, not a defect: the run
ends in a Completed-type state named "Refused", its message and a markdown artifact give the
reason (without personal data), one INFO line says it, and no traceback is logged. Failed
and Crashed stay for defects and outages, so that an Automation can page on them alone
(README, "Production").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import enum
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from prefect import get_run_logger
from prefect.artifacts import create_markdown_artifact
from prefect.client.schemas.objects import State
from prefect.runtime import flow_run
from prefect.states import Completed

from coopact import services
from coopact.adapters.prefect import run_markers, run_report
from coopact.bootstrap import units

REFUSED = "Refused"
F = TypeVar("F")


def plain_parameters(flow_: F) -> F:
    """Record the run's parameters as plain JSON when they are plain (text, numbers, enums,
    dates, lists of them): Prefect's own serialiser, FastAPI's ``jsonable_encoder``, imports
    FastAPI, a quarter of a second at the keyboard for a reference and a gate. Anything else
    goes through Prefect's serialiser as before."""
    prefects = flow_.serialize_parameters  # type: ignore[attr-defined]

    def serialize(parameters: dict[str, Any]) -> dict[str, Any]:
        try:
            return {key: _plain(value) for key, value in parameters.items()}
        except TypeError:
            return prefects(parameters)  # type: ignore[no-any-return]

    flow_.serialize_parameters = serialize  # type: ignore[attr-defined]
    return flow_


def _plain(value: object) -> object:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    raise TypeError(type(value).__name__)


def refused(message: str, reference: str | None = None) -> State:
    """The run's end when coopact refuses: Completed, named "Refused", with ``message`` (no
    personal data: callers never pass a decision's reason or a name) logged at INFO and
    published as the run's artifact."""
    get_run_logger().info("refused: %s", message)
    try:
        create_markdown_artifact(
            markdown=run_report.refusal_markdown(message, reference),
            key=run_report.artifact_key("refused", reference) if reference else None,
            description="Refused",
        )
    except Exception as error:  # the artifact is a courtesy; the state carries the reason
        get_run_logger().info("no artifact for the refusal (%s)", type(error).__name__)
    return Completed(name=REFUSED, message=message)


def stage_of(reference: object) -> str | None:
    try:
        with units.uow() as uow:
            row = uow.partnerships.find(str(reference))
            return row.stage if row is not None else None
    except Exception:  # a name is a courtesy; the run itself reports errors
        return None


def advance_run_name() -> str:
    reference = flow_run.parameters.get("reference")
    stage = stage_of(reference)
    return f"advance {reference} ({stage})" if stage else f"advance {reference}"


def decide_run_name() -> str:
    parameters = flow_run.parameters
    if "request_id" in parameters:  # the deployment's form: a kept decision request
        reference, gate = _requested(parameters["request_id"])
        if reference is None:
            return f"decide (request {parameters['request_id']})"
    else:
        reference, gate = parameters.get("reference"), parameters.get("gate")
    return f"decide {reference} {run_report.gate_label(gate)}"  # type: ignore[arg-type]


def _requested(request_id: object) -> tuple[str | None, str | None]:
    """The reference and gate of a decision request (nothing personal), for the run name."""
    try:
        with units.uow() as uow:
            found = uow.review_records.decision_request(int(str(request_id)))
            return found if found is not None else (None, None)
    except Exception:  # a name is a courtesy; the run itself reports errors
        return None, None


def _people_of(reference: str) -> list[str]:
    """The names and addresses in the partnership's file: kept out of Prefect."""
    with units.uow() as uow:
        return run_report.people_in(uow.partnerships.get(reference).spec)


def review_run_name() -> str:
    today = flow_run.parameters.get("today")
    return f"review-due {today}" if today else "review-due (today)"


def report(kind: str, title: str, reference: str, done: Sequence[str]) -> None:
    """Log what was done and the partnership's findings and documents; publish the markdown
    report of the run as an artifact (key ``<kind>-<reference>``)."""
    log = get_run_logger()
    try:
        view = services.status(units.uow(), reference)[0]
        people = _people_of(reference)
    except Exception as error:  # the report must not fail a recorded decision
        log.warning("%s: no report: %s", reference, type(error).__name__)
        return
    result = run_report.from_status(title, done, view, people)  # no name nor address
    for line in result.done:
        log.info("%s: %s", reference, line)
    for finding in result.findings:
        log.info(
            "%s: finding %s %s at %s",
            reference, finding["severity"], finding["code"], finding.get("path") or "-",
        )  # fmt: skip
    for document in result.documents:
        log.info(
            "%s: document %s v%s (%s) sha256 %s",
            reference, document["kind"], document["version"], document["language"],
            document["sha256"],
        )  # fmt: skip
    log.info("%s: stage %s; awaiting %s", reference, result.stage, result.awaited() or "nothing")
    create_markdown_artifact(
        markdown=result.markdown(),
        key=run_report.artifact_key(kind, reference),
        description=title,
    )


@contextlib.contextmanager
def marked() -> Iterator[None]:
    """While the flow runs, a marker names this process; a killed command (or a body that
    raised) leaves it, and the next coopact command marks the run Crashed when it is still
    Running (:func:`run_markers.crash_orphaned_runs`)."""
    run_id = flow_run.id
    if not run_id:
        yield
        return
    try:
        run_markers.mark_run(run_id)
    except Exception:  # a read-only home: the run goes on unmarked
        yield
        return
    yield
    # Only when the body ended: a body that raised leaves the marker, since the engine's
    # report of the failure may not reach a server that is gone; the next command then marks
    # the run Crashed if it is still Running (else only forgets the marker).
    run_markers.unmark_run(run_id)
