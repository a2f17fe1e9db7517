"""Steps of features/review.feature: the periodic Go/noGo review and its health check."""

from __future__ import annotations

import copy
import datetime as dt
import io
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from pytest_bdd import given, parsers, scenarios, then, when

from coopact.contracts.review import recommendation
from coopact.contracts.review_check import validate_against
from coopact.schemas import Partnership
from coopact.schemas.review import ReviewAnswers
from coopact.stages import review
from coopact.stages.base import WorkContext
from tests.bdd.partnership_steps import *  # noqa: F403 (shared steps are fixtures)
from tests.bdd.partnership_steps import plain

scenarios("review.feature")

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "coopact" / "examples" / "review.example.yaml"


@pytest.fixture
def health() -> dict[str, Any]:
    """This review's health check (``answers``, None when not filled) and the previous one."""
    return {"answers": None, "previous": None}


# Given ----------------------------------------------------------------------------------


@given(parsers.parse("the example health check of its first review, on {day}"))
def example_health_check(health: dict[str, Any], day: str) -> None:
    answers = yaml.safe_load(ANSWERS.read_text(encoding="utf-8"))
    assert answers["review_date"] == dt.date.fromisoformat(day)
    health["answers"] = answers


@given("the health check was not filled")
def not_filled(health: dict[str, Any]) -> None:
    health["answers"] = None


@given(parsers.parse('the "{ritual}" was held {n:d} times since the start'))
def ritual_held(health: dict[str, Any], ritual: str, n: int) -> None:
    health["answers"]["rituals"][ritual] = {"held": n}


@given(parsers.parse('the indicator of milestone "{key}" was last updated on {day} at {value:d}'))
def indicator_updated(health: dict[str, Any], key: str, day: str, value: int) -> None:
    health["answers"]["milestones"][key] = {"value": value, "updated_on": day}


@given(parsers.parse("the previous review, on {day}, gave the example answers"))
def previous_review(health: dict[str, Any], day: str) -> None:
    health["previous"] = copy.deepcopy(health["answers"])
    assert health["previous"]["review_date"] == dt.date.fromisoformat(day)


@given(parsers.parse("this review is held on {day}"))
def review_held_on(health: dict[str, Any], day: str) -> None:
    health["answers"]["review_date"] = dt.date.fromisoformat(day)


@given(parsers.parse('"{key}" scores its {question} {score:d}'))
def scores(health: dict[str, Any], key: str, question: str, score: int) -> None:
    health["answers"]["partners"][key][question] = score


@given(parsers.parse('"{key}" did not answer the health check'))
def did_not_answer(health: dict[str, Any], key: str) -> None:
    del health["answers"]["partners"][key]


@given(parsers.parse('"{key}" reports its red line "{red_line}" as crossed'))
def red_line_crossed(health: dict[str, Any], key: str, red_line: str) -> None:
    health["answers"]["partners"][key]["red_lines_crossed"] = [red_line]


@given(parsers.parse('"{key}" says its mission is no longer served'))
def mission_not_served(health: dict[str, Any], key: str) -> None:
    health["answers"]["partners"][key]["mission_served"] = False


@given(parsers.parse('"{key}" perceives its benefits as "{perceived}" because "{comment}"'))
def perceives(health: dict[str, Any], key: str, perceived: str, comment: str) -> None:
    health["answers"]["partners"][key]["benefits"] = {"perceived": perceived, "comment": comment}


# When -----------------------------------------------------------------------------------


def _run(
    data: dict[str, Any], health: dict[str, Any], outcome: dict[str, Any], today: dt.date
) -> None:
    partnership = Partnership.model_validate(data)
    answers, previous = health["answers"], health["previous"]
    # The stage receives what the service stored: answers validated, as plain JSON data.
    as_stored = [
        None if a is None else ReviewAnswers.model_validate(a).model_dump(mode="json")
        for a in (answers, previous)
    ]
    for stored in as_stored:
        if stored is not None:
            assert validate_against(ReviewAnswers.model_validate(stored), partnership) == []
    ctx = WorkContext(
        reference="P-2027-001",
        templates=ROOT / "templates",
        today=today,
        review_answers=as_stored[0],
        previous_review_answers=as_stored[1],
    )
    outcome["output"] = review.run(partnership, ctx)
    outcome["partnership"] = partnership


@when("the review is run")
def run_review(data: dict[str, Any], health: dict[str, Any], outcome: dict[str, Any]) -> None:
    day = health["answers"]["review_date"]
    _run(data, health, outcome, day if isinstance(day, dt.date) else dt.date.fromisoformat(day))


@when(parsers.parse("the review is run on {day}"))
def run_review_on(
    data: dict[str, Any], health: dict[str, Any], outcome: dict[str, Any], day: str
) -> None:
    _run(data, health, outcome, dt.date.fromisoformat(day))


@when("the health check is checked against the partnership")
def check_against(data: dict[str, Any], health: dict[str, Any], outcome: dict[str, Any]) -> None:
    answers = ReviewAnswers.model_validate(health["answers"])
    outcome["problems"] = validate_against(answers, Partnership.model_validate(data))


# Then -----------------------------------------------------------------------------------


@then(parsers.parse('a {severity} finding "{code}" is reported for the whole review'))
def finding_for_review(outcome: dict[str, Any], severity: str, code: str) -> None:
    found = [f for f in outcome["output"].findings if f.code == code]
    assert len(found) == 1, [f.code for f in outcome["output"].findings]
    assert found[0].severity.value == severity
    outcome["finding"] = found[0]


@then(parsers.parse('the recommendation is "{expected}"'))
def recommendation_is(outcome: dict[str, Any], expected: str) -> None:
    assert recommendation(outcome["output"].findings).value == expected
    assert f"recommendation {expected}," in outcome["output"].summary


def _report(outcome: dict[str, Any]) -> docx.document.Document:
    (document,) = [d for d in outcome["output"].documents if d.kind == "review_report"]
    assert document.filename.startswith("P-2027-001-rapport-de-revue-")
    return docx.Document(io.BytesIO(document.content))


def _rows(outcome: dict[str, Any], first_header: str) -> list[list[str]]:
    for table in _report(outcome).tables:
        rows = [[plain(c.text) for c in row.cells] for row in table.rows]
        if rows[0][0] == first_header:
            return rows[1:]
    raise AssertionError(f"no table headed {first_header!r}")


@then(parsers.parse('the report says "{text}"'))
def report_says(outcome: dict[str, Any], text: str) -> None:
    paragraphs = "\n".join(plain(p.text) for p in _report(outcome).paragraphs)
    assert text in paragraphs, paragraphs


@then(
    parsers.parse(
        'the report shows the ritual "{ritual}" with {expected:d} meetings expected '
        "and {held:d} held"
    )
)
def report_ritual(outcome: dict[str, Any], ritual: str, expected: int, held: int) -> None:
    row = next(r for r in _rows(outcome, "Rituel") if r[0] == ritual)
    assert row[2:] == [str(expected), str(held)]


@then(
    parsers.parse(
        'the report shows the milestone "{key}" at "{value}" for a target of "{target}", "{status}"'
    )
)
def report_milestone(
    outcome: dict[str, Any], key: str, value: str, target: str, status: str
) -> None:
    # Jalon (key, title, due) | Indicateur (name, target) | Valeur actuelle (value, as of) | État
    row = next(r for r in _rows(outcome, "Jalon") if r[0].splitlines()[0] == key)
    assert f"Cible : {target}" in row[1].splitlines()
    assert (row[2].splitlines()[0], row[3]) == (value, status)


@then(parsers.parse('the problem "{path}" says "{text}"'))
def problem_says(outcome: dict[str, Any], path: str, text: str) -> None:
    found = [p for p in outcome["problems"] if p.path == path]
    assert found, outcome["problems"]
    assert text in found[0].message
