"""One partnership's method scorecard is stored with the fingerprint of its inputs
(coopact/services/scorecards.py), on SQLite and on PostgreSQL: `status REF` shows the stored
card while nothing it was computed from changed, and the card computed again as soon as
something did (a clause file edited, a finding added, the file amended, the stage
advanced, another version of coopact); a database it cannot write to costs only the
keeping."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine

import coopact
from coopact import services
from coopact.adapters.config import settings
from coopact.schemas import Partnership
from coopact.services import scorecards
from coopact.services.scorecard_compute import scorecard_of
from coopact.store.db import read_only_connection
from coopact.store.reading import ReadOnlyUnitOfWork
from coopact.store.scorecards import StoredScorecards
from coopact.store.uow import UnitOfWork

REF = "P-2027-001"
PLANTED = [{"element": "planted"}]


def _shown(uow: Any) -> list[dict[str, Any]]:
    return services.status(uow, REF)[0].scorecard


def _computed(uow: UnitOfWork) -> list[dict[str, Any]]:
    """The card computed from scratch, without the store."""
    with uow:
        row = uow.partnerships.get(REF)
        return scorecard_of(row, uow.partnerships.findings(row))


def _plant(uow: UnitOfWork, *, key: bytes | None = None) -> None:
    """Replace the stored card by a marker sealed with the home's key (or ``key``), as
    coopact would seal it: shown only while its inputs hold."""
    with uow:
        row = uow.partnerships.get(REF)
        held = uow.scorecards.get(row.id)
        found = uow.partnerships.findings(row)
        inputs = scorecards.fingerprint(row, found, settings().templates)
    assert held is not None, "the card computed by `status REF` was not kept"
    text = json.dumps({**json.loads(held[1]), "scorecard": PLANTED})
    sealed = scorecards.seal(key or uow.keyring.key("scorecard"), inputs, text)
    assert uow.scorecards.keep(row.id, sealed, text)


@pytest.fixture
def planted(
    uow: UnitOfWork, example_data: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> UnitOfWork:
    templates = tmp_path / "templates"
    shutil.copytree(settings().templates, templates)
    monkeypatch.setenv("COOPACT_TEMPLATES", str(templates))
    services.register(uow, Partnership.model_validate(example_data), actor="test")
    assert _shown(uow) == _computed(uow)  # a miss: computed, and kept
    _plant(uow)
    assert _shown(uow) == PLANTED  # a hit: the stored card, not computed again
    return uow


def _recomputed(uow: UnitOfWork) -> None:
    shown = _shown(uow)
    assert shown != PLANTED, "a stale stored card was shown"
    assert shown == _computed(uow)
    assert _shown(uow) == shown  # kept again, with its new fingerprint


def test_a_card_edited_in_the_database_without_the_key_is_not_shown(
    planted: UnitOfWork,
) -> None:
    """Whoever holds the database but not the key: a card edited with its seal kept, or
    sealed under another key, is computed again from the file and the findings."""
    with planted:
        row = planted.partnerships.get(REF)
        held = planted.scorecards.get(row.id)
    assert held is not None
    edited = held[1].replace("planted", "forged")
    assert planted.scorecards.keep(row.id, held[0], edited)
    _recomputed(planted)
    _plant(planted, key=b"not the home's key" * 2)
    _recomputed(planted)


def test_an_edited_clause_file_makes_the_stored_card_stale(planted: UnitOfWork) -> None:
    clause = sorted((settings().templates / "clauses" / "fr").glob("*.md"))[0]
    clause.write_text(clause.read_text(encoding="utf-8") + "\nUne phrase ajoutée.\n", "utf-8")
    _recomputed(planted)


def test_an_added_finding_makes_the_stored_card_stale(planted: UnitOfWork) -> None:
    with planted:
        row = planted.partnerships.get(REF)
        found = {"code": "smart.no_milestone", "severity": "blocking", "factor": "demarrer",
                 "path": "", "params": {}}  # fmt: skip
        planted.partnerships.replace_findings(row, "review", [found])
        planted.commit()
    _recomputed(planted)
    assert any(f["code"] == "smart.no_milestone" for e in _shown(planted) for f in e["findings"])


def test_an_amended_file_makes_the_stored_card_stale(
    planted: UnitOfWork, example_data: dict[str, Any]
) -> None:
    example_data["vision"]["beneficiaries"] = "everyone"
    services.amend(planted, REF, Partnership.model_validate(example_data), actor="test")
    _recomputed(planted)


def test_an_advanced_stage_makes_the_stored_card_stale(planted: UnitOfWork) -> None:
    with planted:
        row = planted.partnerships.get(REF)
        row.stage = "balanced"  # the balance accepted: its warnings weigh less
        planted.commit()
    _recomputed(planted)


def test_another_version_makes_the_stored_card_stale(
    planted: UnitOfWork, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(coopact, "__version__", "99.0.0")
    scorecards.rules_digest.cache_clear()
    try:
        _recomputed(planted)
    finally:
        monkeypatch.undo()
        scorecards.rules_digest.cache_clear()


def test_the_read_side_shows_the_stored_card(planted: UnitOfWork, keyring: Any) -> None:
    engine = planted._sessions.kw["bind"]  # the same database, read without the ORM
    assert _shown(ReadOnlyUnitOfWork(engine, keyring=planted.keyring)) == PLANTED
    # under another key (another home's), the card does not hold: computed again
    assert _shown(ReadOnlyUnitOfWork(engine, keyring=keyring)) != PLANTED


def test_a_database_that_cannot_be_written_costs_only_the_keeping(sqlite_url: str) -> None:
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    engine = create_engine("sqlite://", creator=lambda: read_only_connection(path))
    assert StoredScorecards(None, engine).keep(1, "0" * 64, "{}") is False
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # a writer holds the lock: the card is not waited for
    try:
        from coopact.store.db import make_engine

        assert StoredScorecards(None, make_engine(sqlite_url)).keep(1, "0" * 64, "{}") is False
    finally:
        writer.execute("ROLLBACK")
        writer.close()
