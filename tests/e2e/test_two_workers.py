"""Two workers, one killed mid-run: a real `prefect server start` on PostgreSQL, the
`process` work pool `coopact`, two `prefect worker` processes on 127.0.0.1, coopact's own
database on PostgreSQL, 200 due reviews. Each report is written exactly once, none lost: the
run of the killed worker is ended as Crashed once stale and its unwritten references are
submitted again.

About two minutes (a lost run is noticed after ``stale_after``, 60 s here): `make test-e2e`,
which CI runs; `make test` leaves it out (marker ``fleet``)."""

from __future__ import annotations

import collections
import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from coopact.store.tables import DocumentRow, PartnershipRow
from tests.conftest import PG_URL, running_prefect_server
from tests.ports import free_port

pytestmark = [pytest.mark.e2e, pytest.mark.postgres, pytest.mark.fleet]
ROOT = Path(__file__).resolve().parents[2]
N = 200
PREFECT = Path(sys.executable).with_name("prefect")


@pytest.fixture
def prefect_on_postgres(tmp_path: Path, pg_url: str) -> Iterator[str]:
    admin = create_engine(
        make_url(PG_URL).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    name = f"prefect_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    port = free_port()
    database = make_url(PG_URL).set(drivername="postgresql+asyncpg", database=name)
    env = {
        **os.environ,
        "PREFECT_HOME": str(tmp_path / "server"),
        "PREFECT_API_DATABASE_CONNECTION_URL": database.render_as_string(hide_password=False),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED": "false",
    }
    with running_prefect_server(env, port, tmp_path / "server.log", wait=180) as api:
        yield api
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _children(pid: int) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                stat = (proc / "stat").read_text().split(") ")[-1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(proc.name))
    return found


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        for child in _children(todo.pop()):
            found.append(child)
            todo.append(child)
    return found


def _lose(worker: subprocess.Popen) -> None:  # type: ignore[type-arg]
    """The machine of ``worker`` is lost: the worker and every process it started (Prefect
    starts each run in a session of its own) are killed at once."""
    victims = _descendants(worker.pid)
    os.killpg(worker.pid, signal.SIGKILL)
    for pid in victims:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _runs_of(worker: int) -> set[str]:
    """The flow run ids a worker's child processes are running."""
    runs = set()
    for child in _children(worker):
        try:
            environ = (Path("/proc") / str(child) / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        for entry in environ:
            if entry.startswith(b"PREFECT__FLOW_RUN_ID="):
                runs.add(entry.split(b"=", 1)[1].decode())
    return runs


def test_two_workers_write_200_reports_once_even_when_one_is_killed(
    prefect_on_postgres: str, pg_url: str, tmp_path: Path
) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _populate import populate

    day = populate(pg_url, N)
    api = prefect_on_postgres
    env = {
        **os.environ,
        "COOPACT_HOME": str(tmp_path),
        "COOPACT_DATABASE_URL": pg_url,
        "PREFECT_API_URL": api,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "PYTHONPATH": str(ROOT),
        "PREFECT_WORKER_QUERY_SECONDS": "1",
        # the venv's commands on PATH, as a worker with coopact installed has them
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    for args in (
        ["work-pool", "create", "coopact", "--type", "process", "--overwrite"],
        ["deploy", "--all"],
    ):
        done = subprocess.run(
            [str(PREFECT), "--no-prompt", *args], env=env, cwd=ROOT,
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr
    workers = [
        subprocess.Popen(
            [
                str(PREFECT),
                "worker",
                "start",
                "--pool",
                "coopact",
                "--limit",
                "2",
                "--name",
                f"worker-{i}",
            ],
            env=env,
            cwd=tmp_path,
            stdout=(tmp_path / f"worker-{i}.log").open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        for i in range(2)
    ]
    killed = False
    try:
        from prefect.deployments import run_deployment
        from prefect.settings import PREFECT_API_URL, temporary_settings

        with temporary_settings({PREFECT_API_URL: api}):
            parent = run_deployment(
                "review-due/review-due",
                parameters={"today": day.isoformat(), "chunk": 25, "stale_after": 60},
                timeout=0,
            )
            deadline = time.monotonic() + 420
            while time.monotonic() < deadline:
                if not killed:
                    # Kill, mid-run, a worker running reports but not review-due itself.
                    for worker in workers:
                        runs = _runs_of(worker.pid)
                        if runs and str(parent.id) not in runs:
                            time.sleep(2)
                            if str(parent.id) not in _runs_of(worker.pid):
                                _lose(worker)
                                killed = True
                                break
                state = httpx.get(f"{api}/flow_runs/{parent.id}").json()["state"]
                if state and state["type"] in {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}:
                    break
                time.sleep(1)
        reports = httpx.post(
            f"{api}/flow_runs/filter",
            json={"deployments": {"name": {"any_": ["review-report"]}}},
        ).json()
        seen = sorted((r["name"], r["state_name"]) for r in reports)
        assert state["type"] == "COMPLETED", (state, killed, seen)
        assert killed, "no worker was seen running reports: nothing was killed"
        states = collections.Counter(name for _, name in seen)
        assert states["Crashed"] >= 1, states  # the lost worker's run, submitted again
    finally:
        for worker in workers:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGTERM)
                try:
                    worker.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(worker.pid, signal.SIGKILL)

    engine = create_engine(make_url(pg_url).set(drivername="postgresql+psycopg"))
    with engine.connect() as conn:
        counts = conn.execute(
            select(PartnershipRow.reference, func.count(DocumentRow.id))
            .outerjoin(
                DocumentRow,
                (DocumentRow.partnership_id == PartnershipRow.id)
                & (DocumentRow.kind == "review_report"),
            )
            .group_by(PartnershipRow.reference)
        ).all()
    engine.dispose()
    assert len(counts) == N
    assert {count for _, count in counts} == {1}, "each report exactly once, none lost"
    artifacts = httpx.post(
        f"{api}/artifacts/filter", json={"artifacts": {"key": {"any_": ["review-due"]}}}
    ).json()
    assert any(f"review reports written: **{N}**" in a["data"] for a in artifacts)
