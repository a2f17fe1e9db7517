"""An anchor counts the rows of the tables its commit added rows to or deleted rows from,
and only those (on SQLite and PostgreSQL): a commit that only updates rows counts none,
however large the tables; a row deleted by hand is still named against the last anchor
that counted its table."""

from __future__ import annotations

import secrets
from pathlib import Path

import yaml
from sqlalchemy import text

from coopact import services
from coopact.adapters.loading import load_text
from coopact.services import users
from coopact.store.anchors import AnchorLog
from coopact.store.db import make_engine
from coopact.store.keys import Keyring
from coopact.store.uow import UnitOfWork
from tests.integration.after_signature_helpers import partnership_data


def test_each_anchor_counts_what_its_commit_added_or_deleted(db_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url)
    ring = Keyring((secrets.token_hex(32).encode(),))
    anchor = AnchorLog(tmp_path / "anchors.log", ring)
    uow = UnitOfWork.for_engine(engine, keyring=ring, anchor=anchor)
    text_ = yaml.safe_dump(partnership_data(lambda data: None), allow_unicode=True)
    reference = services.register(uow, load_text(text_), actor="officer").reference
    registered = anchor.read().anchors[-1].counts or {}
    assert registered.get("partnerships") == 1
    assert "web_users" not in registered and "decision_links" not in registered

    users.add_user(uow, "marie@tremplin.example", "partnership_officer", "x" * 16, actor="cli")
    assert (anchor.read().anchors[-1].counts or {}).get("web_users") == 1

    with uow:  # a change of a row, no row added: nothing counted but the events
        uow.partnerships.get(reference).title = "Un autre titre"
        uow.audit("partnership.renamed", actor="officer", reference=reference)
        uow.commit()
    assert sorted(anchor.read().anchors[-1].counts or {}) == ["events"]

    with engine.begin() as conn:
        conn.execute(text("DELETE FROM web_users"))
    problems = services.verify_audit(uow).problems
    assert any("table web_users holds 0 rows" in p for p in problems), problems
    engine.dispose()
