"""Two processes attempting the same lifecycle move at once: exactly one succeeds and the
other is told why, on SQLite and on PostgreSQL. Optimistic locking on the partnership row."""

from __future__ import annotations

import multiprocessing
from typing import Any

import pytest
from sqlalchemy import select, text

from coopact import services
from coopact.adapters.config import settings
from coopact.adapters.loading import load_file
from coopact.contracts.deciders import Decider
from coopact.contracts.errors import Conflict, CoopactError
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.store.db import make_engine
from coopact.store.tables import DecisionRow, PartnershipRow
from coopact.store.uow import UnitOfWork
from tests.conftest import EXAMPLE


def _decide_in_process(url: str, barrier: Any, name: str, outcome: str) -> tuple[str, str]:
    engine = make_engine(url)
    barrier.wait(timeout=60)
    try:
        result = services.decide(
            UnitOfWork.for_engine(engine),
            "P-2027-001",
            Gate.review,
            Decider(name, Role.committee_member),
            Outcome(outcome),
            "Décision du comité de pilotage",
        )
        return ("applied" if result.applied else "replayed", result.message)
    except CoopactError as error:
        return ("refused", error.message)
    finally:
        engine.dispose()


@pytest.fixture
def in_review(uow: UnitOfWork, db_url: str) -> str:
    services.register(uow, load_file(EXAMPLE), actor="test")
    engine = make_engine(db_url)
    with engine.begin() as conn:  # setup shortcut: the review gate is open
        conn.execute(text("UPDATE partnerships SET stage = 'in_review'"))
    engine.dispose()
    services.advance(uow, "P-2027-001", templates=settings().templates)  # the review report
    return db_url


def test_two_processes_deciding_the_same_gate_exactly_one_applies(in_review: str, uow) -> None:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Manager().Barrier(2)
    with ctx.Pool(2) as pool:
        results = pool.starmap(
            _decide_in_process,
            [
                (in_review, barrier, "Claire Martin", "go"),
                (in_review, barrier, "Claire Martin", "no_go"),
            ],
        )
    kinds = sorted(kind for kind, _ in results)
    assert kinds == ["applied", "refused"], results
    refusal = next(message for kind, message in results if kind == "refused")
    assert "a decision is final for its round" in refusal  # told what was decided
    with uow:
        stage = uow.session.scalar(select(PartnershipRow.stage))
        decisions = uow.session.scalars(select(DecisionRow)).all()
        assert len(decisions) == 1
        assert stage == "in_review", "one vote of four: the consensus is still awaited"
        refused = uow.session.execute(
            text("SELECT count(*) FROM audit_events WHERE action = 'refused'")
        ).scalar()
        assert refused == 1


def test_a_stale_partnership_row_is_refused_on_commit(pg_url: str) -> None:
    """PostgreSQL lets two transactions read the same row; the later writer is refused.
    (On SQLite, BEGIN IMMEDIATE serialises writers, so the second never reads stale data.)"""
    engine = make_engine(pg_url)
    uow = UnitOfWork.for_engine(engine)
    services.register(uow, load_file(EXAMPLE), actor="test")
    first, second = UnitOfWork.for_engine(engine), UnitOfWork.for_engine(engine)
    with first, second:
        mine = first.partnerships.get("P-2027-001")
        theirs = second.partnerships.get("P-2027-001")
        mine.stage = "vision_agreed"
        first.commit()
        theirs.stage = "balanced"
        with pytest.raises(Conflict, match="someone else changed this partnership"):
            second.commit()
    with uow:
        assert uow.partnerships.get("P-2027-001").stage == "vision_agreed"
    engine.dispose()
