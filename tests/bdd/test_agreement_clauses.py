"""Steps of features/agreement_clauses.feature: the agreement read as a legal officer would."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

import docx
import yaml
from pytest_bdd import given, parsers, scenarios, then, when

from contracts import due_diligence
from contracts.agreement import completeness
from coopact.clause_library import clause_library
from coopact.stages.agreement import generate
from coopact.stages.base import WorkContext
from schemas import Partnership

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
    partnership = Partnership.model_validate(data)
    document = generate(
        partnership, WorkContext("P-2027-001", ROOT / "templates", dt.date(2027, 1, 1))
    )
    opened = docx.Document(io.BytesIO(document.content))
    parts = [p.text for p in opened.paragraphs]
    parts += [c.text for t in opened.tables for r in t.rows for c in r.cells]
    return {
        "text": _plain("\n".join(parts)),
        "findings": completeness(partnership, clauses=clause_library(ROOT / "templates")),
    }


@when("the due diligence runs", target_fixture="result")
def due_diligence_runs(data: dict[str, Any]) -> dict[str, Any]:
    return {"text": "", "findings": due_diligence.check(Partnership.model_validate(data))}


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
