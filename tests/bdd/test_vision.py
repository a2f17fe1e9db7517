"""Steps of features/vision.feature: the shared vision and the note de vision partagée."""

from __future__ import annotations

import io
from typing import Any

import docx
from pytest_bdd import given, parsers, scenarios, then, when

from coopact.contracts.vision_content import approval_problem
from coopact.stages import vision
from tests.bdd.partnership_steps import *  # noqa: F403 (shared steps are fixtures)
from tests.bdd.partnership_steps import partner_entry, plain, run_stage

scenarios("vision.feature")

_LISTS = {"stakes": "stakes", "constraints": "constraints", "red lines": "red_lines"}


@given(parsers.parse('"{partner}" states no {items}'))
def states_no(data: dict[str, Any], partner: str, items: str) -> None:
    partner_entry(data, partner)[_LISTS[items]] = []


@given(parsers.parse('"{partner}" names no executive sponsor'))
def no_sponsor(data: dict[str, Any], partner: str) -> None:
    del partner_entry(data, partner)["sponsor"]


@given("the shared vision states no objectives")
def no_objectives(data: dict[str, Any]) -> None:
    data["vision"]["shared_objectives"] = []


@given("the shared vision names no beneficiaries")
def no_beneficiaries(data: dict[str, Any]) -> None:
    del data["vision"]["beneficiaries"]


@when("the vision stage work runs")
def vision_runs(data: dict[str, Any], outcome: dict[str, Any]) -> None:
    run_stage(data, outcome, vision.run)


@given(parsers.parse('the vision statement is "{statement}"'))
def statement_is(data: dict[str, Any], statement: str) -> None:
    data["vision"]["statement"] = statement


@given(parsers.parse('the only shared objective is "{objective}"'))
def only_objective(data: dict[str, Any], objective: str) -> None:
    data["vision"]["shared_objectives"] = [objective]


@given(parsers.parse('the shared objectives are "{first}" and "{second}"'))
def two_objectives(data: dict[str, Any], first: str, second: str) -> None:
    data["vision"]["shared_objectives"] = [first, second]


@given(parsers.parse('the beneficiaries are "{beneficiaries}"'))
def beneficiaries_are(data: dict[str, Any], beneficiaries: str) -> None:
    data["vision"]["beneficiaries"] = beneficiaries


@given(parsers.parse('the milestone "{key}" has no indicator'))
def milestone_without_indicator(data: dict[str, Any], key: str) -> None:
    milestone = next(m for m in data["milestones"] if m["key"] == key)
    del milestone["indicator"]


@given(parsers.parse('"{partner}" states the stakes "{stake}"'))
def states_stakes(data: dict[str, Any], partner: str, stake: str) -> None:
    partner_entry(data, partner)["stakes"] = [stake]


@when(parsers.parse('a sponsor approves the vision with the reason "{reason}"'))
def approves_vision(outcome: dict[str, Any], reason: str) -> None:
    outcome["refusal"] = approval_problem(outcome["output"].findings, "approve", reason)


@then(parsers.parse('the vision approval is refused because "{text}" is needed'))
def vision_refused(outcome: dict[str, Any], text: str) -> None:
    assert outcome["refusal"] is not None
    assert text in outcome["refusal"]
    assert "vision.beneficiaries_vague" in outcome["refusal"]


@then("the vision approval may be recorded")
def vision_may_be_recorded(outcome: dict[str, Any]) -> None:
    assert outcome["refusal"] is None


def _partner_table(outcome: dict[str, Any], partner: str) -> Any:
    """The label/value table that follows the partner's heading in the note."""
    document = docx.Document(io.BytesIO(outcome["document_content"]))
    body = list(document.element.body.iterchildren())
    for index, element in enumerate(body):
        if element.tag.endswith("}p") and "".join(element.itertext()).startswith(partner):
            following = next(e for e in body[index + 1 :] if e.tag.endswith("}tbl"))
            return next(t for t in document.tables if t._tbl is following)
    raise AssertionError(f"no table for {partner}")


_LABELS = {
    "its red lines": ("Lignes rouges", "Red lines"),
    "the objectives serving its stakes": (
        "Objectifs communs qui servent ses enjeux",
        "Shared objectives serving its stakes",
    ),
}


@then(parsers.parse('the table of "{partner}" shows "{text}" among {what}'))
def partner_table_shows(outcome: dict[str, Any], partner: str, text: str, what: str) -> None:
    if "document_content" not in outcome:
        (note,) = outcome["output"].documents
        outcome["document_content"] = note.content
    table = _partner_table(outcome, partner)
    row = next(r for r in table.rows if r.cells[0].text in _LABELS[what])
    assert text in [plain(p.text) for p in row.cells[1].paragraphs]
