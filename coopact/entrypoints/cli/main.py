"""The `coopact` command line: translates input and errors, nothing more.

Exit codes (:mod:`coopact.entrypoints.boundary`): 0 done, 1 refused (a rule, a lifecycle move, a
conflict), 2 invalid input, 3 environment or configuration (database, COOPACT_HOME, disk,
Prefect server), 4 unexpected (a correlation id on the terminal, the traceback in
COOPACT_HOME/logs/errors.log; on the terminal only with ``--debug``). Never a traceback
otherwise.

Start-up rule (every command module too): `coopact --help`, `--version` and the read
commands (`status`, `history`, `documents`, `audit verify`) must answer in about the time
Python takes to import SQLAlchemy, pydantic, typer and rich. So at module top import only
typer, rich, :mod:`coopact.entrypoints.boundary`, :mod:`coopact.adapters.config`, the
lazy ``coopact.services`` facade and the light enums of ``contracts`` (lifecycle, roles);
import wiring, loading, flows and anything
that pulls Prefect, matplotlib, docxtpl/docx, jinja2, httpx or Alembic *inside* the command
function that needs it. ``tests/integration/test_cli_startup.py`` fails when `--help` or
`status` imports Prefect, matplotlib or the document stack, or when `--help`, `status`,
`history`, `documents` or `audit verify` load the partnership schema or pydantic (typer
coerces plain values without pydantic: :mod:`coopact.entrypoints.cli.coercion`).

This module builds the application and registers the commands; they live in one module
per topic (the read commands in :mod:`~coopact.entrypoints.cli.reading`, those that change
a partnership in :mod:`~coopact.entrypoints.cli.work`, those that run flows in
:mod:`~coopact.entrypoints.cli.runs`, the others in their ``register(app)`` modules), each
decorated with :func:`~coopact.entrypoints.cli.common.reports_errors`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Annotated

import typer

from coopact import __version__
from coopact.entrypoints.cli import coercion as cli_coercion
from coopact.entrypoints.cli import config as cli_config
from coopact.entrypoints.cli import export as cli_export
from coopact.entrypoints.cli import lifecycle as cli_lifecycle
from coopact.entrypoints.cli import mail as cli_mail
from coopact.entrypoints.cli import money as cli_money
from coopact.entrypoints.cli import portal as cli_web
from coopact.entrypoints.cli import privacy as cli_privacy
from coopact.entrypoints.cli import reading, runs, work
from coopact.entrypoints.cli import server as cli_server
from coopact.entrypoints.cli import streams as cli_streams
from coopact.entrypoints.cli import tokens as cli_token
from coopact.entrypoints.cli import trust as cli_trust
from coopact.entrypoints.cli import webhook as cli_webhook
from coopact.entrypoints.cli.common import (  # noqa: F401 - their names here before the split
    ACTOR,
    err,
    out,
    reports_errors,
    show_failure,
)
from coopact.entrypoints.cli.common import options as _options
from coopact.entrypoints.cli.common import ready as _ready  # noqa: F401

cli_coercion.install()  # typer's pydantic coercion only for values that need it
cli_streams.hide_flag_types()  # `--json`, not `--json <bool>`


def _application() -> typer.Typer:
    return typer.Typer(
        name="coopact",
        help="Impact partnerships from a shared vision to a signed agreement and periodic reviews.",
        no_args_is_help=True,
        add_completion=True,  # --install-completion and --show-completion (bash, zsh, fish)
        pretty_exceptions_enable=False,
        rich_markup_mode="markdown",  # docstrings wrapped as paragraphs, `code` shown as code
    )


def _audit_application() -> typer.Typer:
    audit = typer.Typer(help="The audit log.", no_args_is_help=True)
    audit.command("verify")(reading.audit_verify)
    audit.command("anchor")(reading.audit_anchor)
    return audit


app = _application()
audit_app = _audit_application()
app.add_typer(audit_app, name="audit")


def _version(value: bool) -> None:
    if value:
        print(f"coopact {__version__}")
        raise typer.Exit(0)


def _main(
    debug: Annotated[
        bool,
        typer.Option("--debug", help="On an unexpected error, print the traceback too (exit 4)."),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Impact partnerships from a shared vision to a signed agreement and periodic reviews.

    Exit codes: 0 done, 1 refused, 2 invalid input, 3 environment or configuration problem
    (database, COOPACT_HOME, disk, Prefect server), 4 unexpected error (its traceback is
    written to COOPACT_HOME/logs/errors.log with the correlation id shown).
    """
    _options["debug"] = debug


app.callback()(_main)


# The commands, in the order `coopact --help` lists them.
for command in (
    work.init,
    work.new,
    work.amend,
    reading.status,
    reading.history,
    work.advance,
    work.decide,
    reading.documents,
    runs.review_due,
    runs.review_answers,
    runs.serve,
    runs.demo,
):
    app.command()(command)

# Commands of other topics: each module's `register(app)`. Their modules follow the
# start-up rule of this module's docstring (tests/integration/test_cli_startup.py checks it).
for topic in (
    cli_web,
    cli_config,
    cli_export,
    cli_token,
    cli_webhook,
    cli_mail,
    cli_money,
    cli_trust,
    cli_privacy,
    cli_lifecycle,
    cli_server,
):
    topic.register(app)


# The read commands, each run from an application holding it alone: typer builds the
# parameters of every command an application holds each time it runs (17 ms of CPU for all
# of them, a tenth of what `history` or `documents` may take; issue 25's read side).
_READ_COMMANDS: dict[str, Callable[..., None]] = {
    "status": reading.status,
    "history": reading.history,
    "documents": reading.documents,
}


def _app_for(args: list[str]) -> typer.Typer:
    """The whole application, or for a read command (`status`, `history`, `documents`,
    `audit ...`) the same root (callback, options, name) holding that command alone: it
    answers, and prints its help and its usage errors, exactly as the whole one does."""
    name = args[0] if args else ""
    if name not in _READ_COMMANDS and name != "audit":
        return app
    alone = _application()
    alone.callback()(_main)
    if name == "audit":
        alone.add_typer(_audit_application(), name="audit")
    else:
        alone.command()(_READ_COMMANDS[name])
    return alone


def main() -> None:  # pragma: no cover - console entry point
    """The console entry point: the commands report their own errors; anything raised
    outside them (a command module that fails to load, typer itself) goes through the
    same boundary."""
    try:
        code = _app_for(sys.argv[1:])(prog_name="coopact", standalone_mode=True)
    except SystemExit as done:
        code = done.code
    except BaseException as error:
        code = 0 if cli_streams.is_closed_pipe(error) else show_failure(error)
    if not cli_streams.flush_or_silence():  # the reader closed the pipe: not an error
        code = 0
    if "prefect" in sys.modules and isinstance(code, int | None):
        from coopact.entrypoints.cli.flow_runs import exit_now

        exit_now(code or 0)
    sys.exit(code)
