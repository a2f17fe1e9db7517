"""Steps of features/scorecard.feature: the 14-element method scorecard of a partnership."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from pytest_bdd import given, parsers, scenarios, then, when

from coopact.adapters.documents.clause_library import clause_library
from coopact.contracts.scorecard import RATING_LABELS, scorecard
from coopact.schemas import Partnership
from coopact.stages import review
from coopact.stages.base import WorkContext
from tests.bdd.partnership_steps import *  # noqa: F403 (shared steps are fixtures)
from tests.bdd.partnership_steps import partner_entry

scenarios("scorecard.feature")

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "coopact" / "examples" / "review.example.yaml"
LIBRARY = clause_library(ROOT / "templates")


@given(parsers.parse('the vision statement is "{statement}"'))
def statement_is(data: dict[str, Any], statement: str) -> None:
    data["vision"]["statement"] = statement


@given(parsers.parse('the beneficiaries are "{beneficiaries}"'))
def beneficiaries_are(data: dict[str, Any], beneficiaries: str) -> None:
    data["vision"]["beneficiaries"] = beneficiaries


@given("the partnership states no milestones")
def no_milestones(data: dict[str, Any]) -> None:
    data["milestones"] = []


@given(
    parsers.parse('the first review reports the red line "{red_line}" of "{partner}" as crossed'),
    target_fixture="answers",
)
def red_line_crossed(data: dict[str, Any], red_line: str, partner: str) -> dict[str, Any]:
    answers = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    answers["partners"][partner_entry(data, partner)["key"]]["red_lines_crossed"] = [red_line]
    return answers


def _compute(
    outcome: dict[str, Any], data: dict[str, Any], stored: list[Any], accepted: bool
) -> None:
    partnership = Partnership.model_validate(data)
    language = partnership.language.value
    outcome["language"] = language
    outcome["scores"] = {
        s.label: s
        for s in scorecard(
            partnership, stored, language, clauses=LIBRARY, balance_accepted=accepted
        )
    }


@when("the method scorecard is computed")
def computed(data: dict[str, Any], outcome: dict[str, Any]) -> None:
    _compute(outcome, data, [], accepted=False)


@when("the method scorecard is computed after the balance was accepted")
def computed_after_balance(data: dict[str, Any], outcome: dict[str, Any]) -> None:
    _compute(outcome, data, [], accepted=True)


@when("the method scorecard is computed after the review")
def computed_after_review(
    data: dict[str, Any], outcome: dict[str, Any], answers: dict[str, Any]
) -> None:
    partnership = Partnership.model_validate(data)
    ctx = WorkContext(
        reference="P-2027-001",
        templates=ROOT / "templates",
        today=dt.date(2027, 7, 15),
        review_answers=answers,
    )
    output = review.run(partnership, ctx)
    _compute(outcome, data, output.findings, accepted=True)


@then(parsers.parse("it rates {count:d} elements"))
def rates_count(outcome: dict[str, Any], count: int) -> None:
    assert len(outcome["scores"]) == count


@then("it rates the elements as follows")
def rates_as_follows(outcome: dict[str, Any], datatable: list[list[str]]) -> None:
    labels = RATING_LABELS[outcome["language"]]
    expected = [(row[0], row[1]) for row in datatable[1:]]
    actual = [(label, labels[s.rating]) for label, s in outcome["scores"].items()]
    assert actual == expected


@then(parsers.parse('"{element}" is rated "{rating}"'))
def rated(outcome: dict[str, Any], element: str, rating: str) -> None:
    score = outcome["scores"][element]
    assert RATING_LABELS[outcome["language"]][score.rating] == rating, score


@then(parsers.parse('"{element}" lists the finding "{code}"'))
def lists_finding(outcome: dict[str, Any], element: str, code: str) -> None:
    assert code in [f.code for f in outcome["scores"][element].findings]


@then(parsers.parse('"{element}" shows the evidence "{text}"'))
def shows_evidence(outcome: dict[str, Any], element: str, text: str) -> None:
    marks = {True: "✓", False: "✗"}
    shown = [f"{marks[e.met]} {e.text}" for e in outcome["scores"][element].evidence]
    assert text in shown, shown
