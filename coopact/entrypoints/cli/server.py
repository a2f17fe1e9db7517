"""`coopact server status|stop`: the local Prefect server of COOPACT_HOME."""

from __future__ import annotations

import typer

from coopact.adapters.prefect import server as prefect_server
from coopact.contracts.errors import CoopactError, EnvironmentProblem
from coopact.entrypoints.cli.common import out
from coopact.entrypoints.cli.failures import err

server_app = typer.Typer(
    help="The local Prefect server coopact starts for its home when PREFECT_API_URL is unset.",
    no_args_is_help=True,
)


def _exit_on(error: CoopactError) -> None:

    label = "Cannot continue" if isinstance(error, EnvironmentProblem) else "Refused"
    err.print(f"[bold red]{label}:[/] {error.message}")
    raise typer.Exit(3 if isinstance(error, EnvironmentProblem) else 1)


@server_app.command("status")
def status() -> None:
    """Show the Prefect server coopact uses: PREFECT_API_URL, or the local one (pid, URL)."""

    try:
        report = prefect_server.report()
    except CoopactError as error:
        _exit_on(error)
        return
    if report.external_url:
        out.print(f"PREFECT_API_URL is set: coopact uses {report.external_url}")
    state = report.state
    if state is None or not report.alive:
        out.print("No local Prefect server running; the next `coopact advance` starts one.")
        return
    health = "answering" if report.healthy else f"not answering ({state.status})"
    out.print(f"Local Prefect server {health}: pid {state.pid}, since {state.started_at} UTC")
    out.print(f"  API: {state.api_url}")
    out.print(f"  UI:  {state.ui_url}")


@server_app.command("start")
def start() -> None:
    """Start the local Prefect server now (commands otherwise start it on first need)."""

    try:
        with err.status("Starting the local Prefect server (if it is not running)…"):
            url = prefect_server.ensure_server()
    except CoopactError as error:
        _exit_on(error)
        return
    out.print(f"coopact uses the Prefect server at {url}")


@server_app.command("stop")
def stop() -> None:
    """Stop the local Prefect server of this home (its runs and history are kept)."""

    try:
        state = prefect_server.stop_server()
    except CoopactError as error:
        _exit_on(error)
        return
    if state is None:
        out.print("No local Prefect server was running.")
    else:
        out.print(f"Stopped the local Prefect server (pid {state.pid}).")


def register(app: typer.Typer) -> None:
    app.add_typer(server_app, name="server")
