"""One local Prefect server per COOPACT_HOME, started on first need and reused.

When ``PREFECT_API_URL`` is set, coopact uses that server and starts nothing. Otherwise the
first command that needs Prefect starts ``prefect server start`` as a detached process (its
own session, so that it outlives the command), records its pid and port in
``COOPACT_HOME/prefect/server.json``, and waits for ``/api/health`` up to
``COOPACT_PREFECT_STARTUP_TIMEOUT`` seconds (default 180, fit for a slow machine). Later
commands find it there and reuse it; ``coopact server stop`` stops it and
``coopact server status`` shows it.

A server that does not come up in time, or whose start is interrupted (Ctrl+C, SIGTERM), is
killed and forgotten: no half-started server is left behind. A command killed with SIGKILL
while the server starts leaves a recorded server, which the next command waits for or
cleans.

Flow runs of a command that was killed stay "Running" in Prefect; each flow run started by
coopact leaves a marker (``prefect/runs/<flow-run-id>``, holding its pid) that is removed
when it ends; :func:`crash_orphaned_runs` marks the runs whose process is gone as Crashed,
and coopact calls it each time it connects to the local server.

This module imports neither Prefect nor httpx at module level: ``coopact server status`` is
fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from contracts.errors import EnvironmentProblem
from coopact.config import Settings, settings

DEFAULT_STARTUP_TIMEOUT = 180.0
STATE_FILE = "server.json"
LOG_FILE = "server.log"
LOCK_FILE = "server.lock"
RUNS_DIR = "runs"

# The homes whose server this process started (tests stop them at the end of a session).
STARTED: list[Settings] = []


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


@dataclass(frozen=True)
class ServerReport:
    """What ``coopact server status`` prints."""

    external_url: str | None  # PREFECT_API_URL, when set
    state: ServerState | None  # the local server, when one is recorded
    alive: bool
    healthy: bool


def startup_timeout(environ: dict[str, str] | None = None) -> float:
    env = os.environ if environ is None else environ
    raw = env.get("COOPACT_PREFECT_STARTUP_TIMEOUT")
    if not raw:
        return DEFAULT_STARTUP_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        raise EnvironmentProblem(
            f"COOPACT_PREFECT_STARTUP_TIMEOUT is {raw!r}: give a number of seconds, such as 180"
        ) from None
    if value <= 0:
        raise EnvironmentProblem("COOPACT_PREFECT_STARTUP_TIMEOUT must be a positive number")
    return value


# --------------------------------------------------------------------------- state on disk
def _folder(config: Settings) -> Path:
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


def _write_state(config: Settings, state: ServerState) -> None:
    path = config.prefect_home / STATE_FILE
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(state.__dict__), encoding="utf-8")
    temporary.replace(path)


def _forget(config: Settings) -> None:
    (config.prefect_home / STATE_FILE).unlink(missing_ok=True)


@contextlib.contextmanager
def _locked(config: Settings) -> Iterator[None]:
    """One command at a time starts or stops the server of a home."""
    with (_folder(config) / LOCK_FILE).open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --------------------------------------------------------------------------- processes
def _alive(pid: int) -> bool:
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


def _healthy(state: ServerState, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{state.api_url}/health", timeout=timeout) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError, ValueError):
        return False


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _kill(pid: int, grace: float = 20.0) -> None:
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
            if not _alive(pid):
                return
            time.sleep(0.1)


def _server_env(config: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PREFECT_API_URL", None)
    env["PREFECT_HOME"] = str(config.prefect_home)
    env.setdefault("DO_NOT_TRACK", "1")
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    return env


class _Interrupted(BaseException):
    pass


def _raise_interrupted(signum: int, frame: object) -> None:
    raise _Interrupted


# --------------------------------------------------------------------------- schema template
def template_path() -> Path:
    """An empty Prefect database at the current schema, per Prefect version: a new home
    starts from a copy instead of running Prefect's hundred-odd migrations (seconds)."""
    from importlib.metadata import version

    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "coopact"
    return cache / f"prefect-{version('prefect')}.db"


def _own_sqlite(config: Settings) -> Path | None:
    """The local server's SQLite file, unless Prefect is pointed at another database."""
    if os.environ.get("PREFECT_API_DATABASE_CONNECTION_URL") or os.environ.get(
        "PREFECT_SERVER_DATABASE_CONNECTION_URL"
    ):
        return None
    return config.prefect_home / "prefect.db"


def _seed_from_template(config: Settings) -> None:
    database = _own_sqlite(config)
    if database is None or database.exists():
        return
    with contextlib.suppress(OSError):
        template = template_path()
        if template.is_file():
            temporary = database.with_suffix(".db.part")
            temporary.write_bytes(template.read_bytes())
            temporary.replace(database)


def _save_template(config: Settings) -> None:
    """Keep a copy of a freshly migrated database (SQLite's online backup: consistent while
    the server runs)."""
    import sqlite3

    database = _own_sqlite(config)
    with contextlib.suppress(Exception):
        template = template_path()
        if database is None or template.exists() or not database.is_file():
            return
        template.parent.mkdir(parents=True, exist_ok=True)
        temporary = template.with_suffix(f".{os.getpid()}.part")
        source, target = sqlite3.connect(database), sqlite3.connect(temporary)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        temporary.replace(template)


def prepare_template() -> Path:
    """Migrate an empty Prefect database into the template (at install time: `make`)."""
    import tempfile

    template = template_path()
    if template.is_file():
        return template
    with tempfile.TemporaryDirectory() as scratch:
        env = _server_env(Settings(Path(scratch), "", Path(scratch)))
        env["PREFECT_HOME"] = scratch
        done = subprocess.run(
            [sys.executable, "-m", "prefect", "server", "database", "upgrade", "-y"],
            env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False,
        )  # fmt: skip
        made = Path(scratch) / "prefect.db"
        if done.returncode != 0 or not made.is_file():
            raise EnvironmentProblem(
                "could not prepare the Prefect database: "
                + done.stderr.decode(errors="replace")[-500:]
            )
        template.parent.mkdir(parents=True, exist_ok=True)
        temporary = template.with_suffix(f".{os.getpid()}.part")
        temporary.write_bytes(made.read_bytes())
        temporary.replace(template)
    return template


def _start(config: Settings, timeout: float) -> ServerState:
    folder = _folder(config)
    _seed_from_template(config)
    port = _free_port()
    log_path = folder / LOG_FILE
    command = [
        sys.executable, "-m", "prefect", "server", "start",
        "--host", "127.0.0.1", "--port", str(port), "--analytics-off",
    ]  # fmt: skip
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            command,
            env=_server_env(config),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # outlives this command; its own process group
            cwd=folder,
        )
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    state = ServerState(process.pid, port, now, "starting")
    _write_state(config, state)
    previous = signal.getsignal(signal.SIGTERM)
    in_main_thread = _is_main_thread()
    if in_main_thread:
        signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        _wait_healthy(state, timeout, process)
    except BaseException:
        # Never leave a half-started server behind.
        _kill(process.pid, grace=5.0)
        _forget(config)
        raise
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)
    state = ServerState(process.pid, port, now, "running")
    _write_state(config, state)
    STARTED.append(config)
    _save_template(config)
    return state


def _is_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _wait_healthy(state: ServerState, timeout: float, process: subprocess.Popen | None) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + timeout
    while True:
        if _healthy(state):
            return
        exited = process.poll() is not None if process is not None else not _alive(state.pid)
        if exited:
            raise EnvironmentProblem(
                "the local Prefect server stopped while starting; see its log in "
                f"{settings().prefect_home / LOG_FILE}, or set PREFECT_API_URL to a running "
                "Prefect server"
            )
        if time.monotonic() > deadline:
            raise EnvironmentProblem(
                f"the local Prefect server did not answer within {timeout:.0f} s; on a slow or "
                "busy machine raise COOPACT_PREFECT_STARTUP_TIMEOUT (seconds), see its log in "
                f"{settings().prefect_home / LOG_FILE}, or set PREFECT_API_URL to a running "
                "Prefect server"
            )
        time.sleep(0.2)


# --------------------------------------------------------------------------- public API
def ensure_server(config: Settings | None = None, *, timeout: float | None = None) -> str:
    """The Prefect API URL to use, starting the local server when needed; also exported as
    PREFECT_API_URL for this process. Raises :class:`EnvironmentProblem` when it cannot."""
    external = os.environ.get("PREFECT_API_URL")
    if external:
        return external
    config = config or settings()
    wait = startup_timeout() if timeout is None else timeout
    with _locked(config):
        state = read_state(config)
        if state is not None and _alive(state.pid):
            if state.status == "running" and _healthy(state):
                return _use(config, state)
            try:  # recorded as starting by a command that was killed: wait for it
                _wait_healthy(state, wait, None)
            except EnvironmentProblem:
                _kill(state.pid, grace=5.0)
                _forget(config)
            else:
                state = ServerState(state.pid, state.port, state.started_at, "running")
                _write_state(config, state)
                return _use(config, state)
        elif state is not None:
            _forget(config)  # it died: forget it and start another
        state = _start(config, wait)
    return _use(config, state)


def running_api_url(config: Settings | None = None) -> str | None:
    """PREFECT_API_URL, or the local server's URL when it is running; never starts one."""
    external = os.environ.get("PREFECT_API_URL")
    if external:
        return external
    config = config or settings()
    state = read_state(config)
    if state is None or state.status != "running" or not _alive(state.pid):
        return None
    if not _healthy(state):
        return None
    return _use(config, state)


def _use(config: Settings, state: ServerState) -> str:
    os.environ["PREFECT_API_URL"] = state.api_url
    os.environ.setdefault("PREFECT_HOME", str(config.prefect_home))
    return state.api_url


def drain() -> None:
    """Send this process's pending Prefect logs and events before its server goes away
    (otherwise Prefect retries them at exit against a server that is gone)."""
    if "prefect" not in sys.modules:
        return
    with contextlib.suppress(Exception):
        from prefect.logging.handlers import APILogWorker

        APILogWorker.drain_all(timeout=5)
    with contextlib.suppress(Exception):
        from prefect.events.worker import EventsWorker

        EventsWorker.drain_all(timeout=5)


def stop_server(config: Settings | None = None) -> ServerState | None:
    """Stop the local server of this home; the state it had, or None when none ran."""
    config = config or settings()
    drain()
    with _locked(config):
        state = read_state(config)
        if state is None:
            return None
        if _alive(state.pid):
            _kill(state.pid)
        _forget(config)
        if os.environ.get("PREFECT_API_URL") == state.api_url:
            del os.environ["PREFECT_API_URL"]  # this process no longer has a server
        return state


def report(config: Settings | None = None) -> ServerReport:
    config = config or settings()
    state = read_state(config)
    alive = state is not None and _alive(state.pid)
    healthy = alive and state is not None and _healthy(state)
    return ServerReport(os.environ.get("PREFECT_API_URL") or None, state, alive, healthy)


# --------------------------------------------------------------------------- run markers
def mark_run(flow_run_id: str, config: Settings | None = None) -> Path:
    """Record that this process runs ``flow_run_id`` (removed by :func:`unmark_run`)."""
    config = config or settings()
    folder = _folder(config) / RUNS_DIR
    folder.mkdir(exist_ok=True)
    marker = folder / flow_run_id
    marker.write_text(str(os.getpid()), encoding="utf-8")
    return marker


def unmark_run(flow_run_id: str, config: Settings | None = None) -> None:
    config = config or settings()
    (config.prefect_home / RUNS_DIR / flow_run_id).unlink(missing_ok=True)


def orphaned_runs(config: Settings | None = None) -> list[str]:
    """Flow runs whose process is gone without ending them (killed)."""
    config = config or settings()
    folder = config.prefect_home / RUNS_DIR
    if not folder.is_dir():
        return []
    orphans = []
    for marker in folder.iterdir():
        try:
            pid = int(marker.read_text(encoding="utf-8").strip() or "0")
        except (OSError, ValueError):
            pid = 0
        if pid == os.getpid():
            continue
        try:
            os.kill(pid, 0) if pid > 0 else None
            alive = pid > 0
        except (ProcessLookupError, PermissionError):
            alive = False
        if not alive:
            orphans.append(marker.name)
    return orphans


def crash_orphaned_runs(config: Settings | None = None) -> int:
    """Mark as Crashed the flow runs of coopact processes that were killed; how many."""
    config = config or settings()
    orphans = orphaned_runs(config)
    if not orphans:
        return 0
    from prefect.client.orchestration import get_client
    from prefect.states import Crashed

    done = 0
    with get_client(sync_client=True) as client:
        for run_id in orphans:
            try:
                run = client.read_flow_run(run_id)  # type: ignore[arg-type]
                if run.state is not None and not run.state.is_final():
                    client.set_flow_run_state(
                        run_id,  # type: ignore[arg-type]
                        Crashed(message="the coopact process running it was stopped"),
                        force=True,
                    )
                    done += 1
            except Exception:  # a run unknown to this server: forget it
                pass
            unmark_run(run_id, config)
    return done
