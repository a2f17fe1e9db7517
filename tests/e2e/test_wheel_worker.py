"""Issue 27: a deployment made from one clone runs on a worker whose machine has only the
installed wheel.

The wheel is built from the checkout and installed into a fresh virtualenv (borrowing the
dependencies of this one, no download; no checkout on its path); `prefect worker` starts
from that virtualenv in a folder of its own, with nothing of the clone on its PYTHONPATH
or PATH. The deployments are made from the clone (`prefect deploy --all`, prefect.yaml's
pull step only names the installed coopact's version); `advance-all` runs on that worker
and ends Completed, having advanced the partnership."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.conftest import EXAMPLE
from tests.e2e.test_fleet_deployments import _logs, _prefect, _run
from tests.wheel_support import build_wheel, venv_with

pytestmark = [pytest.mark.e2e, pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[2]


def _wheel_only_venv(tmp_path: Path) -> Path:
    """A virtualenv with coopact from the wheel only; its ``bin`` folder."""
    return venv_with(build_wheel(tmp_path), tmp_path / "venv")


def test_a_worker_with_only_the_wheel_runs_a_deployment_made_from_the_clone(
    prefect_server: str, tmp_path: Path
) -> None:
    bin_ = _wheel_only_venv(tmp_path)
    machine = tmp_path / "worker"  # the worker's machine: no checkout, no PYTHONPATH
    machine.mkdir()
    home = tmp_path / "home"
    base = {k: v for k, v in os.environ.items() if not k.startswith(("COOPACT_", "PREFECT_"))}
    base.pop("PYTHONPATH", None)
    worker_env = {
        **base,
        "COOPACT_HOME": str(home),
        "COOPACT_DATABASE_URL": f"sqlite:///{home / 'coopact.db'}",
        "PREFECT_API_URL": prefect_server,
        "PREFECT_HOME": str(tmp_path / "prefect-worker"),
        "PREFECT_WORKER_QUERY_SECONDS": "1",
        "PATH": f"{bin_}{os.pathsep}/usr/bin{os.pathsep}/bin",
        "COLUMNS": "200",
    }
    where = subprocess.run(
        [str(bin_ / "python"), "-c", "import coopact; print(coopact.__file__)"],
        env=worker_env, cwd=machine, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert str(bin_.parent) in where and str(ROOT) not in where, where
    for args in (("init",), ("new", str(EXAMPLE))):  # the database, made with the wheel
        done = subprocess.run(
            [str(bin_ / "coopact"), *args], env=worker_env, cwd=machine,
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr

    clone_env = {  # the deploying machine: the clone, this virtualenv's prefect
        **os.environ,
        "PREFECT_API_URL": prefect_server,
        "PREFECT_HOME": str(tmp_path / "prefect-clone"),
    }
    _prefect(clone_env, "work-pool", "create", "coopact", "--type", "process", "--overwrite",
             cwd=ROOT)  # fmt: skip
    _prefect(clone_env, "deploy", "--all", cwd=ROOT)
    deployment = httpx.get(f"{prefect_server}/deployments/name/advance-all/advance-all").json()
    assert str(ROOT) not in str(deployment)

    log_path = tmp_path / "worker.log"
    with log_path.open("wb") as log:
        worker = subprocess.Popen(
            [str(bin_ / "python"), "-m", "prefect", "worker", "start", "--pool", "coopact",
             "--limit", "1"],
            env=worker_env, cwd=machine, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            run = _run(prefect_server, "advance-all/advance-all", {})
            logs = _logs(prefect_server, run.id, until="P-2027-001: draft -> draft")
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
    output = log_path.read_text(errors="replace")
    assert run.state is not None and run.state.is_completed(), (run.state, output[-3000:])
    assert "Traceback" not in output, output[-3000:]
    assert "coopact " in output  # the pull step named the installed version
    lines = [str(line["message"]) for line in logs]
    assert any(line.startswith("P-2027-001: draft -> draft, ") for line in lines), lines
    status = subprocess.run(
        [str(bin_ / "coopact"), "status", "P-2027-001", "--json"], env=worker_env,
        cwd=machine, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert '"vision_note"' in status
