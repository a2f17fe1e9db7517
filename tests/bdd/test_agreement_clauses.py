"""Steps of features/agreement_clauses.feature: the agreement read as a legal officer would."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from pydantic import ValidationError
from pytest_bdd import given, parsers, scenarios, then, when

from coopact.adapters.documents.clause_library import clause_library
from coopact.contracts import due_diligence
from coopact.contracts.agreement_checks import completeness
from coopact.contracts.findings import Finding
from coopact.contracts.readiness import registration_findings
from coopact.schemas import Partnership
from coopact.stages.agreement import generate
from coopact.stages.base import WorkContext

scenarios("agreement_clauses.feature")

ROOT = Path(__file__).resolve().parents[2]


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@given("the example partnership file", target_fixture="data")
def example_file() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "coopact/examples/partnership.example.yaml").read_text())


@given("the English three-partner mécénat file", target_fixture="data")
def mecenat_file() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "tests/data/mecenat.three.en.yaml").read_text())


@given("the French two-donor mécénat file", target_fixture="data")
def french_mecenat_file() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "tests/data/mecenat.deux.fr.yaml").read_text())


@given(parsers.parse('the file chooses the tax regime "{regime}"'))
def chooses_regime(data: dict[str, Any], regime: str) -> None:
    data["tax_regime"] = regime


@given("the file chooses no tax regime")
def no_regime(data: dict[str, Any]) -> None:
    data.pop("tax_regime", None)


@given("every partner is a commercial company")
def all_companies(data: dict[str, Any]) -> None:
    for partner in data["partners"]:
        partner["legal_form"] = "sas"
        partner["ess"] = False


def _partner(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in data["partners"] if p["name"] == name)


@given(parsers.parse('"{name}" states no foundation type'))
def no_foundation_type(data: dict[str, Any], name: str) -> None:
    _partner(data, name).get("registration", {}).pop("foundation_type", None)


@given(parsers.parse('"{name}" is a foundation sheltered by "{sheltering}"'))
def sheltered(data: dict[str, Any], name: str, sheltering: str) -> None:
    _partner(data, name)["registration"] = {
        "foundation_type": "abritee",
        "sheltered_by": sheltering,
    }


@given(parsers.parse('"{name}" repeats the mission and red lines of "{other}"'))
def copied(data: dict[str, Any], name: str, other: str) -> None:
    source = _partner(data, other)
    _partner(data, name).update(mission=source["mission"], red_lines=list(source["red_lines"]))


@given(parsers.parse('the donation of "{name}" names no receiver'))
def no_receiver(data: dict[str, Any], name: str) -> None:
    key = _partner(data, name)["key"]
    for contribution in data["contributions"]:
        if contribution["partner"] == key:
            contribution.pop("to", None)


@given(parsers.parse('the mission of "{name}" is "{mission}"'))
def mission_is(data: dict[str, Any], name: str, mission: str) -> None:
    _partner(data, name)["mission"] = mission


@given(parsers.parse('the file names the court "{court}"'))
def names_court(data: dict[str, Any], court: str) -> None:
    data["court"] = court


@given(parsers.parse('"{name}" states no registration'))
def no_registration(data: dict[str, Any], name: str) -> None:
    for partner in data["partners"]:
        if partner["name"] == name:
            partner.pop("registration", None)


@given(parsers.parse('the confidentiality text says "{text}"'))
def confidentiality_text(data: dict[str, Any], text: str) -> None:
    data["sharing"]["confidentiality"] = text


@when("its agreement is written", target_fixture="result")
def written(data: dict[str, Any]) -> dict[str, Any]:
    return _written(data, "manual")


@when(
    parsers.parse('its agreement is written for signature by "{provider}"'), target_fixture="result"
)
def written_for(data: dict[str, Any], provider: str) -> dict[str, Any]:
    return _written(data, provider)


@when("its agreement is checked", target_fixture="result")
def checked(data: dict[str, Any]) -> dict[str, Any]:
    partnership = Partnership.model_validate(data)
    return {
        "text": "",
        "findings": completeness(partnership, clauses=clause_library(ROOT / "templates")),
        "language": partnership.language.value,
    }


@when("it is registered", target_fixture="result")
def registered(data: dict[str, Any]) -> dict[str, Any]:
    partnership = Partnership.model_validate(data)
    return {
        "text": "",
        "findings": registration_findings(partnership, clause_library(ROOT / "templates")),
        "language": partnership.language.value,
    }


@when("the file is validated", target_fixture="refusal")
def validated(data: dict[str, Any]) -> ValidationError:
    with pytest.raises(ValidationError) as refused:
        Partnership.model_validate(data)
    return refused.value


def _written(data: dict[str, Any], provider: str) -> dict[str, Any]:
    partnership = Partnership.model_validate(data)
    document = generate(
        partnership,
        WorkContext(
            "P-2027-001",
            ROOT / "templates",
            dt.date(2027, 1, 1),
            settings={"signature_provider": provider},
        ),
    )
    opened = docx.Document(io.BytesIO(document.content))
    parts = [p.text for p in opened.paragraphs]
    parts += [c.text for t in opened.tables for r in t.rows for c in r.cells]
    return {
        "text": _plain("\n".join(parts)),
        "findings": completeness(partnership, clauses=clause_library(ROOT / "templates")),
        "language": partnership.language.value,
    }


@when("the due diligence runs", target_fixture="result")
def due_diligence_runs(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "text": "",
        "findings": due_diligence.check(Partnership.model_validate(data)),
        "language": "fr",
    }


@then(parsers.parse('the agreement says "{text}"'))
def says(result: dict[str, Any], text: str) -> None:
    assert text in result["text"]


@then(parsers.parse('the agreement never says "{text}"'))
def never_says(result: dict[str, Any], text: str) -> None:
    assert text not in result["text"]


@then(parsers.parse('a warning "{code}" is reported on "{path}"'))
def warning_reported(result: dict[str, Any], code: str, path: str) -> None:
    found = [(f.code, f.path, f.severity.value) for f in result["findings"]]
    assert (code, path, "warning") in found, found


@then(parsers.parse('the agreement never says "{text}" whatever the case'))
def never_says_any_case(result: dict[str, Any], text: str) -> None:
    assert text.lower() not in result["text"].lower()


@then(
    parsers.parse('a blocking finding "{code}" is reported on "{path}"'), target_fixture="finding"
)
def blocking_reported(result: dict[str, Any], code: str, path: str) -> Finding:
    found = [f for f in result["findings"] if (f.code, f.path) == (code, path)]
    assert found and found[0].severity.value == "blocking", result["findings"]
    return found[0]


@then(parsers.parse('the finding says "{text}"'))
def finding_says(result: dict[str, Any], finding: Finding, text: str) -> None:
    assert text in _plain(finding.text(result["language"]))


@then("no blocking finding is reported")
def no_blocking(result: dict[str, Any]) -> None:
    assert [f for f in result["findings"] if f.severity.value == "blocking"] == []


@then(parsers.parse('it is refused on "{location}" with "{words}"'))
def refused_on(refusal: ValidationError, location: str, words: str) -> None:
    errors = [(".".join(str(x) for x in e["loc"]), e["msg"]) for e in refusal.errors()]
    assert any(loc == location and words in msg for loc, msg in errors), errors


@then(parsers.parse('no warning "{code}" is reported on "{path}"'))
def no_warning_reported(result: dict[str, Any], code: str, path: str) -> None:
    assert (code, path) not in [(f.code, f.path) for f in result["findings"]]
