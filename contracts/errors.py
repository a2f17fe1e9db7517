"""The one exception hierarchy of coopact.

Every error carries a finished message an officer can act on. The CLI maps
:class:`InvalidInput` to exit code 2 and every other :class:`CoopactError` to exit code 1,
and never prints a traceback for either.
"""

from __future__ import annotations

from dataclasses import dataclass


class CoopactError(Exception):
    """Base of every error coopact reports to a user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located by its field path (``partners[1].name``)."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidInput(CoopactError):
    """The input cannot be accepted; ``problems`` lists every reason with its field path."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        count = len(problems)
        super().__init__(f"{source}: {count} problem{'s' if count != 1 else ''} found")


class Refused(CoopactError):
    """A well-formed request that the rules do not allow (a lifecycle move, a decision...)."""


class NotFound(CoopactError):
    """The thing asked for does not exist."""


class Conflict(Refused):
    """Someone else changed the same partnership first; nothing of this request was applied."""


class SecurityError(CoopactError):
    """A template or input tried something that is never allowed (code execution, path escape)."""


class TemplateProblem(CoopactError):
    """A template is missing, malformed, or uses a field the context does not have."""


class EnvironmentProblem(CoopactError):
    """The machine or its configuration stops coopact (a database unreachable, a folder not
    writable, a Prefect server that cannot start, a missing secret): exit code 3."""


class WorkPending(CoopactError):
    """What was asked is recorded, but the work that follows it failed: it is kept as failed
    work and retried until it succeeds (exit code 5). ``cause``: why, in one sentence."""

    def __init__(self, message: str, cause: str) -> None:
        super().__init__(message)
        self.cause = cause
