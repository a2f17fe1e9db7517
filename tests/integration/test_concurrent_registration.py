"""Simultaneous registrations of files without a reference all register, each with its own
reference: on PostgreSQL the allocation is serialised by an advisory lock (issue 14)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from coopact import services
from coopact.adapters.loading import load_text
from coopact.store.db import make_engine
from coopact.store.tables import PartnershipRow
from coopact.store.uow import UnitOfWork

ROOT = Path(__file__).resolve().parents[2]
N = 6


def _file_text(example_data: dict[str, Any], index: int) -> str:
    data = {**example_data, "title": f"{example_data['title']} — antenne {index}"}
    data.pop("reference", None)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _registered(url: str) -> list[str]:
    engine = make_engine(url)
    with engine.connect() as conn:
        refs = conn.scalars(select(PartnershipRow.reference).order_by(PartnershipRow.reference))
        found = list(refs)
    engine.dispose()
    return found


def test_six_simultaneous_coopact_new_on_postgresql_register_six(
    pg_url: str, tmp_path: Path, example_data: dict[str, Any]
) -> None:
    files = []
    for i in range(N):
        path = tmp_path / f"p{i}.yaml"
        path.write_text(_file_text(example_data, i), encoding="utf-8")
        files.append(path)
    env = {**os.environ, "COOPACT_HOME": str(tmp_path / "home"), "COOPACT_DATABASE_URL": pg_url}
    running = [
        subprocess.Popen(
            [sys.executable, "-m", "coopact", "new", str(path)],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in files
    ]
    outputs = [process.communicate(timeout=300) for process in running]
    codes = [process.returncode for process in running]
    assert codes == [0] * N, outputs
    assert _registered(pg_url) == [f"P-2027-{i:03d}" for i in range(1, N + 1)]


def test_six_threads_registering_at_once_on_postgresql_register_six(
    pg_url: str, example_data: dict[str, Any]
) -> None:
    engine = make_engine(pg_url)
    barrier = threading.Barrier(N)

    def register(index: int) -> str:
        partnership = load_text(_file_text(example_data, index))
        barrier.wait(timeout=60)
        return services.register(UnitOfWork.for_engine(engine), partnership, actor="t").reference

    with ThreadPoolExecutor(N) as pool:
        references = sorted(pool.map(register, range(N)))
    engine.dispose()
    assert references == [f"P-2027-{i:03d}" for i in range(1, N + 1)]
    assert _registered(pg_url) == references


def test_the_same_file_six_times_at_once_registers_once(
    pg_url: str, example_data: dict[str, Any]
) -> None:
    engine = make_engine(pg_url)
    barrier = threading.Barrier(N)
    text = _file_text(example_data, 0)

    def register(_: int) -> tuple[str, bool]:
        partnership = load_text(text)
        barrier.wait(timeout=60)
        done = services.register(UnitOfWork.for_engine(engine), partnership, actor="t")
        return done.reference, done.created

    with ThreadPoolExecutor(N) as pool:
        results = list(pool.map(register, range(N)))
    engine.dispose()
    assert {reference for reference, _ in results} == {"P-2027-001"}
    assert sum(created for _, created in results) == 1
