"""The keyed chain's mechanics: key rotation, one read of the head per transaction,
concurrent commits anchored in one log."""

from __future__ import annotations

import secrets
import threading
from pathlib import Path

from sqlalchemy import event, select

from coopact.store import chain_hash
from coopact.store.anchors import AnchorLog
from coopact.store.audit_tables import AuditEventRow
from coopact.store.db import make_engine
from coopact.store.keys import Keyring
from coopact.store.uow import UnitOfWork
from coopact.store.verification import verify_everything


def _ring(*secrets_: str) -> Keyring:
    return Keyring(tuple(s.encode() for s in secrets_))


def _write(uow: UnitOfWork, n: int, action: str = "test.event") -> None:
    with uow:
        for i in range(n):
            uow.audit(action, actor="officer", i=i)
        uow.commit()


def _verify(engine, ring: Keyring, anchor: AnchorLog | None = None):  # type: ignore[no-untyped-def]
    with UnitOfWork.for_engine(engine, keyring=ring) as uow:
        return verify_everything(uow.session, ring, anchor)


def test_a_rotated_key_still_verifies_older_events(db_url: str) -> None:
    engine = make_engine(db_url)
    old, new = secrets.token_hex(32), secrets.token_hex(32)
    _write(UnitOfWork.for_engine(engine, keyring=_ring(old)), 3)
    _write(UnitOfWork.for_engine(engine, keyring=_ring(old, new)), 2)
    with engine.connect() as conn:
        kids = [
            r[0] for r in conn.execute(select(AuditEventRow.key_id).order_by(AuditEventRow.seq))
        ]
    assert kids[:3] == [_ring(old).current_id] * 3 and kids[3:] == [_ring(new).current_id] * 2
    assert _verify(engine, _ring(old, new)).intact
    lost = _verify(engine, _ring(new))  # the old secret removed from the key store
    assert not lost.intact
    assert f"names the key {_ring(old).current_id}" in lost.problems[0]
    wrong = _verify(engine, _ring(secrets.token_hex(32)))
    assert "event 1" in wrong.problems[0]
    engine.dispose()


def test_a_transaction_reads_the_chain_head_once(db_url: str) -> None:
    engine = make_engine(db_url)
    ring = _ring(secrets.token_hex(32))
    _write(UnitOfWork.for_engine(engine, keyring=ring), 1)
    reads: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT") and "audit_events" in statement:
            reads.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    _write(UnitOfWork.for_engine(engine, keyring=ring), 5)
    event.remove(engine, "before_cursor_execute", count)
    assert len(reads) == 1
    assert _verify(engine, ring).events == 6
    engine.dispose()


def test_a_rolled_back_append_is_not_reused(db_url: str) -> None:
    engine = make_engine(db_url)
    ring = _ring(secrets.token_hex(32))
    uow = UnitOfWork.for_engine(engine, keyring=ring)
    with uow:
        uow.audit("lost", actor="officer")
        uow.session.rollback()  # as a refusal does before recording itself
        uow.audit("refused", actor="officer")
        uow.commit()
    report = _verify(engine, ring)
    assert report.intact and report.events == 1
    engine.dispose()


def test_concurrent_commits_are_all_anchored(db_url: str, tmp_path: Path) -> None:
    engine = make_engine(db_url)
    ring = _ring(secrets.token_hex(32))
    anchor = AnchorLog(tmp_path / "anchors.log", ring)

    def worker() -> None:
        for _ in range(5):
            _write(UnitOfWork.for_engine(engine, keyring=ring, anchor=anchor), 2)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report = _verify(engine, ring, anchor)
    assert report.intact, report.problems
    assert (report.events, report.anchors, report.unanchored) == (40, 20, 0)
    assert chain_hash.GENESIS not in (tmp_path / "anchors.log").read_text().splitlines()[1]
    engine.dispose()
