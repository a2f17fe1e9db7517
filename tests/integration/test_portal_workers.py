"""`coopact web --workers 2`: two uvicorn worker processes, one limit.

The failed sign-ins (and guessed links) are remembered in the database, so a client that
spreads its attempts over both workers is throttled as it would be by one. Each request is
sent on a new connection (the kernel hands connections to either worker), and the test
checks, from /proc/<pid>/io, that both workers did serve some of the refused attempts.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.portal_support import PASSWORD, csrf_of, set_up
from tests.ports import free_port

pytestmark = pytest.mark.slow
OFFICER = "claire.officer@example.org"


@dataclass
class Server:
    url: str
    workers: list[int]


def _workers(pid: int) -> list[int]:
    """The worker processes uvicorn spawned (not multiprocessing's resource tracker)."""
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [
        int(child)
        for child in children
        if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes()
    ]


@pytest.fixture
def server(tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Server]:
    if not Path("/proc/self/task").exists():
        pytest.skip("no /proc on this system")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    setup = set_up(tmp_path / "home", db_url, monkeypatch, url)
    setup.add_officer(OFFICER, "partnership_officer")
    setup.engine.dispose()
    env = {**os.environ, "COOPACT_DATABASE_URL": db_url, "PYTHONPATH": os.getcwd()}
    log = (tmp_path / "web.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "coopact", "web", "--port", str(port), "--workers", "2"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 90
        while (tmp_path / "web.log").read_bytes().count(b"Application startup complete") < 2:
            assert process.poll() is None, (tmp_path / "web.log").read_text()
            assert time.monotonic() < deadline, "the two workers did not start"
            time.sleep(0.2)
        workers = _workers(process.pid)
        assert len(workers) == 2, workers
        yield Server(url, workers)
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def _written(pid: int) -> int:
    fields = dict(line.split(": ") for line in Path(f"/proc/{pid}/io").read_text().splitlines())
    return int(fields["wchar"])


def _sign_in(url: str, email: str, password: str) -> httpx.Response:
    """A sign-in as a browser makes it, on connections of its own (any worker may answer)."""
    with httpx.Client(base_url=url, timeout=30) as browser:
        form = browser.get("/login")
        return browser.post(
            "/login",
            data={"email": email, "password": password, "csrf": csrf_of(form.text), "next": "/"},
        )


def test_two_workers_enforce_one_sign_in_limit(server: Server) -> None:
    served = {pid: 0 for pid in server.workers}
    for n in range(20):  # twenty addresses from one client: the client's limit (4 x 5)
        before = {pid: _written(pid) for pid in server.workers}
        refused = _sign_in(server.url, f"guess{n}@example.org", "wrong")
        assert refused.status_code == 401, refused.text
        for pid in server.workers:
            served[pid] += _written(pid) > before[pid]
    # both workers refused some of the twenty: neither counted twenty on its own
    assert all(served.values()), served
    for _ in range(6):  # whichever worker answers, the client is throttled now
        blocked = _sign_in(server.url, OFFICER, PASSWORD)  # even with the right password
        assert blocked.status_code == 429, blocked.text
        assert "Trop de tentatives" in blocked.text
        assert int(blocked.headers["retry-after"]) > 0


def test_two_workers_enforce_one_limit_on_guessed_links(server: Server) -> None:
    for n in range(20):
        with httpx.Client(base_url=server.url, timeout=30) as browser:
            assert browser.get(f"/d/guess{n}").status_code == 403
    for _ in range(4):
        with httpx.Client(base_url=server.url, timeout=30) as browser:
            assert browser.get("/d/another-guess").status_code == 429
