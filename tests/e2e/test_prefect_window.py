"""Prefect as the officers' window, checked through the server's API: a decision taken at
the command line is a run named for its gate, with INFO log lines and a markdown report
naming references, documents and findings, never people; a refusal has a state of its own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import EXAMPLE

pytestmark = pytest.mark.e2e

PEOPLE = ("Claire Martin", "Marc Lefèvre", "claire.martin", "Vision partagée validée")


def _env(home: Path, api: str) -> dict[str, str]:
    return {
        **os.environ,
        "COOPACT_HOME": str(home),
        "COOPACT_DATABASE_URL": f"sqlite:///{home / 'coopact.db'}",
        "PREFECT_API_URL": api,
        "PREFECT_HOME": str(home / "prefect"),
        "COLUMNS": "200",
    }


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coopact", *args],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def _ok(env: dict[str, str], *args: str) -> str:
    done = _run(env, *args)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr  # the value on stdout, what the command says on stderr


def _runs_named(api: str, name: str) -> list[dict]:
    """Runs of that name, oldest first (the server is shared by the session's tests)."""
    runs = httpx.post(
        f"{api}/flow_runs/filter", json={"flow_runs": {"name": {"any_": [name]}}}
    ).json()
    return sorted(runs, key=lambda r: r["created"])


def test_a_cli_decision_is_a_run_named_for_its_gate_with_its_report(
    prefect_server: str, tmp_path: Path
) -> None:
    env = _env(tmp_path, prefect_server)
    reference = "P-2027-001"
    _ok(env, "init")
    _ok(env, "new", str(EXAMPLE))
    _ok(env, "advance", reference)
    assert _runs_named(prefect_server, f"advance {reference} (draft)")
    out = _ok(
        env, "decide", reference, "vision_approval", "--as", "Claire Martin",
        "--role", "sponsor", "--for", "tremplin", "--outcome", "approve",
        "--reason", "Vision partagée validée",
    )  # fmt: skip
    assert "still awaited at vision_approval: logistix" in out

    run = _runs_named(prefect_server, f"decide {reference} vision_approval")[-1]
    assert run["state_type"] == "COMPLETED"
    assert run["parameters"]["reference"] == reference
    assert "name" not in run["parameters"] and "reason" not in run["parameters"]

    artifacts = httpx.post(
        f"{prefect_server}/artifacts/filter",
        json={"artifacts": {"flow_run_id": {"any_": [run["id"]]}}},
    ).json()
    markdown = [a for a in artifacts if a["type"] == "markdown"]
    assert len(markdown) == 1
    report = markdown[0]["data"]
    assert markdown[0]["key"] == "decide-p-2027-001"
    assert report.startswith(f"# decide {reference} vision_approval")
    assert "decision at vision_approval: approve (role sponsor for tremplin)" in report
    assert "| warning | `due_diligence.esus_expires_during_term` |" in report
    status = json.loads(_ok(env, "status", reference, "--json"))
    vision = next(d for d in status["documents"] if d["kind"] == "vision_note")
    assert f"| vision_note | v1 | fr | `{vision['sha256']}` |" in report
    assert "`vision_approval`" in report and "role `sponsor` for logistix" in report

    logs = httpx.post(
        f"{prefect_server}/logs/filter", json={"logs": {"flow_run_id": {"any_": [run["id"]]}}}
    ).json()
    messages = [entry["message"] for entry in logs if entry["level"] == 20]
    assert (
        f"{reference}: decision at vision_approval: approve (role sponsor for tremplin)" in messages
    )
    assert any("due_diligence.esus_expires_during_term" in m for m in messages)
    assert any(f"document vision_note v1 (fr) sha256 {vision['sha256']}" in m for m in messages)
    for text in [report, json.dumps(run), *messages]:
        assert not any(person in text for person in PEOPLE), text


def test_a_refused_decision_is_a_completed_refused_run_without_personal_data(
    prefect_server: str, tmp_path: Path
) -> None:
    env = _env(tmp_path, prefect_server)
    _ok(env, "init")
    _ok(env, "new", str(EXAMPLE))
    done = _run(
        env, "decide", "P-2027-001", "legal_approval", "--as", "Claire Martin",
        "--role", "legal_officer", "--outcome", "approve", "--reason", "Vision partagée validée",
    )  # fmt: skip
    assert done.returncode == 1
    assert "Refused:" in done.stderr and "Traceback" not in done.stderr
    runs = _runs_named(prefect_server, "decide P-2027-001 legal_approval")
    refused = [r for r in runs if r["state_name"] == "Refused"]
    assert refused and refused[-1]["state_type"] == "COMPLETED"
    state = httpx.get(f"{prefect_server}/flow_runs/{refused[-1]['id']}").json()["state"]
    assert "coopact history P-2027-001" in state["message"]
    assert not any(person in state["message"] for person in PEOPLE)


def test_runs_of_a_killed_command_end_as_crashed(prefect_server: str, tmp_path: Path) -> None:
    from prefect import flow
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL, temporary_settings
    from prefect.states import Running

    from coopact.adapters.config import settings
    from coopact.adapters.prefect import run_markers

    @flow(name="advance-partnership")
    def advance_partnership() -> None:  # the shape of the run; never executed here
        pass

    config = settings({"COOPACT_HOME": str(tmp_path)})
    with temporary_settings({PREFECT_API_URL: prefect_server}):
        with get_client(sync_client=True) as client:
            run = client.create_flow_run(
                advance_partnership, name="advance P-2027-009 (draft)", state=Running()
            )
        gone = subprocess.Popen([sys.executable, "-c", "pass"])
        gone.wait()
        marker = run_markers.mark_run(str(run.id), config)
        marker.write_text(str(gone.pid), encoding="utf-8")  # its process was killed
        assert run_markers.crash_orphaned_runs(config) == 1
        with get_client(sync_client=True) as client:
            state = client.read_flow_run(run.id).state
    assert state is not None and state.type.value == "CRASHED"
    assert not marker.exists()
