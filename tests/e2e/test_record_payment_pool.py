"""Receipts issued by the workers of a pool: prefect.yaml deployed on a `process` work pool
`coopact`, a worker started outside the project folder, coopact's database on PostgreSQL;
the record-payment deployment run with no personal data in its parameters records the
payment and issues the tax receipt on the worker, once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coopact.store.db import make_engine
from coopact.store.migrate import upgrade
from coopact.store.money_tables import TaxReceiptRow
from coopact.store.uow import UnitOfWork
from tests.e2e.test_work_pool import _prefect
from tests.money_support import REF, TREASURER, register_signed

pytestmark = [pytest.mark.e2e, pytest.mark.postgres]
ROOT = Path(__file__).resolve().parents[2]


def _receipts(url: str) -> int:
    engine = make_engine(url)
    with engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(TaxReceiptRow)).scalar_one()
    engine.dispose()
    return int(count)


def test_record_payment_on_a_process_pool_issues_the_receipt_on_the_worker(
    prefect_server: str, pg_url: str, tmp_path: Path
) -> None:
    engine = make_engine(pg_url)
    upgrade(engine)
    register_signed(UnitOfWork.for_engine(engine))
    engine.dispose()
    env = {
        **os.environ,
        "COOPACT_HOME": str(tmp_path),
        "COOPACT_DATABASE_URL": pg_url,
        "PREFECT_API_URL": prefect_server,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PYTHONPATH": str(ROOT),
        "PREFECT_WORKER_QUERY_SECONDS": "1",
        # the venv's commands on PATH, as a worker with coopact installed has them
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    pid = subprocess.run(
        [sys.executable, "-m", "coopact", "pseudonym", TREASURER],
        env=env, capture_output=True, text=True, check=True, cwd=tmp_path,
    ).stdout.strip()  # fmt: skip
    _prefect(env, "work-pool", "create", "coopact", "--type", "process", "--overwrite", cwd=ROOT)
    assert "record-payment" in _prefect(env, "deploy", "--all", cwd=ROOT)

    log = (tmp_path / "worker.log").open("wb")
    prefect = Path(sys.executable).with_name("prefect")
    worker = subprocess.Popen(
        [str(prefect), "worker", "start", "--pool", "coopact", "--limit", "2"],
        env=env, cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    parameters = {
        "reference": REF, "partner": "greenfleet", "amount": "30000", "paid_on": "2027-04-20",
        "bank_reference": "VIR-0001", "role": "treasurer", "recorded_by": pid,
    }  # fmt: skip
    try:
        from prefect.deployments import run_deployment
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings({PREFECT_API_URL: prefect_server}):
            run = run_deployment(
                "record-payment/record-payment", parameters=parameters, timeout=400,
                poll_interval=2,
            )  # fmt: skip
            again = run_deployment(
                "record-payment/record-payment", parameters=parameters, timeout=400,
                poll_interval=2,
            )  # fmt: skip
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.kill()
        log.close()
    worker_log = (tmp_path / "worker.log").read_text(errors="replace")[-3000:]
    assert run.state is not None and run.state.is_completed(), (run.state, worker_log)
    assert again.state is not None and again.state.name == "Refused", (again.state, worker_log)
    assert _receipts(pg_url) == 1
    assert sorted(run.parameters) == sorted(parameters)
    assert TREASURER not in str(run.parameters)
