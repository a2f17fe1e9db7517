"""coopact.entrypoints.boundary: any exception becomes an exit code and a sentence, for every entry
point."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import httpx
import pytest
from sqlalchemy.exc import OperationalError

from coopact.contracts.errors import EnvironmentProblem, InvalidInput, NotFound, Problem, Refused
from coopact.entrypoints.boundary import classify, report


@pytest.mark.parametrize(
    ("error", "code", "words"),
    [
        (InvalidInput("f.yaml", [Problem("partners[0].name", "required")]), 2, "1 problem"),
        (Refused("the open gate is vision_approval"), 1, "open gate"),
        (NotFound("no partnership P-2027-009"), 1, "P-2027-009"),
        (EnvironmentProblem("the Prefect server could not start"), 3, "Prefect"),
        (OSError(errno.ENOSPC, "No space left on device", "/h/x"), 3, "disk is full"),
        (OSError(errno.EROFS, "Read-only file system", "/h"), 3, "no permission to write /h"),
        (OSError(errno.ENOTDIR, "Not a directory", "/h/x"), 3, "is a file"),
        (sqlite3.DatabaseError("file is not a database"), 3, "damaged"),
        (sqlite3.OperationalError("database or disk is full"), 3, "disk"),
        (OperationalError("SELECT 1", {}, Exception("attempt to write a readonly database")),
         3, "read-only"),
        (OperationalError("x", {}, Exception('connection to server at "10.0.0.9", port 5433 '
                                             "failed: Connection refused")),
         3, "10.0.0.9:5433 does not answer"),
        (httpx.ConnectError("refused"), 3, "does not answer"),
        (RuntimeError("Timed out while attempting to connect to ephemeral Prefect API server"),
         3, "PREFECT_API_URL"),
        (KeyError("x"), 4, "defect"),
    ],
)  # fmt: skip
def test_each_failure_gets_its_exit_code_and_a_sentence(
    error: BaseException, code: int, words: str
) -> None:
    verdict = classify(error)
    assert verdict.code == code
    assert words in verdict.message
    assert "Traceback" not in verdict.paragraph()


def test_an_unexpected_error_is_logged_with_a_correlation_id(tmp_path: Path) -> None:
    try:
        {}["missing"]
    except KeyError as error:
        verdict = report(error, home=tmp_path)
    assert verdict.code == 4 and verdict.correlation_id
    assert verdict.log_file == tmp_path / "logs" / "errors.log"
    log = verdict.log_file.read_text()
    assert verdict.correlation_id in log and "KeyError" in log
    assert verdict.correlation_id in verdict.message


def test_the_log_falls_back_to_the_temporary_folder_when_the_home_is_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.write_text("a file")
    (tmp_path / "tmp").mkdir()
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    verdict = report(ZeroDivisionError("x"), home=home)
    assert verdict.log_file is not None
    assert verdict.log_file.is_relative_to(tmp_path / "tmp")
    assert home.read_text() == "a file"
