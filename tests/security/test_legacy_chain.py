"""A database written before the keyed chain (revision 0004): its SHA-256 events still
verify after the upgrade, the keyed chain continues them, and an unkeyed event after a
keyed one is named."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from pathlib import Path

from sqlalchemy import text

from store.db import make_engine
from store.keys import Keyring
from store.migrate import upgrade
from store.uow import UnitOfWork
from store.verification import verify_everything

GENESIS = "0" * 64


def _legacy_hash(prev: str, body: dict) -> str:  # type: ignore[type-arg]
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev + canonical).encode()).hexdigest()


def _insert_legacy(conn, seq: int, prev: str, action: str) -> str:  # type: ignore[no-untyped-def]
    at = dt.datetime(2026, 1, seq, tzinfo=dt.UTC)
    body = {
        "seq": seq, "at": at.isoformat(timespec="microseconds"), "reference": None,
        "actor": "officer", "action": action, "payload": {},
    }  # fmt: skip
    digest = _legacy_hash(prev, body)
    conn.execute(
        text(
            "INSERT INTO audit_events (seq, at, reference, actor, action, payload, prev_hash, hash)"
            " VALUES (:seq, :at, NULL, 'officer', :action, '{}', :prev, :hash)"
        ),
        {"seq": seq, "at": at, "action": action, "prev": prev, "hash": digest},
    )
    return digest


def test_an_upgraded_chain_verifies_and_continues_keyed(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0004")
    with engine.begin() as conn:
        prev = _insert_legacy(conn, 1, GENESIS, "old.one")
        _insert_legacy(conn, 2, prev, "old.two")
    upgrade(engine)
    ring = Keyring((secrets.token_hex(32).encode(),))
    uow = UnitOfWork.for_engine(engine, keyring=ring)
    with uow:
        uow.audit("new.one", actor="officer")
        uow.commit()
    with UnitOfWork.for_engine(engine, keyring=ring) as uow:
        report = verify_everything(uow.session, ring, None)
    assert report.intact, report.problems
    assert (report.events, report.legacy) == (3, 2)

    with engine.begin() as conn:
        last = conn.execute(text("SELECT hash FROM audit_events WHERE seq = 3")).scalar_one()
        _insert_legacy(conn, 4, last, "forged")
    with UnitOfWork.for_engine(engine, keyring=ring) as uow:
        report = verify_everything(uow.session, ring, None)
    assert "event 4 is not signed by the audit key" in report.problems[0]
    engine.dispose()


def test_an_unkeyed_chain_in_a_database_created_keyed_is_a_forgery(tmp_path: Path) -> None:
    """No downgrade: the same SHA-256 events, in a database created at the keyed revision
    (its migration history does not predate the keyed chain), are named."""
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    upgrade(engine)
    with engine.begin() as conn:
        prev = _insert_legacy(conn, 1, GENESIS, "old.one")
        _insert_legacy(conn, 2, prev, "old.two")
    ring = Keyring((secrets.token_hex(32).encode(),))
    with UnitOfWork.for_engine(engine, keyring=ring) as uow:
        report = verify_everything(uow.session, ring, None)
    assert not report.intact
    assert "2 events are not signed by the audit key (the first: event 1)" in report.problems[0]
    assert "the chain was rewritten without the key" in report.problems[0]
    engine.dispose()
