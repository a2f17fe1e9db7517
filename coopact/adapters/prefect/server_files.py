"""The local Prefect server's files and process: what ``COOPACT_HOME/prefect/server.json``
records (pid, port, status), the lock one command at a time holds to start or stop it, and
the checks on its process (alive, answering) used by :mod:`coopact.adapters.prefect.server`.

Imports neither Prefect nor httpx: ``coopact server status`` is fast.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coopact.adapters.config import Settings
from coopact.contracts.errors import EnvironmentProblem

STATE_FILE = "server.json"
LOG_FILE = "server.log"
LOCK_FILE = "server.lock"


@dataclass(frozen=True)
class ServerState:
    """What ``server.json`` records about the local server."""

    pid: int
    port: int
    started_at: str
    status: str  # "starting" | "running"

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api"

    @property
    def ui_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


# --------------------------------------------------------------------------- state on disk
def folder(config: Settings) -> Path:
    folder = config.prefect_home
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvironmentProblem(
            f"cannot create the Prefect folder {folder}: {exc.strerror}; "
            "check COOPACT_HOME and its permissions"
        ) from None
    return folder


def read_state(config: Settings) -> ServerState | None:
    path = config.prefect_home / STATE_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return ServerState(
            int(data["pid"]), int(data["port"]), str(data["started_at"]), str(data["status"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_state(config: Settings, state: ServerState) -> None:
    path = config.prefect_home / STATE_FILE
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(state.__dict__), encoding="utf-8")
    temporary.replace(path)


def forget(config: Settings) -> None:
    (config.prefect_home / STATE_FILE).unlink(missing_ok=True)


@contextlib.contextmanager
def locked(config: Settings) -> Iterator[None]:
    """One command at a time starts or stops the server of a home."""
    with (folder(config) / LOCK_FILE).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --------------------------------------------------------------------------- processes
def alive(pid: int) -> bool:
    """The process exists and is a Prefect server (a recycled pid is not ours)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():
        try:
            words = cmdline.read_bytes().split(b"\0")
        except OSError:
            return False
        if b"server" not in words or not any(b"prefect" in w for w in words):
            return False
        with contextlib.suppress(OSError):
            if Path(f"/proc/{pid}/stat").read_text().split(") ")[-1].startswith("Z"):
                return False  # a zombie: exited, not yet reaped
    return True


def healthy(state: ServerState, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{state.api_url}/health", timeout=timeout) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def kill(pid: int, grace: float = 20.0) -> None:
    """SIGTERM the server's process group, then SIGKILL after ``grace`` seconds."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return
        except PermissionError:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, sig)
        deadline = time.monotonic() + grace
        while time.monotonic() < deadline:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, os.WNOHANG)  # reap it when it is our child
            if not alive(pid):
                return
            time.sleep(0.1)


def server_env(config: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)
    env["PREFECT_HOME"] = str(config.prefect_home)
    env.setdefault("DO_NOT_TRACK", "1")
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    return env
