"""The one place where commands reach the lifecycle through Prefect.

``advance`` and ``review_due`` are flow runs: against PREFECT_API_URL when set, else against
the local server of COOPACT_HOME, started on first need (:mod:`coopact.adapters.prefect.server`).
``decide`` is a flow run whenever a server is there (PREFECT_API_URL, or the local server
running), so that every decision is a visible run; with no server it is recorded directly,
which is as safe (the same use case) and does not start one.
Prefect (the flows) is imported inside the functions, once :func:`connect` has set its
environment, and by `decide` only when a server is there: `decide --help` never loads it. A run
in a command's process sends no heartbeats (its run marker tells a killed command's runs,
:mod:`coopact.adapters.prefect.run_markers`; Prefect joins the heartbeat thread at the end of each
run, up to a second), and a command that ran flows ends with :func:`exit_now`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from coopact.adapters.config import prepare_prefect_environment
from coopact.adapters.prefect import run_markers
from coopact.adapters.prefect import server as prefect_server
from coopact.bootstrap import writing
from coopact.contracts.errors import Refused
from coopact.services.decision_record import Decide
from coopact.usecases.decide import decide as decide_once


def connect(*, start: bool = True) -> str | None:
    """The Prefect API this process uses, starting the local server when ``start``; None
    when there is none and ``start`` is False. Runs of killed commands are marked Crashed."""
    prepare_prefect_environment()
    # A log line Prefect cannot send (its server gone) is dropped without a word on the
    # terminal: the command itself says that the server does not answer.
    logging.raiseExceptions = False
    url = prefect_server.ensure_server() if start else prefect_server.running_api_url()
    if url is not None:
        run_markers.crash_orphaned_runs()
    return url


@contextlib.contextmanager
def in_this_process() -> Iterator[None]:
    """Flow runs started inside the block run here, without a heartbeat thread, tagged
    with this process and marked as run by it (a kill at any moment leaves them to be
    marked Crashed by the next command: :mod:`coopact.adapters.prefect.run_markers`)."""
    import prefect

    with contextlib.suppress(Exception):  # a read-only home: the runs go on unmarked
        run_markers.mark_process()
    with prefect.tags(run_markers.process_tag()), _without_heartbeat():
        yield
    # Kept when the block raised (a server lost mid-run, say): the process ends, and the
    # next command marks its runs that never finished Crashed.
    run_markers.unmark_process()


@contextlib.contextmanager
def _without_heartbeat() -> Iterator[None]:
    """The settings copied with that one change (Prefect's ``temporary_settings`` would
    validate them all again from the environment: up to a tenth of a second a command)."""
    import prefect.context

    current = prefect.context.get_settings_context()
    flows = current.settings.flows
    if flows.heartbeat_frequency is None:
        yield
        return
    quiet = current.settings.model_copy(
        update={"flows": flows.model_copy(update={"heartbeat_frequency": None})}
    )
    with prefect.context.SettingsContext(profile=current.profile, settings=quiet):
        yield


def exit_now(code: int) -> None:
    """End a command that ran flows: its logs and events sent, the exit handlers run, then
    the process ends without tearing down every module Prefect loaded (a third of a second
    of a command's CPU time)."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    prefect_server.drain()
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(code)


def advance(reference: str, today: dt.date | None = None) -> dict[str, Any]:
    """Run the automatic work up to the next gate, as a flow run; raises Refused."""
    connect()
    # Prefect: imported once connect() has set its environment, when a flow runs
    from coopact.flows import lifecycle, window  # Prefect: see above

    with in_this_process():
        state = lifecycle.advance_partnership(reference, today, return_state=True)
    if state.name == window.REFUSED:
        raise Refused(state.message or "refused")
    return state.result()  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Decided:
    message: str
    awaiting: str | None
    documents: list[str] = field(default_factory=list)
    through_prefect: bool = False
    stage: str | None = None  # where the partnership stands after everything that ran


def decide(command: Decide) -> Decided:
    """Record a decision, then run the next stage's work once its gate closes
    (:mod:`coopact.usecases.decide`): a flow run when a server is there."""
    if connect(start=False) is None:
        return _decide_directly(command)
    # Prefect: only with a server, once connect() has set its environment
    from coopact.flows import lifecycle, window  # Prefect

    private = lifecycle.Private(command)
    token = lifecycle.PRIVATE.set(private)
    try:
        with in_this_process():
            state = lifecycle.decide_at_gate(
                command.reference, command.gate, command.decider.role, command.outcome,
                command.decider.partner_key, command.document_sha256, return_state=True,
            )  # fmt: skip
    finally:
        lifecycle.PRIVATE.reset(token)
    if private.error is not None:
        # The run says "refused" without the reason (it may name people); the officer at the
        # keyboard gets the refusal itself.
        raise private.error
    if state.name == window.REFUSED:
        raise Refused(state.message or "refused")
    result = state.result()
    return Decided(
        str(result["message"]), result.get("awaiting"), list(result.get("documents") or []), True,
        str(result.get("stage_after") or result.get("stage") or "") or None,
    )  # fmt: skip


def _decide_directly(command: Decide) -> Decided:
    done = decide_once(command, writing.adapters())
    if done.work_error is not None:
        raise done.work_error
    if done.after is None:
        return Decided(done.decision.message, None, stage=done.decision.stage)
    return Decided(
        done.decision.message, done.after.awaiting, done.after.new_documents,
        stage=done.after.stage,
    )  # fmt: skip


def review_due(
    today: dt.date | None = None, progress: Callable[[int, int], None] | None = None
) -> list[str]:
    """Open the reviews that are due and write their reports, as a flow run; the references
    opened. ``progress(done, total)`` is called as the reports are written. Raises Refused
    when some reports could not be written (the run says which)."""
    connect()
    # Prefect: imported once connect() has set its environment, when the flow runs
    from coopact.flows import reviews  # Prefect: see above

    token = reviews.PROGRESS.set(progress)
    try:
        with in_this_process():
            state = reviews.review_due(today, return_state=True)
    finally:
        reviews.PROGRESS.reset(token)
    if state.is_failed():
        raise Refused(
            f"{state.message or 'review reports not written'}: see the review-due run in "
            "Prefect; `coopact advance REF` writes a review report"
        )
    opened = state.result()
    return list(opened) if isinstance(opened, list) else []
