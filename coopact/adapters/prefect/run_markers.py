"""Run markers: Flow runs of a command that was killed stay "Running" in Prefect; each flow
run started by coopact leaves a marker (``prefect/runs/<flow-run-id>``, holding its pid)
that is removed when it ends; :func:`crash_orphaned_runs` marks the runs whose process is
gone as Crashed, and coopact calls it each time it connects to the local server.

Prefect is imported only when there is an orphan to mark.
"""

from __future__ import annotations

import os
from pathlib import Path

from coopact.adapters.config import Settings, settings
from coopact.adapters.prefect import server_files

RUNS_DIR = "runs"


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


def orphaned_runs(config: Settings | None = None) -> list[str]:
    """Flow runs whose process is gone without ending them (killed)."""
    config = config or settings()
    folder = config.prefect_home / RUNS_DIR
    if not folder.is_dir():
        return []
    orphans = []
    for marker in folder.iterdir():
        try:
            pid = int(marker.read_text(encoding="utf-8").strip() or "0")
        except (OSError, ValueError):
            pid = 0
        if pid == os.getpid():
            continue
        try:
            os.kill(pid, 0) if pid > 0 else None
            alive = pid > 0
        except (ProcessLookupError, PermissionError):
            alive = False
        if not alive:
            orphans.append(marker.name)
    return orphans


def crash_orphaned_runs(config: Settings | None = None) -> int:
    """Mark as Crashed the flow runs of coopact processes that were killed; how many."""
    config = config or settings()
    orphans = orphaned_runs(config)
    if not orphans:
        return 0
    from prefect.client.orchestration import get_client
    from prefect.states import Crashed

    done = 0
    with get_client(sync_client=True) as client:
        for run_id in orphans:
            try:
                run = client.read_flow_run(run_id)  # type: ignore[arg-type]
                if run.state is not None and not run.state.is_final():
                    client.set_flow_run_state(
                        run_id,  # type: ignore[arg-type]
                        Crashed(message="the coopact process running it was stopped"),
                        force=True,
                    )
                    done += 1
            except Exception:  # a run unknown to this server: forget it
                pass
            unmark_run(run_id, config)
    return done
