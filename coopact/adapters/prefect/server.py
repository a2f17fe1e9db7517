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

Its files and process checks are in :mod:`coopact.adapters.prefect.server_files`, the empty database
a new home starts from in :mod:`coopact.adapters.prefect.template`, the markers that let coopact
mark the runs of a killed command Crashed in :mod:`coopact.adapters.prefect.run_markers`.

This module imports neither Prefect nor httpx at module level: ``coopact server status`` is
fast.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass

from coopact.adapters.config import Settings, settings
from coopact.adapters.prefect import server_files as files
from coopact.adapters.prefect.server_files import LOG_FILE, ServerState, read_state
from coopact.adapters.prefect.template import save_template, seed_from_template
from coopact.adapters.settings import environ as config_environ
from coopact.contracts.errors import EnvironmentProblem

DEFAULT_STARTUP_TIMEOUT = 180.0
LOCAL_RETRIES = 1  # Prefect client retries against the local server (PREFECT_CLIENT_MAX_RETRIES)

# The homes whose server this process started (tests stop them at the end of a session).
STARTED: list[Settings] = []


@dataclass(frozen=True)
class ServerReport:
    """What ``coopact server status`` prints."""

    external_url: str | None  # PREFECT_API_URL, when set
    state: ServerState | None  # the local server, when one is recorded
    alive: bool
    healthy: bool


def startup_timeout(environ: dict[str, str] | None = None) -> float:
    env = config_environ() if environ is None else environ
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


class _Interrupted(BaseException):
    pass


def _raise_interrupted(signum: int, frame: object) -> None:
    raise _Interrupted


def _start(config: Settings, timeout: float) -> ServerState:
    folder = files.folder(config)
    seed_from_template(config)
    port = files.free_port()
    log_path = folder / LOG_FILE
    command = [
        sys.executable, "-m", "prefect", "server", "start",
        "--host", "127.0.0.1", "--port", str(port), "--analytics-off",
    ]  # fmt: skip
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            command,
            env=files.server_env(config),
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # outlives this command; its own process group
            cwd=folder,
        )
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    state = ServerState(process.pid, port, now, "starting")
    files.write_state(config, state)
    previous = signal.getsignal(signal.SIGTERM)
    in_main_thread = _is_main_thread()
    if in_main_thread:
        signal.signal(signal.SIGTERM, _raise_interrupted)
    try:
        _wait_healthy(state, timeout, process)
    except BaseException:
        # Never leave a half-started server behind.
        files.kill(process.pid, grace=5.0)
        files.forget(config)
        raise
    finally:
        if in_main_thread:
            signal.signal(signal.SIGTERM, previous)
    state = ServerState(process.pid, port, now, "running")
    files.write_state(config, state)
    STARTED.append(config)
    save_template(config)
    return state


def _is_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def _wait_healthy(state: ServerState, timeout: float, process: subprocess.Popen | None) -> None:  # type: ignore[type-arg]
    deadline = time.monotonic() + timeout
    while True:
        if files.healthy(state):
            return
        exited = process.poll() is not None if process is not None else not files.alive(state.pid)
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
    with files.locked(config):
        state = read_state(config)
        if state is not None and files.alive(state.pid):
            if state.status == "running" and files.healthy(state):
                return _use(config, state)
            try:  # recorded as starting by a command that was killed: wait for it
                _wait_healthy(state, wait, None)
            except EnvironmentProblem:
                files.kill(state.pid, grace=5.0)
                files.forget(config)
            else:
                state = ServerState(state.pid, state.port, state.started_at, "running")
                files.write_state(config, state)
                return _use(config, state)
        elif state is not None:
            files.forget(config)  # it died: forget it and start another
        state = _start(config, wait)
    return _use(config, state)


def running_api_url(config: Settings | None = None) -> str | None:
    """PREFECT_API_URL, or the local server's URL when it is running; never starts one."""
    external = os.environ.get("PREFECT_API_URL")
    if external:
        return external
    config = config or settings()
    state = read_state(config)
    if state is None or state.status != "running" or not files.alive(state.pid):
        return None
    if not files.healthy(state):
        return None
    return _use(config, state)


def _use(config: Settings, state: ServerState) -> str:
    os.environ["PREFECT_API_URL"] = state.api_url
    os.environ.setdefault("PREFECT_HOME", str(config.prefect_home))
    # A local server that dies is gone for good: one retry (2 s), not Prefect's five with
    # backoff (a command would wait two minutes before saying so).
    os.environ.setdefault("PREFECT_CLIENT_MAX_RETRIES", str(LOCAL_RETRIES))
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
    with files.locked(config):
        state = read_state(config)
        if state is None:
            return None
        if files.alive(state.pid):
            files.kill(state.pid)
        files.forget(config)
        if os.environ.get("PREFECT_API_URL") == state.api_url:
            del os.environ["PREFECT_API_URL"]  # this process no longer has a server
        return state


def report(config: Settings | None = None) -> ServerReport:
    config = config or settings()
    state = read_state(config)
    alive = state is not None and files.alive(state.pid)
    healthy = alive and state is not None and files.healthy(state)
    return ServerReport(os.environ.get("PREFECT_API_URL") or None, state, alive, healthy)
