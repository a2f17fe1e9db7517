"""50 concurrent identical decisions on one gate (threads), on SQLite and on PostgreSQL:
exactly one is recorded and closes the gate once; the 49 others are told it was already
recorded, and the audit chain stays intact."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select, text

from coopact import services
from coopact.adapters.config import settings
from coopact.adapters.loading import load_file
from coopact.contracts.deciders import Decider
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.store.audit_tables import AuditEventRow
from coopact.store.db import make_engine
from coopact.store.tables import DecisionRow
from coopact.store.uow import UnitOfWork
from tests.conftest import EXAMPLE

THREADS = 50
REF = "P-2027-001"


def test_fifty_identical_decisions_at_once_are_recorded_once(db_url: str) -> None:
    engine = make_engine(db_url)
    services.register(UnitOfWork.for_engine(engine), load_file(EXAMPLE), actor="test")
    with engine.begin() as conn:  # setup shortcut: the review gate is open
        conn.execute(text("UPDATE partnerships SET stage = 'in_review'"))
    services.advance(UnitOfWork.for_engine(engine), REF, templates=settings().templates)
    barrier = threading.Barrier(THREADS)

    def decide(_: int) -> services.DecisionResult:
        uow = UnitOfWork.for_engine(engine)  # each thread its own unit of work
        barrier.wait(timeout=60)
        return services.decide(
            uow,
            REF,
            Gate.review,
            Decider("Claire Martin", Role.committee_member),
            Outcome.go,
            "Les jalons sont tenus.",
        )

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(decide, range(THREADS)))

    applied = [r for r in results if r.applied]
    assert len(applied) == 1
    assert not applied[0].gate_closed and applied[0].stage == "in_review"  # 1 vote of 4
    assert {r.message for r in results if not r.applied} == {services.ALREADY_RECORDED}
    uow = UnitOfWork.for_engine(engine)
    with uow:
        assert uow.session.scalar(select(func.count()).select_from(DecisionRow)) == 1
        actions = list(uow.session.scalars(select(AuditEventRow.action)))
    assert actions.count("decision.recorded") == 1
    assert actions.count("gate.closed") == 0, "the consensus awaits the other members"
    assert "refused" not in actions
    assert services.status(uow, REF)[0].stage == "in_review"
    report = services.verify_audit(uow)
    # The test moved the stage by hand (SQL) to reach the review: verify names exactly that.
    assert [str(p) for p in report.problems if "changed by hand" not in str(p)] == []
    assert report.events == len(actions)
    engine.dispose()
