"""The portal refuses an oversized body before reading it: a 500 MB anonymous POST to
/login is answered 413 with less than 1 MB written by the server process (measured from
/proc/<pid>/io: every byte it passed to write(), files and sockets alike)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from tests.portal_support import Setup, app_of, csrf_of, prepared, set_up
from tests.ports import free_port

MB = 1024 * 1024


@pytest.fixture
def server(
    tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[int, int]]:
    """`coopact web` in its own process: (its pid, its port)."""
    if not Path("/proc/self/io").exists():
        pytest.skip("no /proc/<pid>/io on this system")
    port = free_port()
    setup = set_up(tmp_path / "home", sqlite_url, monkeypatch, f"http://127.0.0.1:{port}")
    setup.engine.dispose()
    env = {**os.environ, "COOPACT_DATABASE_URL": sqlite_url, "PYTHONPATH": os.getcwd()}
    process = subprocess.Popen(
        [sys.executable, "-m", "coopact", "web", "--port", str(port)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None, "coopact web stopped"
            assert time.monotonic() < deadline, "coopact web did not start"
            time.sleep(0.1)
    yield process.pid, port
    process.terminate()
    process.wait(timeout=20)


def _written(pid: int) -> int:
    fields = dict(line.split(": ") for line in Path(f"/proc/{pid}/io").read_text().splitlines())
    return int(fields["wchar"])


def _post(port: int, head: str, body_chunks: Iterator[bytes]) -> bytes:
    """Send a request's head, then its body while the server takes it; the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(head.encode())
        try:
            for chunk in body_chunks:
                connection.sendall(chunk)
        except OSError:
            pass  # the server answered and closed: what the test expects
        connection.settimeout(10)
        answer = b""
        try:
            while b"\r\n\r\n" not in answer:
                data = connection.recv(65536)
                if not data:
                    break
                answer += data
        except OSError:
            pass
        return answer


def _chunks(total: int, size: int = MB) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield b"x" * size
        sent += size


def test_a_500_mb_anonymous_post_to_login_is_refused_before_it_is_read(
    server: tuple[int, int],
) -> None:
    pid, port = server
    before = _written(pid)
    head = (
        "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: multipart/form-data; boundary=xyz\r\n"
        f"Content-Length: {500 * MB}\r\n\r\n"
    )
    answer = _post(port, head, _chunks(500 * MB))
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    time.sleep(0.5)
    assert _written(pid) - before < MB


def test_a_chunked_body_without_length_is_cut_at_the_limit(server: tuple[int, int]) -> None:
    pid, port = server
    before = _written(pid)
    head = (
        "POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        "Content-Type: multipart/form-data; boundary=xyz\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    )
    piece = 64 * 1024
    chunks = (f"{piece:x}\r\n".encode() + b"x" * piece + b"\r\n" for _ in range(8000))
    answer = _post(port, head, chunks)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    time.sleep(0.5)
    assert _written(pid) - before < MB


@pytest.fixture
def setup(request: pytest.FixtureRequest) -> Setup:
    return prepared(request, "sqlite", [("charge@tremplin.example", "partnership_officer")])


def test_forms_are_limited_to_a_few_kb_and_evidence_to_its_own_limit(setup: Setup) -> None:
    client = TestClient(app_of(setup), raise_server_exceptions=False)
    page = client.get("/login")
    big = client.post(
        "/login", data={"csrf": csrf_of(page.text), "email": "x" * (40 * 1024), "password": "p"}
    )
    assert big.status_code == 413 and big.headers["cache-control"] == "no-store"
    upload = client.post(
        f"/p/{setup.reference}/on-behalf",
        data={"csrf": csrf_of(page.text), "person": "Claire Martin|tremplin"},
        files={"evidence": ("mail.eml", b"x" * (11 * MB), "message/rfc822")},
    )
    assert upload.status_code == 413
    within = client.post(
        f"/p/{setup.reference}/on-behalf",
        data={"csrf": csrf_of(page.text), "person": "Claire Martin|tremplin"},
        files={"evidence": ("mail.eml", b"x" * (2 * MB), "message/rfc822")},
    )
    assert within.status_code == 401  # read, then refused for want of a session
