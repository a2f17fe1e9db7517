"""Where the command line writes, so that a script can use it.

- The value a command gives (a reference, an id, JSON, a table of data) goes to stdout;
  every message for the person (what was done, findings, warnings, errors) goes to stderr:
  ``REF=$(coopact new f.yaml)`` holds exactly the reference.
- A reader that closes the pipe early (``coopact status --json | head -1``) is not an
  error: the command ends quietly with exit 0.
- ``--help`` shows a flag without a type (``--json``, not ``--json <bool>``).

Start-up rule of :mod:`coopact.entrypoints.cli.main`: this module imports typer only, inside its
functions.
"""

from __future__ import annotations

import errno
import os
import sys
from typing import Any


def is_closed_pipe(error: BaseException) -> bool:
    """Whether ``error`` is the reader of stdout having gone away."""
    return isinstance(error, BrokenPipeError) or (
        isinstance(error, OSError) and error.errno == errno.EPIPE
    )


def silence_stdout() -> None:
    """After the reader closed the pipe: what is still buffered for stdout goes nowhere
    (Python would otherwise report the failed flush at exit); the caller exits 0."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout without a descriptor (a test runner's buffer)
        pass


def flush_or_silence() -> bool:
    """Flush stdout at the end of a command; False (stdout silenced) when the pipe closed."""
    try:
        sys.stdout.flush()
    except (BrokenPipeError, ValueError):
        silence_stdout()
        return False
    return True


def hide_flag_types() -> None:
    """``--help`` shows ``--json``, not ``--json <bool>``: a flag takes no value."""
    from typer.core import TyperOption

    if getattr(TyperOption, "_coopact_flags", False):
        return
    shown = TyperOption.display_type_rich

    def display_type_rich(self: Any, ctx: Any) -> str | None:
        if getattr(self, "is_flag", False) and not getattr(self, "count", False):
            return None
        return shown(self, ctx)

    setattr(TyperOption, "display_type_rich", display_type_rich)  # noqa: B010
    setattr(TyperOption, "_coopact_flags", True)  # noqa: B010


def stdout_console() -> Any:
    """The rich console of stdout: a closed pipe ends the command with exit 0 (rich's own
    default is exit 1)."""
    from rich.console import Console

    class _Stdout(Console):
        def on_broken_pipe(self) -> None:
            self.quiet = True
            silence_stdout()
            raise SystemExit(0)

    return _Stdout(highlight=False, soft_wrap=True)
