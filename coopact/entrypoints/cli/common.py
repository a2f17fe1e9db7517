"""What every command module shares: the two consoles, the error boundary of a command
(:func:`reports_errors`), the readiness check (:func:`ready`) and how findings print.

Command modules import it at their top (it imports none of them); the root
(:mod:`coopact.entrypoints.cli.main`) does not: it imports the wiring (SQLAlchemy), which
`coopact --help` does not need. The template checks (docx, jinja2) are imported inside
:func:`ready`, for a command that writes documents, so that its `--help` does not load them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer
from rich.console import Console

from coopact.adapters import settings as configuration
from coopact.adapters.config import settings
from coopact.bootstrap import wiring
from coopact.contracts.formatting import plural
from coopact.entrypoints.cli import streams as cli_streams
from coopact.entrypoints.cli.failures import show_failure

# The value a command gives goes to `out` (stdout), messages for the person to `err`
# (stderr): see coopact.entrypoints.cli.streams.
out: Console = cli_streams.stdout_console()

F = TypeVar("F", bound=Callable[..., Any])
ACTOR = "cli"


def reports_errors(command: F) -> F:
    """Every failure of ``command`` becomes one paragraph and an exit code (see
    :mod:`coopact.entrypoints.boundary`); never a traceback unless --debug."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except BaseException as error:
            if cli_streams.is_closed_pipe(error):  # `coopact status --json | head -1`
                cli_streams.silence_stdout()
                raise typer.Exit(0) from None
            raise typer.Exit(show_failure(error)) from None

    return wrapper  # type: ignore[return-value]


def ready(*, writes_documents: bool = False) -> None:
    """The database is at the current schema; for a command that may write documents, the
    templates folder (COOPACT_TEMPLATES) is complete and safe too. Read-only commands check
    no template: they import no document stack and write nothing."""
    wiring.ensure_ready()
    if writes_documents:
        configuration.load()  # every setting valid, or exit 3 naming it

        from coopact.stages.template_lint import ensure_templates  # docx: not for `--help`

        ensure_templates(settings().templates, settings().home)


_NOUNS = {"blocking": ("blocking", "blocking"), "warning": ("warning", "warnings")}


def count_words(counts: dict[str, int]) -> str:
    """``{"warning": 1, "blocking": 2}`` -> ``"1 warning, 2 blocking"``; ``"-"`` for none."""

    words = [plural(n, *_NOUNS.get(s, (s, f"{s}s"))) for s, n in counts.items() if n]
    return ", ".join(words) or "-"


def _finding_counts(findings: list[dict[str, Any]]) -> str:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f["severity"]] = counts.get(f["severity"], 0) + 1
    return count_words(counts)


def print_findings(
    findings: list[dict[str, Any]], *, to_fix: bool = False, to: Console = out
) -> None:
    """The findings with their field paths; those that will block at a later stage say so."""
    if not findings:
        return
    heading = "To fix before it blocks" if to_fix else "Findings"
    to.print(f"{heading} ({_finding_counts(findings)}):")
    colour = {"blocking": "red", "warning": "yellow", "info": "blue"}
    for f in findings:
        where = f" at {f['path']}" if f["path"] else ""
        later = f" (blocks at {f['blocks_at']})" if f.get("blocks_at") else ""
        to.print(
            f"  [{colour.get(f['severity'], 'white')}]{f['severity']}[/] {f['code']}{where}{later}"
        )
        to.print(f"      {f['message']}", markup=False)
