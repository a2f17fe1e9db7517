"""How the command line reports a failure: the stderr console, ``--debug`` and
:func:`show_failure`. Light (typer's rich, :mod:`coopact.entrypoints.boundary`): the root
(:mod:`coopact.entrypoints.cli.main`) imports it to report what fails outside a command.
"""

from __future__ import annotations

import os

from rich.console import Console

from coopact.entrypoints import boundary

# Messages for the person go to `err` (stderr); the value a command gives to `out` (stdout,
# coopact.entrypoints.cli.common).
err = Console(stderr=True, highlight=False, soft_wrap=True)
options = {"debug": False}  # set by `coopact --debug` (main's callback)


def debugging() -> bool:
    return options["debug"] or os.environ.get("COOPACT_DEBUG", "") not in ("", "0")


def show_failure(error: BaseException) -> int:
    """Print the boundary's paragraph for ``error`` on stderr; return its exit code."""
    from rich.markup import escape

    verdict = boundary.report(error)
    err.print(f"[bold red]{verdict.title}:[/] {escape(verdict.message)}", markup=True)
    for detail in verdict.details:
        err.print(f"  - {detail}", markup=False)
    err.print(f"(exit {verdict.code}: {boundary.MEANING.get(verdict.code, 'failure')})")
    if verdict.code == boundary.UNEXPECTED and debugging():
        import traceback

        err.print("".join(traceback.format_exception(error)), markup=False)
    return verdict.code
