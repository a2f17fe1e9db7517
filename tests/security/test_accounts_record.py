"""Officers' portal accounts stand against a database holder too: an account added, or a
role changed, or a disabled account enabled again, by hand is named by `audit verify`."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from coopact.services import users
from store.db import make_engine
from store.uow import UnitOfWork
from tests.integration.conftest import Cli


def _setup(tmp_path: Path, db_url: str) -> Cli:
    cli = Cli(tmp_path / "home", db_url)
    cli("init", check=True)
    uow = UnitOfWork.for_engine(make_engine(db_url))
    users.add_user(uow, "claire@example.org", "partnership_officer", "x" * 16, actor="cli")
    users.add_user(uow, "paul@example.org", "partnership_officer", "x" * 16, actor="cli")
    users.disable_user(uow, "paul@example.org", actor="cli")
    assert cli("audit", "verify").returncode == 0
    return cli


def test_accounts_changed_by_hand_are_named(tmp_path: Path, db_url: str) -> None:
    cli = _setup(tmp_path, db_url)
    engine = make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE web_users SET role = 'legal_officer' WHERE email LIKE 'claire%'"))
        conn.execute(text("UPDATE web_users SET disabled_at = NULL WHERE email LIKE 'paul%'"))
        conn.execute(
            text(
                "INSERT INTO web_users (email, role, password_hash, created_at) "
                "VALUES ('mallory@example.org', 'legal_officer', 'x', CURRENT_TIMESTAMP)"
            )
        )
    engine.dispose()
    verified = cli("audit", "verify")
    assert verified.returncode == 1
    assert (
        "portal account claire@example.org (legal_officer): the chain says its role is "
        "partnership_officer: changed by hand" in verified.stderr
    )
    assert "paul@example.org (partnership_officer) was disabled, and enabled again" in (
        verified.stderr
    )
    assert "mallory@example.org (legal_officer) is not in the audit chain" in verified.stderr
