"""The practitioner cases of tests/data/method_cases: each a realistic partnership written
from the method, with the findings a practitioner expects beside it (``*.expected.yaml``).

Every rule that reads the file (at the stage where it runs, with its real severity) and, for
a case with a health check, the review's rules are run; the rules must raise at least 90 %
of the expected findings, no blocking finding a case does not expect, none of the false
alarms a case lists, and the scorecard must rate no element "covered" while one of the
case's findings for it stands.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from coopact.adapters.documents.clause_library import configured_library
from coopact.contracts import readiness, review, scorecard
from coopact.contracts.finding_texts import Severity, text_of
from coopact.contracts.findings import Finding
from coopact.schemas import Partnership
from coopact.schemas.review import ReviewAnswers

CASES = Path(__file__).resolve().parents[1] / "data" / "method_cases"
NAMES = sorted(
    p.name.removesuffix(".yaml") for p in CASES.glob("case*.yaml") if ".expected" not in p.name
)


def _case(name: str) -> tuple[Partnership, dict[str, Any]]:
    data = yaml.safe_load((CASES / f"{name}.yaml").read_text(encoding="utf-8"))
    side = yaml.safe_load((CASES / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    return Partnership.model_validate(data), side


def findings_of(partnership: Partnership, side: dict[str, Any]) -> list[Finding]:
    """What the rules raise on the case, each at the stage that runs it (real severity)."""
    clauses = configured_library()
    found = list(scorecard.file_findings(partnership, clauses))
    for _stage, check in readiness.later_checks(clauses):
        found.extend(check(partnership))
    if side.get("review"):
        answers = ReviewAnswers.model_validate(side["review"])
        found.extend(review.review_findings(partnership, answers))
    return found


def _raised(expected: dict[str, str], found: list[Finding]) -> bool:
    return any(
        f.code == expected["code"] and ("path" not in expected or f.path == expected["path"])
        for f in found
    )


def test_there_are_ten_to_twelve_cases() -> None:
    assert 10 <= len(NAMES) <= 12


def test_at_least_90_percent_of_the_expected_findings_are_raised() -> None:
    expected = raised = 0
    missed = []
    for name in NAMES:
        partnership, side = _case(name)
        found = findings_of(partnership, side)
        for wanted in side["expected"]:
            expected += 1
            if _raised(wanted, found):
                raised += 1
            else:
                missed.append((name, wanted, sorted({(f.code, f.path) for f in found})))
    assert expected >= 20
    assert raised >= 0.9 * expected, (raised, expected, missed)


@pytest.mark.parametrize("name", NAMES)
def test_no_false_blocking_finding_and_no_false_alarm(name: str) -> None:
    partnership, side = _case(name)
    found = findings_of(partnership, side)
    wanted = {e["code"] for e in side["expected"]}
    false_blocking = [
        (f.code, f.path) for f in found if f.severity is Severity.blocking and f.code not in wanted
    ]
    assert false_blocking == []
    alarms = [(f.code, f.path) for f in found if f.code in side.get("forbidden", [])]
    assert alarms == []


@pytest.mark.parametrize("name", NAMES)
def test_every_finding_has_its_sentence_in_the_case_language(name: str) -> None:
    partnership, side = _case(name)
    for f in findings_of(partnership, side):
        text = text_of(f.code, f.params, partnership.language.value)
        assert text != f.code and not re.search(r"\{[a-z_]+\}", text), f.code


@pytest.mark.parametrize("name", NAMES)
def test_no_element_covered_while_a_finding_of_the_case_stands(name: str) -> None:
    partnership, side = _case(name)
    stored = findings_of(partnership, side)
    for score in scorecard.scorecard(partnership, stored, clauses=configured_library()):
        if score.rating is scorecard.Rating.covered:
            assert score.findings == (), (score.key, [f.code for f in score.findings])
    codes = {e["code"] for e in side["expected"]}
    cards = scorecard.scorecard(partnership, stored, clauses=configured_library())
    for code in codes:
        behind = [s for s in cards if any(f.code == code for f in s.findings)]
        assert behind, f"{code} is behind no element of the scorecard"
