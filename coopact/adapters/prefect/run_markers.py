"""Run markers: Flow runs of a command that was killed stay "Running" in Prefect; each flow
run started by coopact leaves a marker (``prefect/runs/<flow-run-id>``, holding its pid)
that is removed when it ends; :func:`crash_orphaned_runs` marks the runs whose process is
gone as Crashed, and coopact calls it each time it connects to the local server.

A run marker is written by the flow's body: a command killed before it (the run created
and Running, the body not started) or after it (the body done, the final state not yet
set) leaves none. So the process that starts flow runs in itself also leaves one for the
whole call (``prefect/runs/pid-<pid>``, holding its pid and start time: a reused pid is not
taken for it) and tags its runs :func:`process_tag`; a dead process's runs still Running or
Pending are found by that tag and marked Crashed too.

Prefect is imported only when there is an orphan to mark.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any

from coopact.adapters.config import Settings, settings
from coopact.adapters.prefect import server_files

RUNS_DIR = "runs"
PROCESS = "pid-"  # the marker of a process running flows in itself


def mark_run(flow_run_id: str, config: Settings | None = None) -> Path:
    """Record that this process runs ``flow_run_id`` (removed by :func:`unmark_run`)."""
    config = config or settings()
    folder = server_files.folder(config) / RUNS_DIR
    folder.mkdir(exist_ok=True)
    marker = folder / flow_run_id
    marker.write_text(str(os.getpid()), encoding="utf-8")
    return marker


def unmark_run(flow_run_id: str, config: Settings | None = None) -> None:
    config = config or settings()
    (config.prefect_home / RUNS_DIR / flow_run_id).unlink(missing_ok=True)


def process_tag(pid: int | None = None) -> str:
    """The tag of the flow runs a coopact process runs in itself (no personal data)."""
    return f"coopact-pid-{pid or os.getpid()}"


def _started(pid: int) -> str:
    """When process ``pid`` started (clock ticks since boot; "" where /proc is not there)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except OSError:
        return ""
    return stat.rpartition(")")[2].split()[19]


def mark_process(config: Settings | None = None) -> Path:
    """Record that this process runs flows in itself (removed by :func:`unmark_process`)."""
    config = config or settings()
    folder = server_files.folder(config) / RUNS_DIR
    folder.mkdir(exist_ok=True)
    marker = folder / f"{PROCESS}{os.getpid()}"
    marker.write_text(f"{os.getpid()} {_started(os.getpid())}", encoding="utf-8")
    return marker


def unmark_process(config: Settings | None = None) -> None:
    config = config or settings()
    (config.prefect_home / RUNS_DIR / f"{PROCESS}{os.getpid()}").unlink(missing_ok=True)


def _alive(held: str) -> bool:
    """Whether the process a marker names (``pid [start]``) still runs."""
    pid_text, _, started = held.strip().partition(" ")
    try:
        pid = int(pid_text or "0")
    except ValueError:
        return False
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process: it exists
    return not started or _started(pid) in ("", started)


def _dead_markers(config: Settings) -> list[Path]:
    folder = config.prefect_home / RUNS_DIR
    if not folder.is_dir():
        return []
    dead = []
    for marker in folder.iterdir():
        try:
            held = marker.read_text(encoding="utf-8")
        except OSError:
            held = ""
        if held.strip().partition(" ")[0] == str(os.getpid()):
            continue
        if not _alive(held):
            dead.append(marker)
    return dead


def orphaned_runs(config: Settings | None = None) -> list[str]:
    """Flow runs whose process is gone without ending them (killed)."""
    markers = _dead_markers(config or settings())
    return [m.name for m in markers if not m.name.startswith(PROCESS)]


def orphaned_processes(config: Settings | None = None) -> list[int]:
    """The coopact processes that ran flows in themselves and are gone (killed)."""
    markers = _dead_markers(config or settings())
    return [int(m.name[len(PROCESS) :]) for m in markers if m.name.startswith(PROCESS)]


def crash_orphaned_runs(config: Settings | None = None) -> int:
    """Mark as Crashed the flow runs of coopact processes that were killed; how many."""
    config = config or settings()
    orphans, processes = orphaned_runs(config), orphaned_processes(config)
    if not orphans and not processes:
        return 0
    from prefect.client.orchestration import get_client

    done = 0
    with get_client(sync_client=True) as client:
        for run_id in orphans:
            with contextlib.suppress(Exception):  # a run unknown to this server: forget it
                done += _crash(client, client.read_flow_run(run_id))  # type: ignore[arg-type]
            unmark_run(run_id, config)
        for pid in processes:
            try:
                for run in _unfinished(client, process_tag(pid)):
                    done += _crash(client, run)
            except Exception:  # the server cannot say now: the next command tries again
                continue
            (config.prefect_home / RUNS_DIR / f"{PROCESS}{pid}").unlink(missing_ok=True)
    return done


def _crash(client: Any, run: Any) -> int:
    from prefect.states import Crashed

    if run.state is None or run.state.is_final():
        return 0
    client.set_flow_run_state(
        run.id, Crashed(message="the coopact process running it was stopped"), force=True
    )
    return 1


def _unfinished(client: Any, tag: str) -> list[Any]:
    """The flow runs tagged ``tag`` not in a final state."""
    from prefect.client.schemas.filters import (
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
        FlowRunFilterTags,
    )
    from prefect.client.schemas.objects import StateType

    wanted = FlowRunFilter(
        tags=FlowRunFilterTags(all_=[tag]),
        state=FlowRunFilterState(
            type=FlowRunFilterStateType(
                any_=[StateType.RUNNING, StateType.PENDING, StateType.SCHEDULED]
            )
        ),
    )
    return list(client.read_flow_runs(flow_run_filter=wanted))
