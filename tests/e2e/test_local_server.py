"""Without PREFECT_API_URL, coopact runs one local Prefect server for its home: started on
first need, reused, shown and stopped by `coopact server`; one that cannot start in time is
a clear message (exit 3) and leaves no process behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import EXAMPLE

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    return {**env, "COOPACT_HOME": str(home), "COLUMNS": "200", **extra}


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coopact", *args],
        env=env, capture_output=True, text=True, timeout=400,
    )  # fmt: skip


def _servers_of(home: Path) -> list[int]:
    """Prefect server processes whose PREFECT_HOME is inside ``home``."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            words = (proc / "cmdline").read_bytes().split(b"\0")
            environ = (proc / "environ").read_bytes().split(b"\0")
            state = (proc / "stat").read_text().split(") ")[-1]
        except OSError:
            continue
        ours = f"PREFECT_HOME={home / 'prefect'}".encode() in environ
        server = b"server" in words and any(b"prefect" in w for w in words)
        if ours and server and not state.startswith("Z"):
            found.append(int(proc.name))
    return found


def test_one_local_server_started_on_first_need_reused_and_stopped(tmp_path: Path) -> None:
    env = _env(tmp_path)
    try:
        assert _run(env, "init").returncode == 0
        assert _run(env, "new", str(EXAMPLE)).returncode == 0
        assert "No local Prefect server running" in _run(env, "server", "status").stdout
        # decide does not start a server: with none there, the decision is recorded directly
        first = _run(env, "advance", "P-2027-001")
        assert first.returncode == 0, first.stderr
        state = json.loads((tmp_path / "prefect" / "server.json").read_text())
        assert state["status"] == "running"
        assert _servers_of(tmp_path) == [state["pid"]]
        status = _run(env, "server", "status").stdout
        assert f"pid {state['pid']}" in status and state["port"] and "answering" in status

        decided = _run(
            env, "decide", "P-2027-001", "vision_approval", "--as", "Claire Martin",
            "--role", "sponsor", "--for", "tremplin", "--outcome", "approve",
            "--reason", "Vision partagée validée",
        )  # fmt: skip
        assert decided.returncode == 0, decided.stderr
        again = json.loads((tmp_path / "prefect" / "server.json").read_text())
        assert again["pid"] == state["pid"], "the running server is reused"
        api = f"http://127.0.0.1:{state['port']}/api"
        names = {r["name"] for r in httpx.post(f"{api}/flow_runs/filter", json={}).json()}
        assert {"advance P-2027-001 (draft)", "decide P-2027-001 vision_approval"} <= names

        stopped = _run(env, "server", "stop")
        assert f"Stopped the local Prefect server (pid {state['pid']})" in stopped.stdout
        assert _servers_of(tmp_path) == []
        assert not (tmp_path / "prefect" / "server.json").exists()
        assert "No local Prefect server was running" in _run(env, "server", "stop").stdout
    finally:
        _run(env, "server", "stop")


def test_a_server_that_cannot_start_in_time_is_a_clear_message_and_no_process(
    tmp_path: Path,
) -> None:
    env = _env(tmp_path, COOPACT_PREFECT_STARTUP_TIMEOUT="0.5")
    try:
        assert _run(env, "init").returncode == 0
        assert _run(env, "new", str(EXAMPLE)).returncode == 0
        done = _run(env, "advance", "P-2027-001")
        assert done.returncode == 3, done.stdout + done.stderr
        assert (
            "did not answer within 0 s" in done.stderr or "did not answer within 1 s" in done.stderr
        )
        assert "COOPACT_PREFECT_STARTUP_TIMEOUT" in done.stderr
        assert "Traceback" not in done.stderr
        time.sleep(0.5)
        assert _servers_of(tmp_path) == [], "the half-started server was stopped"
        assert not (tmp_path / "prefect" / "server.json").exists()
    finally:
        _run(env, "server", "stop")
