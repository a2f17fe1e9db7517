"""The fault suite's ground: a partnership at its vision gate, written by the real use
cases, and the checks every fault ends with (the documented exit code, one paragraph on
stderr, no traceback)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import socket
import threading
from pathlib import Path

from sqlalchemy import func, select

from coopact import services
from coopact.adapters.config import settings
from coopact.adapters.documents import pdf
from coopact.adapters.loading import load_text
from coopact.entrypoints.cli.demo import demo_file
from coopact.store.db import make_engine
from coopact.store.tables import DecisionRow
from coopact.store.uow import UnitOfWork
from tests.integration.conftest import Result, cli, cli_process  # noqa: F401 (fixtures)

REF = "P-2027-001"
VOTE = (
    "decide", REF, "vision_approval", "--as", "Claire Martin", "--role", "sponsor",
    "--for", "tremplin", "--outcome", "approve", "--reason", "Vision validée",
)  # fmt: skip


def at_vision_gate(url: str) -> None:
    """Registered, its vision note written: the vision gate open (no PDF: not under test)."""
    available = pdf.available
    pdf.available = lambda: False  # type: ignore[assignment]
    try:
        uow = UnitOfWork.for_url(url)
        services.register(uow, load_text(demo_file()), actor="officer")
        services.advance(uow, REF, templates=settings().templates, today=dt.date(2026, 12, 1))
    finally:
        pdf.available = available  # type: ignore[assignment]


def decisions(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(DecisionRow)).scalar_one())
    finally:
        engine.dispose()


def one_paragraph(result: Result, code: int, *words: str) -> None:
    """The documented exit code, one paragraph on stderr naming ``words``, no traceback."""
    assert result.returncode == code, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    text = result.stderr.strip()
    assert text and "\n\n" not in text, text
    assert f"(exit {code}:" in text, text
    for word in words:
        assert word in text, text


class Proxy:
    """A TCP proxy to a server that a test can cut (every connection reset, new ones
    refused) and restore on the same port: a database server stopped and restarted."""

    def __init__(self, target_port: int) -> None:
        self.target = target_port
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = int(probe.getsockname()[1])
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self.restore()

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.1)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        with self._lock:
            for sock in self._sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._sockets.clear()

    def restore_after(self, seconds: float) -> threading.Timer:
        timer = threading.Timer(seconds, self.restore)
        timer.start()
        return timer

    def url(self, url: str) -> str:
        return url.replace("127.0.0.1:5432", f"127.0.0.1:{self.port}")

    def _accept(self, listener: socket.socket) -> None:
        while self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                server = socket.create_connection(("127.0.0.1", self.target))
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=_pump, args=(a, b), daemon=True).start()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


def fill(folder: Path) -> Path:
    """Fill the file system holding ``folder`` to the last byte; the filler's path."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (1 << 20, 4096, 1):
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                continue
    finally:
        os.close(fd)
    return filler
