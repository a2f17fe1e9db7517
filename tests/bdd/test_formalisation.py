"""Steps of features/formalisation.feature: the convention de partenariat."""

from __future__ import annotations

import copy
import datetime as dt
import io
from pathlib import Path
from typing import Any

import docx
import yaml
from pytest_bdd import given, parsers, scenarios, then, when

from coopact.schemas import Partnership
from coopact.stages.agreement import run
from coopact.stages.base import StageOutput, WorkContext

scenarios("formalisation.feature")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "partnership.example.yaml"
CONTEXT = WorkContext("P-2027-001", ROOT / "templates", dt.date(2026, 12, 1))


def _partner(data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(p for p in data["partners"] if p["name"] == name)


def _generate(data: dict[str, Any]) -> StageOutput:
    return run(Partnership.model_validate(copy.deepcopy(data)), CONTEXT)


# Given ---------------------------------------------------------------------------------


@given(
    parsers.parse('the partnership "{title}" between "{first}" and "{second}"'),
    target_fixture="data",
)
def the_partnership(title: str, first: str, second: str) -> dict[str, Any]:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert data["title"] == title
    assert [p["name"] for p in data["partners"]] == [first, second]
    return data


@given(parsers.parse('"{name}" names no signatory'))
def no_signatory(data: dict[str, Any], name: str) -> None:
    del _partner(data, name)["signatory"]


@given(parsers.parse('the authority of the signatory of "{name}" is not stated'))
def no_authority(data: dict[str, Any], name: str) -> None:
    del _partner(data, name)["signatory"]["authority"]


@given(parsers.parse('"{name}" names no referent'))
def no_referent(data: dict[str, Any], name: str) -> None:
    del _partner(data, name)["referent"]


@given(parsers.parse('"{name}" has no SIREN, SIRET or RNA number'))
def no_identifier(data: dict[str, Any], name: str) -> None:
    _partner(data, name)["identifiers"] = {}


@given(parsers.parse("a term of {duration:d} months with a notice of {notice:d} months"))
def short_term(data: dict[str, Any], duration: int, notice: int) -> None:
    data["duration_months"], data["notice_months"] = duration, notice
    first = {**data["milestones"][0], "due": dt.date(2027, 3, 31)}
    data["milestones"] = [first]  # inside the shorter term


@given(parsers.parse("the partnership is a mécénat with counterparts worth {value:d} EUR"))
def mecenat_with(data: dict[str, Any], value: int) -> None:
    # Logistix gives 120 000 EUR in cash and 18 000 EUR of tutoring: a donation of 138 000 EUR.
    data["kind"] = "mecenat"
    data["counterparts"] = [{"description": "Visibilité sur les supports", "value_eur": value}]


@given("the partnership is a mécénat with no counterparts declared")
def mecenat_without(data: dict[str, Any]) -> None:
    data["kind"] = "mecenat"


@given(parsers.parse('the partnership is a mécénat with a counterpart "{what}" without value'))
def mecenat_unvalued(data: dict[str, Any], what: str) -> None:
    data["kind"] = "mecenat"
    data["counterparts"] = [{"description": what}]


@given("the partnership is a parrainage")
def parrainage(data: dict[str, Any]) -> None:
    data["kind"] = "parrainage"


@given(parsers.parse('the language of the partnership is "{language}"'))
def language(data: dict[str, Any], language: str) -> None:
    data["language"] = language


# When ----------------------------------------------------------------------------------


@when("the agreement is generated", target_fixture="output")
def generated(data: dict[str, Any]) -> StageOutput:
    return _generate(data)


@when("the agreement is generated twice", target_fixture="pair")
def generated_twice(data: dict[str, Any]) -> tuple[StageOutput, StageOutput]:
    return _generate(data), _generate(data)


@when(
    parsers.parse("the agreement is generated, then again with a notice of {notice:d} months"),
    target_fixture="pair",
)
def generated_then_changed(data: dict[str, Any], notice: int) -> tuple[StageOutput, StageOutput]:
    first = _generate(data)
    data["notice_months"] = notice
    return first, _generate(data)


# Then ----------------------------------------------------------------------------------


@then("a convention de partenariat is produced")
def produced(output: StageOutput) -> None:
    assert [d.kind for d in output.documents] == ["agreement"], output.findings


@then("no document is produced")
def not_produced(output: StageOutput) -> None:
    assert output.documents == []


@then(parsers.parse('it contains "{text}"'))
def contains(output: StageOutput, text: str) -> None:
    document = docx.Document(io.BytesIO(output.documents[0].content))
    paragraphs = [p.text for p in document.paragraphs]
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    content = "\n".join(paragraphs + cells).replace("\u00a0", " ").replace("\u202f", " ")
    assert text in content


@then(parsers.parse('the finding "{code}" is reported on "{path}"'))
def finding(output: StageOutput, code: str, path: str) -> None:
    assert (code, path) in {(f.code, f.path) for f in output.findings}, output.findings
    assert output.documents == []
    reported = next(f for f in output.findings if f.code == code)
    assert reported.text("fr") != code and reported.text("en") != code


@then("both documents have the same SHA-256")
def same_hash(pair: tuple[StageOutput, StageOutput]) -> None:
    assert pair[0].documents[0].sha256 == pair[1].documents[0].sha256


@then("the two documents have different SHA-256")
def different_hash(pair: tuple[StageOutput, StageOutput]) -> None:
    assert pair[0].documents[0].sha256 != pair[1].documents[0].sha256
    assert pair[0].documents[0].inputs_sha256 != pair[1].documents[0].inputs_sha256
