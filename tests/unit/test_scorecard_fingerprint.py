"""The fingerprint a stored method scorecard is shown by (coopact/services/scorecards.py):
it changes with each input of the card (the file, a finding, the stage, the language, a
clause file's words, coopact's version), and only with them: the same inputs read again,
or another partnership's copy of the same file, give the same fingerprint."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import coopact
from coopact.services import scorecards


def _finding(**changes: Any) -> SimpleNamespace:
    found = {"code": "balance.benefit_not_valued", "severity": "warning", "factor": "equilibrer",
             "stage": "draft", "path": "benefits[0]", "params": {"benefit": "Emplois"}}  # fmt: skip
    return SimpleNamespace(**{**found, **changes})


def _row(**changes: Any) -> SimpleNamespace:
    row = {"spec_sha256": "a" * 64, "stage": "draft", "spec": {"language": "fr"}}
    return SimpleNamespace(**{**row, **changes})


@pytest.fixture
def templates(tmp_path: Path) -> Path:
    for language in ("fr", "en"):
        folder = tmp_path / "clauses" / language
        folder.mkdir(parents=True)
        (folder / "exit.md").write_text("---\nid: exit\n---\nLa sortie.\n", encoding="utf-8")
    return tmp_path


def _print(templates: Path, row: Any = None, found: Any = None) -> str:
    return scorecards.fingerprint(row or _row(), found or [_finding()], templates)


def test_the_same_inputs_give_the_same_fingerprint(templates: Path) -> None:
    assert _print(templates) == _print(templates)
    assert len(_print(templates)) == 64


@pytest.mark.parametrize(
    "row, found",
    [
        (_row(spec_sha256="b" * 64), None),  # the file amended
        (_row(stage="balanced"), None),  # the stage advanced
        (_row(spec={"language": "en"}), None),
        (None, [_finding(), _finding(code="smart.no_milestone", path="")]),  # a finding added
        (None, [_finding(severity="blocking")]),
        (None, [_finding(params={"benefit": "Recrutements"})]),
        (None, [_finding(stage="review")]),
        (None, []),  # the findings gone
    ],
    ids=[
        "file",
        "stage",
        "language",
        "finding added",
        "severity",
        "params",
        "finding's stage",
        "no finding",
    ],
)
def test_each_input_of_the_card_changes_the_fingerprint(
    templates: Path, row: Any, found: Any
) -> None:
    findings = [_finding()] if found is None else found
    changed = scorecards.fingerprint(row or _row(), findings, templates)
    assert changed != _print(templates)


def test_an_edited_added_or_removed_clause_file_changes_it(templates: Path) -> None:
    before = _print(templates)
    clause = templates / "clauses" / "fr" / "exit.md"
    clause.write_text(clause.read_text(encoding="utf-8") + "Un mot.\n", encoding="utf-8")
    edited = _print(templates)
    assert edited != before
    (templates / "clauses" / "en" / "annexes.md").write_text("---\nid: annexes\n---\nX\n")
    added = _print(templates)
    assert added not in (before, edited)
    (templates / "clauses" / "en" / "annexes.md").unlink()
    assert _print(templates) == edited


def test_another_version_of_coopact_changes_it(
    templates: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = _print(templates)
    monkeypatch.setattr(coopact, "__version__", "99.0.0")
    scorecards.rules_digest.cache_clear()
    try:
        assert _print(templates) != before
    finally:
        monkeypatch.undo()
        scorecards.rules_digest.cache_clear()
    assert _print(templates) == before


def test_the_rules_digest_covers_the_rules_source() -> None:
    """An edited rule (contracts/) or schema is part of the digest: a development checkout
    without a new version number does not show a card of the old rules."""
    package = Path(coopact.__file__).resolve().parent
    covered = [p for d in scorecards.RULES for p in (package / d).rglob("*.py")]
    assert package / "contracts" / "scorecard.py" in covered
    assert package / "schemas" / "partnership.py" in covered
    assert all((package / f).is_file() for f in scorecards.RULE_FILES)
