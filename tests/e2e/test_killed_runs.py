"""No flow run left Running after a kill (issue 22, item 10): a command killed after its
flow run is Running but before the run's own marker exists (or after it is removed) still
leaves its process's marker; the next command marks the run Crashed, and never a run of a
process still alive."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

# A command that runs a flow in itself, as `coopact advance` does; its body never writes the
# run's own marker (the window a kill can fall in), and it waits to be killed.
COMMAND = """
import sys, time
from prefect import flow
from coopact.entrypoints.cli import flow_runs

@flow(name="advance-partnership")
def advance_partnership():
    print("running", flush=True)
    time.sleep(float(sys.argv[1]))

with flow_runs.in_this_process():
    advance_partnership()
"""


def _start(home: Path, api: str, seconds: float) -> subprocess.Popen[str]:
    env = {**os.environ, "COOPACT_HOME": str(home), "PREFECT_API_URL": api}
    process = subprocess.Popen(
        [sys.executable, "-c", COMMAND, str(seconds)], env=env, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "running", "the flow run started"
    return process


def _states(api: str, tag: str) -> list[str]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterTags
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api}), get_client(sync_client=True) as client:
        runs = client.read_flow_runs(
            flow_run_filter=FlowRunFilter(tags=FlowRunFilterTags(all_=[tag]))
        )
    return [run.state.type.value for run in runs if run.state is not None]


def test_a_killed_command_s_run_is_crashed_by_the_next_one_a_live_one_s_is_not(
    prefect_server: str, tmp_path: Path
) -> None:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from coopact.adapters.config import settings
    from coopact.adapters.prefect import run_markers

    config = settings({"COOPACT_HOME": str(tmp_path)})
    killed = _start(tmp_path, prefect_server, 300)
    alive = _start(tmp_path, prefect_server, 300)
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        tag = run_markers.process_tag(killed.pid)
        assert _states(prefect_server, tag) == ["RUNNING"], "left Running by the kill"
        assert run_markers.orphaned_runs(config) == [], "no run marker: the body never wrote it"
        assert run_markers.orphaned_processes(config) == [killed.pid]

        with temporary_settings({PREFECT_API_URL: prefect_server}):
            assert run_markers.crash_orphaned_runs(config) == 1
            assert run_markers.crash_orphaned_runs(config) == 0, "once"
        assert _states(prefect_server, tag) == ["CRASHED"]
        assert _states(prefect_server, run_markers.process_tag(alive.pid)) == ["RUNNING"]
        assert run_markers.orphaned_processes(config) == []
    finally:
        alive.kill()
        alive.wait()
