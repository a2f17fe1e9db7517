"""Steps shared by the vision, due diligence and balance features.

A scenario starts from the example partnership file as a plain dict, changes it the way an
officer would edit the file, then validates it and runs the real stage work on it.
Imported with ``from tests.bdd.partnership_steps import *`` by each step module.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from pytest_bdd import given, parsers, then

from coopact.schemas import Partnership
from coopact.stages.base import StageOutput, WorkContext

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "partnership.example.yaml"
TEMPLATES = ROOT / "templates"
TODAY = dt.date(2026, 12, 1)


def work_context() -> WorkContext:
    return WorkContext(reference="P-2027-001", templates=TEMPLATES, today=TODAY)


def partner_entry(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in data["partners"] if p["name"] == name)


def plain(text: str) -> str:
    """Text with no-break spaces as ordinary spaces, for comparing what a reader sees."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def document_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return plain("\n".join(parts))


@pytest.fixture
def outcome() -> dict[str, Any]:
    """What the When steps produced: the stage output, a validation error, a refusal."""
    return {}


@given(
    parsers.parse('the partnership "{title}" of the example file'),
    target_fixture="data",
)
def example_partnership(title: str) -> dict[str, Any]:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert data["title"] == title
    return copy.deepcopy(data)


@given(parsers.parse('the partnership\'s language is "{language}"'))
def language_is(data: dict[str, Any], language: str) -> None:
    data["language"] = language


def run_stage(data: dict[str, Any], outcome: dict[str, Any], work: Any) -> StageOutput:
    partnership = Partnership.model_validate(data)
    output: StageOutput = work(partnership, work_context())
    outcome["output"] = output
    outcome["partnership"] = partnership
    return output


@then(
    parsers.parse('a {severity} finding "{code}" is reported on "{path}"'),
)
def finding_reported(outcome: dict[str, Any], severity: str, code: str, path: str) -> None:
    found = [f for f in outcome["output"].findings if f.code == code and f.path == path]
    assert found, (
        f"no {code} on {path}; found {[(f.code, f.path) for f in outcome['output'].findings]}"
    )
    assert found[0].severity.value == severity
    assert found[0].text("fr") != code and found[0].text("en") != code  # texts are declared
    outcome["finding"] = found[0]


@then(parsers.parse('no finding "{code}" is reported'))
def no_finding(outcome: dict[str, Any], code: str) -> None:
    codes = [f.code for f in outcome["output"].findings]
    assert code not in codes, codes


@then(parsers.parse('no finding "{code}" is reported on "{path}"'))
def no_finding_on(outcome: dict[str, Any], code: str, path: str) -> None:
    found = [(f.code, f.path) for f in outcome["output"].findings]
    assert (code, path) not in found, found


@then(parsers.parse('no finding with a code starting with "{prefix}" is reported'))
def no_finding_prefixed(outcome: dict[str, Any], prefix: str) -> None:
    codes = [f.code for f in outcome["output"].findings if f.code.startswith(prefix)]
    assert not codes, codes


@then(parsers.parse('a "{kind}" document in "{language}" is produced'))
def document_produced(outcome: dict[str, Any], kind: str, language: str) -> None:
    documents = [d for d in outcome["output"].documents if d.kind == kind]
    assert len(documents) == 1
    assert documents[0].language == language
    assert documents[0].filename.endswith(f"-{language}.docx")
    outcome["document"] = documents[0]


@then(parsers.parse('the document says "{text}"'))
def document_says(outcome: dict[str, Any], text: str) -> None:
    assert text in document_text(outcome["document"].content)


@then(parsers.parse('the finding says "{text}"'))
def finding_says(outcome: dict[str, Any], text: str) -> None:
    assert text in plain(outcome["finding"].text("fr"))


@then(parsers.parse('the finding says in English "{text}"'))
def finding_says_in_english(outcome: dict[str, Any], text: str) -> None:
    assert text in plain(outcome["finding"].text("en"))


@then("no blocking finding is reported")
def no_blocking_finding(outcome: dict[str, Any]) -> None:
    blocking = [f.code for f in outcome["output"].findings if f.severity.value == "blocking"]
    assert not blocking, blocking


# Balance situations, shared by the balance and scorecard features ------------------------


def _key(data: dict[str, Any], partner: str) -> str:
    return str(partner_entry(data, partner)["key"])


def _only(data: dict[str, Any], key: str, contribution: dict[str, Any]) -> None:
    data["contributions"] = [c for c in data["contributions"] if c["partner"] != key]
    data["contributions"].append({"partner": key, **contribution})


@given(parsers.parse('"{partner}" brings {amount:d} EUR in cash and nothing else'))
def brings_cash(data: dict[str, Any], partner: str, amount: int) -> None:
    _only(
        data,
        _key(data, partner),
        {"kind": "cash", "description": "Financement", "amount_eur": amount},
    )


@given(parsers.parse('"{partner}" brings a value of {amount:d} EUR in kind and nothing else'))
def brings_in_kind(data: dict[str, Any], partner: str, amount: int) -> None:
    _only(
        data,
        _key(data, partner),
        {"kind": "in_kind", "description": "Accompagnement", "value_eur": amount},
    )


@given(
    parsers.re(
        r'the comité de pilotage gives (?P<first>\d+) votes? to "(?P<a>[^"]+)" '
        r'and (?P<second>\d+) votes? to "(?P<b>[^"]+)"'
    )
)
def committee_votes(data: dict[str, Any], first: str, a: str, second: str, b: str) -> None:
    data["governance"]["steering_committee"]["members"] = [
        {"partner": _key(data, a), "name": "Membre A", "votes": int(first)},
        {"partner": _key(data, b), "name": "Membre B", "votes": int(second)},
    ]


@given(parsers.parse("the comité de pilotage decides by {rule}"))
def decides_by(data: dict[str, Any], rule: str) -> None:
    data["governance"]["steering_committee"]["decision_rule"] = rule
