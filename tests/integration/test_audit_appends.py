"""Appending to the audit chain with concurrent writers: a transaction's events are written
at its commit, so that a writer still at work keeps no other writer waiting (PostgreSQL),
and what a savepoint rolls back is dropped, whatever was written inside it."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from coopact.store import audit, chain_verify
from coopact.store.db import make_engine
from coopact.store.keys import Keyring
from coopact.store.uow import UnitOfWork


def test_a_writer_still_at_work_keeps_no_other_writer_waiting(
    pg_url: str, keyring: Keyring
) -> None:
    engine = make_engine(pg_url)
    busy, other = (UnitOfWork.for_engine(engine, keyring=keyring) for _ in range(2))
    with busy:
        busy.audit("decision.recorded", actor="officer", reference="P-2027-001")
        # ... the closing decision's minutes are being written: meanwhile, another worker
        with other:
            other.session.execute(text("SET LOCAL lock_timeout = '3s'"))  # fail, not hang
            other.audit("decision.recorded", actor="officer", reference="P-2027-002")
            other.commit()
        busy.commit()
    with busy:
        rows = audit.events(busy.session)
    assert [r.reference for r in rows] == ["P-2027-002", "P-2027-001"]
    assert chain_verify.verify(rows, keyring).broken is None
    engine.dispose()


def test_a_savepoint_rolled_back_drops_its_events_and_keeps_the_ones_before(
    db_url: str, keyring: Keyring
) -> None:
    engine = make_engine(db_url)
    uow = UnitOfWork.for_engine(engine, keyring=keyring)
    with uow:
        uow.audit("before", actor="officer")
        with pytest.raises(RuntimeError), uow.session.begin_nested():
            uow.audit("inside", actor="officer")
            seen = [e.action for e in audit.events(uow.session)]  # written, inside it
            uow.audit("inside, later", actor="officer")
            raise RuntimeError("refused")
        assert seen == ["before", "inside"]
        uow.audit("after", actor="officer")
        uow.commit()
    with uow:
        rows = audit.events(uow.session)
    assert [r.action for r in rows] == ["before", "after"]
    assert chain_verify.verify(rows, keyring).broken is None
    engine.dispose()


def test_a_rollback_before_any_statement_drops_the_events(db_url: str, keyring: Keyring) -> None:
    engine = make_engine(db_url)
    uow = UnitOfWork.for_engine(engine, keyring=keyring)
    with uow:
        uow.audit("lost", actor="officer")
        uow.session.rollback()
        uow.audit("refused", actor="officer")
        uow.commit()
    with uow:
        assert [r.action for r in audit.events(uow.session)] == ["refused"]
    engine.dispose()
