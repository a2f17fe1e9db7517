"""Opening the due reviews in chunks, on SQLite and PostgreSQL: each chunk its own
transaction, so that a run that dies mid-way keeps what it opened and a second run opens
the rest, none twice; the chain and the tables still verify."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import text

from coopact import services
from coopact.adapters.loading import load_text
from coopact.contracts.lifecycle import Stage
from coopact.services import review_opening
from coopact.store import audit
from coopact.store.anchors import AnchorLog
from coopact.store.db import make_engine
from coopact.store.keys import Keyring
from coopact.store.uow import UnitOfWork
from tests.integration.after_signature_helpers import TEMPLATES, partnership_data

FIRST_REVIEW = dt.date(2027, 7, 15)


def _active(uow: UnitOfWork, count: int) -> list[str]:
    """``count`` active partnerships (registered, then signed as a set-up shortcut, then
    activated by the real stage work)."""
    references = []
    for n in range(count):

        def another(data: dict[str, Any], n: int = n) -> None:
            data["reference"] = f"P-2027-{n + 1:03d}"
            data["title"] = f"{data['title']} ({n + 1})"

        text = yaml.safe_dump(partnership_data(another), allow_unicode=True, sort_keys=False)
        reference = services.register(uow, load_text(text), actor="officer").reference
        with uow:
            uow.partnerships.get(reference).stage = Stage.signed.value
            uow.commit()
        services.advance(uow, reference, templates=TEMPLATES, today=dt.date(2026, 12, 1))
        references.append(reference)
    return references


def _opened_events(uow: UnitOfWork) -> dict[str, int]:
    counted: dict[str, int] = {}
    with uow:
        for event in audit.events(uow.session):
            if event.action == "review.opened":
                counted[event.reference] = counted.get(event.reference, 0) + 1
    return counted


def test_a_run_that_dies_mid_way_is_finished_by_the_next_one_none_opened_twice(
    uow: UnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    references = _active(uow, 3)
    opening = review_opening._open_reviews
    calls = []

    def dies_on_the_second_chunk(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the worker was lost")
        return opening(*args, **kwargs)

    monkeypatch.setattr(review_opening, "_open_reviews", dies_on_the_second_chunk)
    with pytest.raises(RuntimeError, match="the worker was lost"):
        services.review_due(uow, FIRST_REVIEW, chunk=1)
    stages = {v.reference: v.stage for v in services.status(uow)}
    assert stages == {references[0]: "in_review", references[1]: "active",
                      references[2]: "active"}  # fmt: skip

    monkeypatch.setattr(review_opening, "_open_reviews", opening)
    again = services.review_due(uow, FIRST_REVIEW, chunk=1)
    assert [r.reference for r in again] == references[1:]
    assert services.review_due(uow, FIRST_REVIEW) == []
    assert {v.stage for v in services.status(uow)} == {"in_review"}
    assert _opened_events(uow) == dict.fromkeys(references, 1)
    report = services.verify_audit(uow)
    assert report.intact, report.problems


def test_a_review_opened_in_bulk_is_the_same_as_one_opened_alone(uow: UnitOfWork) -> None:
    """Several partnerships in one chunk: each gets its stage, its new review round, its
    overdue periods and its opening event, and the next review works from there."""
    references = _active(uow, 2)
    later = dt.date(2028, 1, 20)  # two reviews and a Go/noGo milestone are due by then
    opened = services.review_due(uow, later)
    assert [(r.reference, r.kind, r.due_on) for r in opened] == [
        (ref, "review", dt.date(2028, 1, 15)) for ref in references
    ]
    events = services.history(uow, references[1])
    with uow:
        rounds = uow.partnerships.get(references[1]).rounds
    overdue = [e["payload"] for e in events if e["action"] == "review.overdue"]
    assert overdue == [{"covered_by": "2028-01-15", "due_on": "2027-07-15",
                        "noticed_on": "2028-01-20"}]  # fmt: skip
    (event,) = [e["payload"] for e in events if e["action"] == "review.opened"]
    assert event["periods"] == ["2027-07-15", "2028-01-15"]
    assert event["stage_to"] == "in_review"
    assert rounds["review"] == 2
    result = services.advance(uow, references[1], templates=TEMPLATES, today=later)
    assert result.new_documents == ["review_report v1 (fr)"]
    report = services.verify_audit(uow)
    assert report.intact, report.problems


def test_a_plain_batch_counts_no_row_again_and_a_row_deleted_after_it_is_still_named(
    db_url: str, tmp_path: Path
) -> None:
    """Opening reviews only updates rows: the batch's anchors count no table again
    (counting millions of rows would tell nothing new), and a document deleted by hand
    after the batch is named against the count of the anchor before it."""
    engine = make_engine(db_url)
    ring = Keyring((secrets.token_hex(32).encode(),))
    anchor = AnchorLog(tmp_path / "anchors.log", ring)
    uow = UnitOfWork.for_engine(engine, keyring=ring, anchor=anchor)
    _active(uow, 2)
    before = anchor.read().anchors
    assert any("documents" in (a.counts or {}) for a in before)
    services.review_due(uow, FIRST_REVIEW, chunk=1)
    after = anchor.read().anchors[len(before) :]
    assert [sorted(a.counts or {}) for a in after] == [["events"], ["events"]]
    assert services.verify_audit(uow).intact
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM documents WHERE id = (SELECT MAX(id) FROM documents)"))
    problems = services.verify_audit(uow).problems
    assert any("table documents holds" in p and "deleted by hand" in p for p in problems), problems
    engine.dispose()


def test_postgresql_plans_each_statement_for_its_own_ids(pg_url: str) -> None:
    """A chunk's statements, repeated, are prepared by the driver: the server must still
    plan them for the chunk's own ids, not once for any array (store/db.py)."""
    engine = make_engine(pg_url)
    with engine.connect() as conn:
        assert conn.execute(text("SHOW plan_cache_mode")).scalar_one() == "force_custom_plan"
        conn.rollback()
    with engine.connect() as conn:  # kept after a transaction rolled back
        assert conn.execute(text("SHOW plan_cache_mode")).scalar_one() == "force_custom_plan"
    engine.dispose()
