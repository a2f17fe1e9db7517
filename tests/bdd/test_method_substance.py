"""Steps of features/method_substance.feature: the method judged on substance.

A scenario changes one field of the example file (``"path" reads VALUE``, the value read
as YAML), then runs every rule that reads the file, each at the stage where it runs and with
its real severity, or the review's rules on a health check it states."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import yaml
from pytest_bdd import given, parsers, scenarios, then, when

from coopact.adapters.documents.clause_library import configured_library
from coopact.contracts import readiness, review, scorecard
from coopact.contracts.findings import Finding
from coopact.schemas import Partnership
from coopact.schemas.review import ReviewAnswers

scenarios("method_substance.feature")

_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@pytest.fixture
def found() -> dict[str, Any]:
    return {}


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    keys: list[str | int] = [int(index) if index else name for name, index in _STEP.findall(path)]
    node: Any = data
    for key in keys[:-1]:
        node = node[key]
    node[keys[-1]] = value


@given(parsers.re(r'"(?P<path>[^"]+)" reads (?P<value>.+)$'))
def field_reads(partnership_data: dict[str, Any], path: str, value: str) -> None:
    _set(partnership_data, path, yaml.safe_load(value))


@when("the method's rules read the file")
def rules_read(partnership_data: dict[str, Any], found: dict[str, Any]) -> None:
    partnership = Partnership.model_validate(partnership_data)
    clauses = configured_library()
    findings = list(scorecard.file_findings(partnership, clauses))
    for _stage, check in readiness.later_checks(clauses):
        findings.extend(check(partnership))
    found.update(partnership=partnership, findings=findings)


@when("the partnership is registered")
def registered(partnership_data: dict[str, Any], found: dict[str, Any]) -> None:
    partnership = Partnership.model_validate(partnership_data)
    findings = readiness.registration_findings(partnership, configured_library())
    found.update(partnership=partnership, findings=findings)


@when(
    parsers.parse(
        "the health check of {day} says m1 stands at {m1:d} and m2 at {m2:d}, "
        'every partner answering "met"'
    )
)
def health_check(
    partnership_data: dict[str, Any], found: dict[str, Any], day: str, m1: int, m2: int
) -> None:
    partnership = Partnership.model_validate(partnership_data)
    date = dt.date.fromisoformat(day)
    updated = date - dt.timedelta(days=5)
    partner = {"engagement": 4, "trust": 4, "benefits": {"perceived": "met"}}
    answers = ReviewAnswers.model_validate(
        {
            "review_date": date,
            "partners": {"tremplin": {**partner, "mission_served": True}, "logistix": partner},
            "milestones": {
                "m1": {"value": m1, "updated_on": updated},
                "m2": {"value": m2, "updated_on": updated},
            },
            "rituals": {"Point projet": {"held": 30}, "Comité de pilotage": {"held": 4}},
        }
    )
    findings = review.review_findings(partnership, answers)
    found.update(partnership=partnership, findings=findings)


@then(parsers.parse('a {severity} "{code}" is raised at "{path}"'))
def raised(found: dict[str, Any], severity: str, code: str, path: str) -> None:
    findings: list[Finding] = found["findings"]
    match = [f for f in findings if f.code == code and f.path == path]
    assert match, [(f.code, f.path) for f in findings]
    assert match[0].severity.value == severity
    assert match[0].text("fr") != code and match[0].text("en") != code
    found["finding"] = match[0]


@then(parsers.parse('the finding says "{text}"'))
def says(found: dict[str, Any], text: str) -> None:
    words = found["finding"].text("fr").replace("\u202f", " ").replace("\u00a0", " ")
    assert text in words, words


@then(parsers.parse('no finding "{code}" is raised'))
def not_raised(found: dict[str, Any], code: str) -> None:
    assert code not in [f.code for f in found["findings"]]


@then(parsers.parse('no finding with a code starting with "{prefix}" is raised'))
def none_prefixed(found: dict[str, Any], prefix: str) -> None:
    assert [f.code for f in found["findings"] if f.code.startswith(prefix)] == []


@then(parsers.parse('"{element}" is not rated "{rating}" and lists "{code}"'))
def not_rated(found: dict[str, Any], element: str, rating: str, code: str) -> None:
    cards = scorecard.scorecard(
        found["partnership"], found["findings"], "fr", clauses=configured_library()
    )
    [score] = [s for s in cards if s.label == element]
    assert scorecard.RATING_LABELS["fr"][score.rating] != rating
    assert code in [f.code for f in score.findings]
