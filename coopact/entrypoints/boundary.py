"""The error boundary of every entry point: any exception becomes one paragraph and an exit code.

    0  done
    1  refused: a rule, a lifecycle move, a conflict, something not found
    2  invalid input: the file or the options given (every problem with its field path)
    3  environment or configuration: the database, COOPACT_HOME, the disk, a server, a secret
    4  unexpected: a defect of coopact; the traceback goes to a log file (under
       COOPACT_HOME/logs, or the temporary folder when COOPACT_HOME is unusable) with a
       correlation id printed on the terminal; never the traceback itself unless --debug
    5  recorded, work pending: the decision is recorded, the work that follows it failed;
       kept as failed work (`coopact status`) and retried until it succeeds

:func:`classify` turns an exception into a :class:`Verdict` (code, title, sentences) and
writes nothing; :func:`report` classifies and, for exit 4, writes the log. The command line
uses :func:`report`; the web app and the flows may use either (a flow records the verdict's
``message`` as its state message, the web app shows it as the page's error).

This module is imported at CLI start-up: it imports nothing heavy (SQLAlchemy's exception
classes are looked up only when an exception from SQLAlchemy is being classified).
"""

from __future__ import annotations

import errno
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from coopact.contracts.errors import CoopactError, EnvironmentProblem, InvalidInput, WorkPending

REFUSED, INVALID, ENVIRONMENT, UNEXPECTED, PENDING = 1, 2, 3, 4, 5
MEANING = {
    REFUSED: "refused",
    INVALID: "invalid input",
    ENVIRONMENT: "environment or configuration problem",
    UNEXPECTED: "unexpected error",
    PENDING: "recorded, work pending",
}


@dataclass(frozen=True)
class Verdict:
    """What to tell a person about a failure: ``code`` is the exit code."""

    code: int
    title: str
    message: str
    details: list[str] = field(default_factory=list)
    correlation_id: str | None = None
    log_file: Path | None = None

    def paragraph(self) -> str:
        """The message as plain text, details included, ending with the exit code's meaning."""
        lines = [f"{self.title}: {self.message}"]
        lines += [f"  - {d}" for d in self.details]
        lines.append(f"(exit {self.code}: {MEANING.get(self.code, 'failure')})")
        return "\n".join(lines)


def classify(error: BaseException) -> Verdict:
    """The exit code and the sentences for ``error``; writes nothing."""
    if isinstance(error, InvalidInput):
        return Verdict(INVALID, "Invalid input", error.message, [str(p) for p in error.problems])
    if isinstance(error, WorkPending):
        return Verdict(PENDING, "Recorded, work pending", error.message)
    if isinstance(error, EnvironmentProblem):
        return Verdict(ENVIRONMENT, "Cannot run here", error.message)
    if isinstance(error, CoopactError):
        return Verdict(REFUSED, "Refused", error.message)
    if isinstance(error, KeyboardInterrupt):
        return Verdict(130, "Interrupted", "stopped by Ctrl+C; what was committed stays committed")
    database = _database_problem(error)
    if database is not None:
        return Verdict(ENVIRONMENT, "Database problem", database)
    server = _server_problem(error)
    if server is not None:
        return Verdict(ENVIRONMENT, "Server unreachable", server)
    if isinstance(error, OSError):
        return Verdict(ENVIRONMENT, "Cannot use a file or folder", _os_problem(error))
    if isinstance(error, ModuleNotFoundError):
        return Verdict(
            ENVIRONMENT,
            "Missing component",
            f"the Python module {error.name!r} is not installed; reinstall coopact with its "
            "dependencies (pip install -e '.[test]' or make install)",
        )
    return Verdict(
        UNEXPECTED,
        "Unexpected error",
        f"coopact met a problem it cannot explain ({type(error).__name__}). This is a defect "
        "of coopact, not of your input: report it with the log file named below.",
    )


def report(error: BaseException, *, home: Path | None = None) -> Verdict:
    """:func:`classify`, and for an unexpected error, the traceback written to a log file
    (the returned verdict names it and its correlation id)."""
    verdict = classify(error)
    if verdict.code != UNEXPECTED:
        return verdict
    import uuid

    correlation = uuid.uuid4().hex[:12]
    log_file = write_log(error, correlation, home)
    where = (
        f"the details are in {log_file} under correlation id {correlation}"
        if log_file
        else f"no log file could be written (correlation id {correlation}); rerun with --debug"
    )
    return Verdict(
        UNEXPECTED,
        verdict.title,
        f"{verdict.message} {where[0].upper()}{where[1:]}.",
        correlation_id=correlation,
        log_file=log_file,
    )


def write_log(error: BaseException, correlation: str, home: Path | None = None) -> Path | None:
    """Append the traceback to ``errors.log`` under COOPACT_HOME/logs, or under the temporary
    folder when COOPACT_HOME cannot be written; None when neither can."""
    import datetime as dt
    import traceback

    text = "".join(traceback.format_exception(error))
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    entry = f"--- {stamp} correlation {correlation} argv {sys.argv[1:]!r}\n{text}\n"
    for folder in _log_folders(home):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "errors.log"
            with path.open("a", encoding="utf-8") as log:
                log.write(entry)
            return path
        except OSError:
            continue
    return None


def _log_folders(home: Path | None) -> list[Path]:
    import tempfile

    if home is None:
        configured = os.environ.get("COOPACT_HOME") or ".coopact"
        home = Path(configured).expanduser()
    user = getattr(os, "getuid", lambda: "user")()
    return [home / "logs", Path(tempfile.gettempdir()) / f"coopact-{user}" / "logs"]


# --------------------------------------------------------------------------- the database
_FIX_URL = "check COOPACT_DATABASE_URL (postgresql://user@host:5432/name or sqlite:///path)"


def _database_problem(error: BaseException) -> str | None:
    """A sentence for a database that cannot be used, or None when ``error`` is not one."""
    exc = sys.modules.get("sqlalchemy.exc")
    sqlite3 = sys.modules.get("sqlite3")
    if sqlite3 is not None and isinstance(error, sqlite3.Error):
        if isinstance(error, sqlite3.IntegrityError):
            return None
        return _database_sentence(str(error).lower(), True)
    if exc is None:
        return None
    if isinstance(error, exc.ArgumentError | exc.NoSuchModuleError):
        return f"the database URL cannot be used ({_first_line(error)}); {_FIX_URL}"
    if isinstance(error, exc.IntegrityError):
        return None  # a constraint a rule should have caught: a defect, exit 4
    if not isinstance(error, exc.DatabaseError | exc.InterfaceError):
        return None
    text = str(getattr(error, "orig", None) or error).lower()
    operational = isinstance(error, exc.OperationalError | exc.InterfaceError)
    return _database_sentence(text, operational, error)


def _database_sentence(
    text: str, operational: bool, error: BaseException | None = None
) -> str | None:
    host = _server_of(text)
    if "connection refused" in text or "could not connect" in text or "timeout expired" in text:
        return f"the database server{host} does not answer; start PostgreSQL, or {_FIX_URL}"
    if re.search(r'database ".*" does not exist', text):
        name = re.search(r'database "(.*?)" does not exist', text)
        assert name is not None
        return (
            f'the database "{name.group(1)}" does not exist on the server{host}; create it '
            f"(createdb {name.group(1)}) and run `coopact init`, or {_FIX_URL}"
        )
    if "password authentication failed" in text or "no password supplied" in text:
        return f"the database server{host} refused the login; {_FIX_URL}"
    if "could not translate host name" in text or "name or service not known" in text:
        return f"the database host is unknown; {_FIX_URL}"
    if "file is not a database" in text or "malformed" in text or "not a database" in text:
        return (
            "the SQLite database file is damaged (truncated or overwritten); restore it from a "
            "backup, or move it aside and run `coopact init` to start an empty one"
        )
    if "readonly database" in text or "read-only" in text or "attempt to write" in text:
        return (
            "the database is read-only here; give this user write access to COOPACT_HOME and "
            "its coopact.db, or point COOPACT_HOME at a writable folder"
        )
    if "disk is full" in text or "disk full" in text or "no space left" in text:
        return "the disk holding the database is full; free some space and run the command again"
    if "disk i/o error" in text:
        return (
            "the database file could not be read or written (disk I/O error): the file may "
            "be damaged or truncated (restore it from a backup), or the disk full or failing "
            "(free some space, check the disk), then run the command again"
        )
    if "unable to open database file" in text:
        return (
            "the SQLite database file cannot be opened: COOPACT_HOME must be a folder this user "
            "can write to"
        )
    if "locked" in text:
        return "the database stayed locked by another coopact process; run the command again"
    if "no such table" in text or "undefinedtable" in text or "does not exist" in text:
        return "the database is not initialised or not up to date: run `coopact init` first"
    if operational:
        reason = _first_line(error) if error is not None else text.splitlines()[0][:200]
        return f"the database cannot be used ({reason}); {_FIX_URL}"
    return None


def _server_of(text: str) -> str:
    found = re.search(r'server at "([^"]+)".*?port (\d+)', text) or re.search(
        r"connection to server at \"?([\w.\-]+)\"?.*?port (\d+)", text
    )
    return f" at {found.group(1)}:{found.group(2)}" if found else ""


def _first_line(error: BaseException) -> str:
    text = str(getattr(error, "orig", None) or error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__


# --------------------------------------------------------------------------- servers
def _server_problem(error: BaseException) -> str | None:
    """A Prefect (or other HTTP) server that cannot be reached or started."""
    text = str(error)
    if isinstance(error, RuntimeError) and "prefect" in text.lower() and "server" in text.lower():
        return (
            f"the Prefect server could not be used ({_first_line(error)}); check PREFECT_API_URL,"
            " or unset it to let coopact run its own local server, and try again"
        )
    httpx = sys.modules.get("httpx")
    if httpx is not None and isinstance(error, httpx.TransportError):
        url = getattr(getattr(error, "_request", None), "url", None)
        where = f" at {url.scheme}://{url.host}:{url.port}" if url is not None else ""
        return (
            f"a server{where} does not answer ({type(error).__name__}); when it is the Prefect "
            "server, check PREFECT_API_URL or start it, then try again"
        )
    return None


# --------------------------------------------------------------------------- files and folders
def _os_problem(error: OSError) -> str:
    where = f" {error.filename}" if error.filename else ""
    if error.errno == errno.ENOSPC:
        return f"the disk is full (writing{where}); free some space and run the command again"
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (
            f"no permission to write{where}; give this user write access, or point "
            "COOPACT_HOME at a writable folder"
        )
    if error.errno in (errno.ENOTDIR, errno.EEXIST):
        return (
            f"{where.strip() or 'a path'} is a file where coopact needs a folder; COOPACT_HOME "
            "must name a folder (it is created when missing)"
        )
    if error.errno == errno.ENOENT:
        return f"{where.strip() or 'a file'} does not exist; check the path and COOPACT_HOME"
    reason = error.strerror or type(error).__name__
    return f"{reason}{' at' + where if where else ''}; check COOPACT_HOME and the disk"
