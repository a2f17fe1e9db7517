"""The fleet path: prefect.yaml deployed on a `process` work pool `coopact`, a worker started
outside the project folder (module-path entrypoints), coopact's database on PostgreSQL;
review-due opens the reviews then submits the reports to the pool, each written once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.e2e.test_review_fan_out import DAY, REFERENCES, _active_partnerships, _reports

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]
ROOT = Path(__file__).resolve().parents[2]


def _prefect(env: dict[str, str], *args: str, cwd: Path) -> str:
    prefect = Path(sys.executable).with_name("prefect")
    done = subprocess.run(
        [str(prefect), "--no-prompt", *args], env=env, cwd=cwd,
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_review_due_on_a_process_pool_writes_each_report_once(
    prefect_server: str, pg_url: str, tmp_path: Path
) -> None:
    _active_partnerships(pg_url)
    env = {
        **os.environ,
        "COOPACT_HOME": str(tmp_path),
        "COOPACT_DATABASE_URL": pg_url,
        "PREFECT_API_URL": prefect_server,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PYTHONPATH": str(ROOT),  # this checkout, as `pip install` would provide it
        # the `coopact` command, as on a worker with coopact installed
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PREFECT_WORKER_QUERY_SECONDS": "1",
    }
    _prefect(env, "work-pool", "create", "coopact", "--type", "process", "--overwrite", cwd=ROOT)
    deployed = _prefect(env, "deploy", "--all", cwd=ROOT)
    assert "review-report" in deployed
    review_due = httpx.get(f"{prefect_server}/deployments/name/review-due/review-due").json()
    assert review_due["work_pool_name"] == "coopact"
    assert review_due["entrypoint"] == "coopact.flows.reviews:review_due"
    schedule = review_due["schedules"][0]["schedule"]
    assert (schedule["cron"], schedule["timezone"]) == ("0 6 * * *", "Europe/Paris")

    log = (tmp_path / "worker.log").open("wb")
    prefect = Path(sys.executable).with_name("prefect")
    worker = subprocess.Popen(
        [str(prefect), "worker", "start", "--pool", "coopact", "--limit", "4"],
        env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        from prefect.deployments import run_deployment
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings({PREFECT_API_URL: prefect_server}):
            run = run_deployment(
                "review-due/review-due",
                parameters={"today": DAY.isoformat(), "chunk": 2},
                timeout=400,
                poll_interval=2,
            )
        assert run.state is not None and run.state.is_completed(), (
            run.state,
            (tmp_path / "worker.log").read_text(errors="replace")[-3000:],
        )
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()
    assert _reports(pg_url) == dict.fromkeys(REFERENCES, 1)
    reports = httpx.post(
        f"{prefect_server}/flow_runs/filter",
        json={"flow_runs": {"name": {"like_": "review-report P-2027-00"}}},
    ).json()
    assert sorted(r["name"] for r in reports) == [
        f"review-report P-2027-001 +1 {DAY.isoformat()}",
        f"review-report P-2027-003 {DAY.isoformat()}",
    ]
    assert all(r["state_type"] == "COMPLETED" for r in reports)
