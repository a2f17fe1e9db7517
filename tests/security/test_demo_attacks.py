"""Attacks on copies of the demo home (`coopact demo`: registration to renewal, an avenant,
reviews and minutes), by someone who can write the database and the home's files but does
not hold the key: each makes `coopact audit verify` exit non-zero naming what changed; the
untouched copy verifies. The demo runs on SQLite (it always does); the same attacks on
PostgreSQL are in test_record_attacks.py."""

from __future__ import annotations

import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.integration.conftest import Cli
from tests.security import forgery

REF = "P-2027-001"


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`coopact demo` run once, as a person runs it: its own key file, its own anchor log."""
    home = tmp_path_factory.mktemp("demo") / "home"
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("COOPACT_", "PREFECT_API_URL", "PREFECT_HOME"))
    }
    done = subprocess.run(
        [sys.executable, "-m", "coopact", "demo", "--home", str(home)],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return home


@pytest.fixture
def demo(demo_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    """A copy of the demo home; the CLI reads its key file (no session key)."""
    monkeypatch.delenv("COOPACT_SECRET_KEY", raising=False)
    monkeypatch.delenv("COOPACT_ANCHOR_LOG", raising=False)
    home = tmp_path / "home"
    shutil.copytree(demo_home, home)
    yield Cli(home, f"sqlite:///{home / 'coopact.db'}")


def _sql(cli: Cli, *statements: str) -> None:
    db = sqlite3.connect(cli.home / "coopact.db")
    try:
        db.execute("PRAGMA foreign_keys=OFF")
        for statement in (
            "DROP TRIGGER audit_events_no_update",
            "DROP TRIGGER audit_events_no_delete",
        ):
            db.execute(statement)
        for statement in statements:
            db.execute(statement)
        db.commit()
    finally:
        db.close()


def _failed(cli: Cli) -> str:
    result = cli("audit", "verify")
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    return result.stderr


def test_the_untouched_demo_home_verifies(demo: Cli) -> None:
    result = demo("audit", "verify")
    assert result.returncode == 0, result.stderr
    assert "Audit chain intact" in result.stdout
    assert "not anchored" not in result.stdout


def test_a_full_unkeyed_rewrite_with_the_anchor_log_deleted(demo: Cli) -> None:
    _sql(demo, "SELECT 1")  # the triggers dropped
    forgery.rewrite_unkeyed(f"sqlite:///{demo.home / 'coopact.db'}")
    (demo.home / "anchors.log").unlink()
    history = demo("history", REF, check=True).stdout
    assert forgery.FORGED_REASON in history  # the forgery reads as the record...
    stderr = _failed(demo)  # ...until verified
    assert "not signed by the audit key" in stderr
    assert "the chain was rewritten without the key" in stderr


def test_the_anchor_log_deleted(demo: Cli) -> None:
    (demo.home / "anchors.log").unlink()
    assert "anchor log" in _failed(demo) and "is missing or empty" in _failed(demo)


def test_the_anchor_log_truncated_at_a_line_boundary(demo: Cli) -> None:
    log = demo.home / "anchors.log"
    lines = log.read_text().splitlines(keepends=True)
    log.write_text("".join(lines[:-3]))
    assert "its last lines were removed" in _failed(demo)


def test_a_decision_row_deleted(demo: Cli) -> None:
    _sql(demo, "DELETE FROM decisions WHERE id = (SELECT MAX(id) FROM decisions)")
    stderr = _failed(demo)
    assert "is missing from the table: deleted by hand" in stderr and "decision " in stderr


def test_the_minutes_deleted(demo: Cli) -> None:
    _sql(demo, "DELETE FROM documents WHERE kind = 'minutes'")
    assert f"document minutes v1 of {REF}" in _failed(demo)


def test_a_schedule_row_deleted(demo: Cli) -> None:
    _sql(demo, "DELETE FROM schedule WHERE kind = 'term_end'")
    assert "schedule item term_end" in _failed(demo)


def test_a_decision_link_row_deleted_after_its_anchor(demo: Cli) -> None:
    """No event names a link row's existence: the anchor's count of the table does."""
    _sql(demo, "DELETE FROM decision_links WHERE id = (SELECT MAX(id) FROM decision_links)")
    stderr = _failed(demo)
    assert "table decision_links holds" in stderr and "rows were deleted by hand" in stderr


def test_the_stored_file_edited_with_its_hash_left_alone(demo: Cli) -> None:
    _sql(
        demo,
        "UPDATE partnership_files SET spec = json_set(spec, "
        "'$.governance.steering_committee.decision_rule', 'majority')",
    )
    assert f"the stored file of partnership {REF} was edited" in _failed(demo)
    status = demo("status", REF)  # refused on every read, as an altered document is
    assert status.returncode == 1 and "was edited in the database" in status.stderr


def test_the_key_replaced(demo: Cli) -> None:
    (demo.home / "secret.key").write_text(secrets.token_hex(32) + "\n")
    os.chmod(demo.home / "secret.key", 0o600)
    assert "which the key store does not hold" in _failed(demo)


def test_audit_anchor_covers_a_gap_only_when_all_else_is_intact(demo: Cli) -> None:
    """After a commit whose anchor could not be written, the operator (holding the key)
    anchors the head again; refused while anything else is wrong."""
    log = demo.home / "anchors.log"
    log.write_text("".join(log.read_text().splitlines(keepends=True)[:-1]))
    _sql(demo, "DELETE FROM documents WHERE kind = 'minutes'")
    refused = demo("audit", "anchor")
    assert refused.returncode == 1 and "other than the anchor log's gap" in refused.stderr
    assert "its last lines were removed" in _failed(demo)  # nothing was anchored


def test_audit_anchor_after_a_lost_anchor(demo: Cli) -> None:
    log = demo.home / "anchors.log"
    log.write_text("".join(log.read_text().splitlines(keepends=True)[:-1]))
    assert "coopact audit anchor" in _failed(demo)
    anchored = demo("audit", "anchor")
    assert anchored.returncode == 0 and "anchored again" in anchored.stdout
    assert demo("audit", "verify").returncode == 0
