"""Steps of features/smart.feature: SMART milestones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_bdd import given, parsers, scenarios, then, when

from coopact.contracts.finding_texts import Severity
from coopact.contracts.findings import Finding
from coopact.contracts.smart import letters_broken, smart_findings
from coopact.schemas import Partnership
from coopact.stages.registration import registration_findings

scenarios("smart.feature")

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "partnership.example.yaml"


@pytest.fixture
def data() -> dict[str, Any]:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def _milestone(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(m for m in data["milestones"] if m["key"] == key)


# Given ----------------------------------------------------------------------------------


@given(parsers.parse('the example partnership "{reference}"'))
def example(data: dict[str, Any], reference: str) -> None:
    assert data["reference"] == reference


@given(
    parsers.parse(
        'a milestone "{key}" titled "{title}" for "{owner}" due on {due} with no indicator'
    )
)
def vague_milestone(data: dict[str, Any], key: str, title: str, owner: str, due: str) -> None:
    data["milestones"].append(
        {"key": key, "title": title, "owner": owner, "due": dt.date.fromisoformat(due)}
    )


@given(parsers.parse('milestone "{key}" goes from {baseline:d} to {target:d} "{unit}"'))
def indicator(data: dict[str, Any], key: str, baseline: int, target: int, unit: str) -> None:
    milestone = _milestone(data, key)
    milestone["indicator"] = {
        **milestone["indicator"],
        "baseline": baseline,
        "target": target,
        "unit": unit,
    }


@given(parsers.parse('milestone "{key}" is justified by "{justification}"'))
def justified(data: dict[str, Any], key: str, justification: str) -> None:
    _milestone(data, key)["justification"] = justification


@given(parsers.parse('"{partner}" brings no contribution and has named no referent'))
def owner_without_means(data: dict[str, Any], partner: str) -> None:
    data["contributions"] = [c for c in data["contributions"] if c["partner"] != partner]
    next(p for p in data["partners"] if p["key"] == partner).pop("referent")


@given(parsers.parse('milestone "{key}" is due on {due}'))
def due_on(data: dict[str, Any], key: str, due: str) -> None:
    _milestone(data, key)["due"] = dt.date.fromisoformat(due)


@given("the partnership has no milestone")
def no_milestone(data: dict[str, Any]) -> None:
    data["milestones"] = []


# When -----------------------------------------------------------------------------------


@when("the milestones are checked before the agreement", target_fixture="findings")
def checked_before_agreement(data: dict[str, Any]) -> list[Finding]:
    return smart_findings(Partnership.model_validate(data), blocking=True)


@when("the partnership is registered", target_fixture="findings")
def registered(data: dict[str, Any]) -> list[Finding]:
    return registration_findings(Partnership.model_validate(data))


# Then -----------------------------------------------------------------------------------


@then("no SMART finding is reported")
def no_finding(findings: list[Finding]) -> None:
    assert findings == [], [f.text("en") for f in findings]


@then(parsers.parse('milestone "{key}" is refused for the SMART letters "{letters}"'))
def refused_for(findings: list[Finding], key: str, letters: str) -> None:
    assert letters_broken(findings, key) == letters
    assert all(f.severity is Severity.blocking for f in findings)
    for finding in findings:
        text = finding.text("fr")
        assert finding.params["letters"] in text and "Améliorer l'insertion" in text


@then(parsers.parse('a {severity} finding "{code}" breaks "{letters}" at "{path}"'))
@then(parsers.parse('a warning "{code}" breaks "{letters}" at "{path}"'))
def finding_at(
    findings: list[Finding], code: str, letters: str, path: str, severity: str = "warning"
) -> None:
    matching = [f for f in findings if f.code == code and f.path == path]
    assert matching, [(f.code, f.path) for f in findings]
    finding = matching[0]
    assert finding.severity is Severity(severity)
    assert finding.params["letters"] == letters
    assert "{" not in finding.text("fr") and "{" not in finding.text("en")


@then("no finding is blocking")
def none_blocking(findings: list[Finding]) -> None:
    assert findings and all(f.severity is Severity.warning for f in findings)
