"""Steps of features/vision.feature: the shared vision and the note de vision partagée."""

from __future__ import annotations

import io
from typing import Any

import docx
from pytest_bdd import given, parsers, scenarios, then, when

from coopact.stages import vision
from tests.bdd.partnership_steps import *  # noqa: F403 (shared steps are fixtures)
from tests.bdd.partnership_steps import partner_entry, run_stage

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


@then(parsers.parse('its partners table shows "{red_line}" for "{partner}"'))
def partners_table_shows(outcome: dict[str, Any], red_line: str, partner: str) -> None:
    document = docx.Document(io.BytesIO(outcome["document"].content))
    table = document.tables[0]
    headers = [c.text for c in table.rows[0].cells]
    column = headers.index("Lignes rouges" if outcome["document"].language == "fr" else "Red lines")
    row = next(r for r in table.rows if r.cells[0].paragraphs[0].text == partner)
    assert red_line in [p.text for p in row.cells[column].paragraphs]
