"""The `coopact` command line: translates input and errors, nothing more.

Exit codes (:mod:`coopact.entrypoints.boundary`): 0 done, 1 refused (a rule, a lifecycle move, a
conflict), 2 invalid input, 3 environment or configuration (database, COOPACT_HOME, disk,
Prefect server), 4 unexpected (a correlation id on the terminal, the traceback in
COOPACT_HOME/logs/errors.log; on the terminal only with ``--debug``). Never a traceback
otherwise.

Start-up rule: `coopact --help`, `--version` and the read commands (`status`, `history`,
`documents`, `audit verify`) must answer in about the time Python takes to import
SQLAlchemy, pydantic, typer and rich. One mechanism keeps it, the lazy registry of
:mod:`coopact.entrypoints.cli.registry` (click's "lazy loading subcommands" pattern): the
root group knows each command by its name, the module that holds it and its one-line help,
and imports that module (:func:`importlib.import_module`) only when the command runs, shows
its own ``--help`` or completes its arguments. `coopact --help` and the completion of
command names read the registry alone and import no command module. So each command module
imports what its commands need at its top, and a module holds commands of one weight: the
read commands' modules (:mod:`~coopact.entrypoints.cli.reading`,
:mod:`~coopact.entrypoints.cli.audit`) stay light; Alembic is in
:mod:`~coopact.entrypoints.cli.config` (`init`), the flows in
:mod:`~coopact.entrypoints.cli.runs`. Prefect is imported by
:mod:`~coopact.entrypoints.cli.flow_runs` inside its functions, once ``connect()`` has set
its environment, and the document stack by :func:`~coopact.entrypoints.cli.common.ready`
once a command that writes documents runs: each such import says why on its line. This
module imports typer, the registry, :mod:`~coopact.entrypoints.cli.failures` and the
coercion switch only. ``tests/integration/test_cli_startup.py`` fails when `--help`,
`decide --help` or `status` imports Prefect, matplotlib or the document stack, or when
`--help`, `status`, `history`, `documents` or `audit verify` load the partnership schema or
pydantic (typer coerces plain values without pydantic:
:mod:`coopact.entrypoints.cli.coercion`); ``tests/unit/test_cli_registry.py`` that the
registry's names and help lines are those of the commands.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from coopact import __version__
from coopact.entrypoints.cli import coercion as cli_coercion
from coopact.entrypoints.cli import streams as cli_streams
from coopact.entrypoints.cli.failures import options as _options
from coopact.entrypoints.cli.failures import show_failure
from coopact.entrypoints.cli.registry import LazyGroup, application

cli_coercion.install()  # typer's pydantic coercion only for values that need it
cli_streams.hide_flag_types()  # `--json`, not `--json <bool>`


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


# The root: its callback and options here, its commands in the registry (loaded lazily).
app = application(cls=LazyGroup)
app.callback()(_main)


def main() -> None:  # pragma: no cover - console entry point
    """The console entry point: the commands report their own errors; anything raised
    outside them (a command module that fails to load, typer itself) goes through the
    same boundary."""
    try:
        code = app(prog_name="coopact", standalone_mode=True)
    except SystemExit as done:
        code = done.code
    except BaseException as error:
        code = 0 if cli_streams.is_closed_pipe(error) else show_failure(error)
    if not cli_streams.flush_or_silence():  # the reader closed the pipe: not an error
        code = 0
    if "prefect" in sys.modules and isinstance(code, int | None):
        # Only after a command that ran flows (Prefect loaded): flow_runs loads the wiring.
        from coopact.entrypoints.cli.flow_runs import exit_now  # only once Prefect is loaded

        exit_now(code or 0)
    sys.exit(code)
