"""The local Prefect server killed while `coopact advance` runs its flow: the command notices
within seconds (not after minutes of retries), ends in exit 3 with one paragraph and no
traceback; the next `advance` starts a server again, marks the lost run Crashed (none left
Running), and finishes the work once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import EXAMPLE
from tests.faults.conftest import REF, one_paragraph
from tests.integration.conftest import Cli, Result

pytestmark = pytest.mark.slow


def _runs(api: str) -> list[dict[str, object]]:
    return httpx.post(f"{api}/flow_runs/filter", json={}, timeout=10).json()  # type: ignore[no-any-return]


def test_the_prefect_server_killed_during_advance(tmp_path: Path) -> None:
    home = tmp_path / "home"
    cli = Cli(home, f"sqlite:///{home / 'coopact.db'}", subprocess=True)
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")},
        **cli.env,
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    cli("init", check=True)
    cli("new", str(EXAMPLE), check=True)
    started = subprocess.run([sys.executable, "-m", "coopact", "server", "start"], env=env,
                             capture_output=True, text=True, timeout=300)  # fmt: skip
    assert started.returncode == 0, started.stdout + started.stderr
    state = json.loads((home / "prefect" / "server.json").read_text())
    api = f"http://127.0.0.1:{state['port']}/api"

    command = subprocess.Popen(
        [sys.executable, "-m", "coopact", "advance", REF], env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not _runs(api) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(state["pid"], signal.SIGKILL)  # the server and everything it started
    killed = time.monotonic()
    stdout, stderr = command.communicate(timeout=300)
    noticed = time.monotonic() - killed
    first = Result(command.returncode, stdout, stderr)
    one_paragraph(first, 3, "Prefect")  # killed as soon as its run exists: mid-run
    assert noticed < 30, f"noticed after {noticed:.0f} s"

    again = subprocess.run([sys.executable, "-m", "coopact", "advance", REF], env=env,
                           capture_output=True, text=True, timeout=300)  # fmt: skip
    assert "Traceback" not in again.stdout + again.stderr
    state = json.loads((home / "prefect" / "server.json").read_text())
    api = f"http://127.0.0.1:{state['port']}/api"
    assert [r for r in _runs(api) if r["state_type"] == "RUNNING"] == []  # none left Running
    documents = cli("documents", REF, "--json", check=True).stdout
    assert json.loads(documents).count
    notes = [(d["version"], d["language"]) for d in json.loads(documents)
             if d["kind"] == "vision_note"]  # fmt: skip
    assert notes and {v for v, _ in notes} == {1}, notes  # written, once
    assert len(notes) == len(set(notes)), notes
    subprocess.run([sys.executable, "-m", "coopact", "server", "stop"], env=env, check=False,
                   capture_output=True, timeout=60)  # fmt: skip
    print(f"first advance: exit {first.returncode}, {noticed:.1f} s after the kill")
