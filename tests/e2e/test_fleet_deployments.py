"""Issue 27: deployments any worker runs, and refusals as outcomes.

prefect.yaml has an explicit pull step and names no folder of the deploying machine; the
flows are loaded by module path from the installed package (the worker runs in a folder of
its own); the Run form describes each parameter. A refused `decide` run ends Completed,
named "Refused", with its reason in the artifact and an INFO line, and the worker's output
holds no traceback. `advance-all` advances, in one run, the partnerships with work to do.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml

from tests.conftest import EXAMPLE

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = ("Paul Durand", "téléphone", "paul.perso")


def test_prefect_yaml_has_a_pull_step_and_no_absolute_path() -> None:
    text = (ROOT / "prefect.yaml").read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    assert config["pull"], "an explicit pull step"
    assert not re.search(r"(^|[\s:\"'])(/|[A-Za-z]:\\)[\w.-]", text.split("\nname:", 1)[1])
    assert str(ROOT) not in text
    for deployment in config["deployments"]:
        module, _, function = deployment["entrypoint"].partition(":")
        assert "/" not in module and not module.endswith(".py"), deployment["name"]
        assert function, deployment["name"]
    assert "advance-all" in {d["name"] for d in config["deployments"]}


def _prefect(env: dict[str, str], *args: str, cwd: Path) -> str:
    prefect = Path(sys.executable).with_name("prefect")
    done = subprocess.run(
        [str(prefect), "--no-prompt", *args], env=env, cwd=cwd,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _coopact(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "coopact", *args], env=env, capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _run(api: str, name: str, parameters: dict[str, object]):  # type: ignore[no-untyped-def]
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api}):
        return run_deployment(name, parameters=parameters, timeout=300, poll_interval=1)


def _logs(api: str, run_id: object, until: str = "Finished in state") -> list[dict[str, object]]:
    """The run's log lines, once the line ``until`` arrived (logs are sent in batches)."""
    deadline = time.monotonic() + 90  # a busy machine sends them late
    while True:
        found = httpx.post(
            f"{api}/logs/filter", json={"logs": {"flow_run_id": {"any_": [str(run_id)]}}}
        ).json()
        if any(until in str(line["message"]) for line in found) or time.monotonic() > deadline:
            return list(found)
        time.sleep(0.5)


@pytest.mark.e2e
def test_a_worker_elsewhere_runs_the_deployments_and_a_refusal_is_an_outcome(
    prefect_server: str, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    env = {
        **os.environ,
        "COOPACT_HOME": str(home),
        "COOPACT_DATABASE_URL": f"sqlite:///{home / 'coopact.db'}",
        "PREFECT_API_URL": prefect_server,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PYTHONPATH": str(ROOT),  # this checkout, as `pip install` would provide it
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PREFECT_WORKER_QUERY_SECONDS": "1",
        "COLUMNS": "200",
    }
    _coopact(env, "init")
    _coopact(env, "new", str(EXAMPLE))
    _prefect(env, "work-pool", "create", "coopact", "--type", "process", "--overwrite", cwd=ROOT)
    _prefect(env, "deploy", "--all", cwd=ROOT)
    decide = httpx.get(f"{prefect_server}/deployments/name/decide/decide").json()
    assert decide["entrypoint"] == "flows.lifecycle:decide"
    assert decide["path"] in (None, "", "."), decide["path"]
    assert str(ROOT) not in str(decide["pull_steps"])
    form = decide["parameter_openapi_schema"]["properties"]["request_id"]
    assert "coopact request-decision" in form["description"]

    worker_home = tmp_path / "worker"  # a folder of its own: no checkout to shadow the package
    worker_home.mkdir()
    log_path = tmp_path / "worker.log"
    prefect = Path(sys.executable).with_name("prefect")
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            [str(prefect), "worker", "start", "--pool", "coopact", "--limit", "2"],
            env=env, cwd=worker_home, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            refused_id = _coopact(  # the signature gate is not open: refused when applied
                env, "request-decision", "P-2027-001", "signature", "--as", "Paul Durand",
                "--role", "signatory", "--for", "tremplin", "--outcome", "sign",
                "--reason", "Signé sur mon téléphone, écrire à paul.perso@example.net",
            ).split()[-1]  # fmt: skip
            refused = _run(prefect_server, "decide/decide", {"request_id": int(refused_id)})
            advanced = _run(prefect_server, "advance-all/advance-all", {})
            # Their last log lines are sent as their processes end: read them before the
            # worker stops (it stops its runs' processes with it).
            refused_logs = _logs(prefect_server, refused.id, until="refused:")
            advanced_logs = _logs(prefect_server, advanced.id, until="P-2027-001: draft -> draft")
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
    output = log_path.read_text(errors="replace")
    assert refused.state is not None, output[-3000:]
    assert (refused.state.type.value, refused.state.name) == ("COMPLETED", "Refused"), (
        refused.state,
        output[-3000:],
    )
    assert "audit trail" in (refused.state.message or "")
    artifacts = httpx.post(
        f"{prefect_server}/artifacts/filter",
        json={"artifacts": {"flow_run_id": {"any_": [str(refused.id)]}}},
    ).json()
    assert any("# Refused" in str(a["data"]) for a in artifacts), artifacts
    logs = refused_logs
    assert any(str(line["message"]).startswith("refused:") and line["level"] == 20 for line in logs)
    assert not any(int(str(line["level"])) >= 40 for line in logs), logs
    assert "Traceback" not in output, output[-3000:]
    assert "coopact " in output  # the pull step named the installed version
    seen = str(logs) + str(artifacts) + str(refused.state.message)
    assert not any(person in seen for person in PEOPLE)

    assert advanced.state is not None and advanced.state.is_completed(), output[-3000:]
    lines = [str(line["message"]) for line in advanced_logs]
    assert any(line.startswith("P-2027-001: draft -> draft, ") for line in lines), "\n".join(lines)
    assert any("vision_approval opened" in line for line in lines), "coopact.* reach the UI"
    status = _coopact(env, "status", "P-2027-001", "--json")
    assert '"vision_note"' in status
