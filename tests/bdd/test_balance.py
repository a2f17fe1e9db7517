"""Steps of features/balance.feature: the ledger, its findings and the balance report."""

from __future__ import annotations

import io
from typing import Any

import docx
from pytest_bdd import given, parsers, scenarios, then, when

from coopact.contracts.balance import acceptance_problem
from coopact.schemas import Partnership
from coopact.stages import balance
from tests.bdd.partnership_steps import *  # noqa: F403 (shared steps are fixtures)
from tests.bdd.partnership_steps import _key, _only, partner_entry, plain, run_stage, work_context

scenarios("balance.feature")


@given(parsers.parse('"{partner}" expects no benefit'))
def expects_nothing(data: dict[str, Any], partner: str) -> None:
    key = _key(data, partner)
    data["benefits"] = [b for b in data["benefits"] if b["partner"] != key]


@given(
    parsers.parse(
        'the tutoring by team leaders of "{partner}" states {hours:d} hours and no hourly value'
    )
)
def skills_without_value(data: dict[str, Any], partner: str, hours: int) -> None:
    key = _key(data, partner)
    tutoring = next(
        c for c in data["contributions"] if c["partner"] == key and c["kind"] == "skills"
    )
    tutoring["hours"] = hours
    del tutoring["hourly_value_eur"]


@given(parsers.parse('the benefits of "{partner}" are measured by "{indicator}"'))
def measured_by(data: dict[str, Any], partner: str, indicator: str) -> None:
    key = _key(data, partner)
    for benefit in data["benefits"]:
        if benefit["partner"] == key:
            benefit["indicator"] = indicator


@when("the balance stage work runs")
def balance_runs(data: dict[str, Any], outcome: dict[str, Any]) -> None:
    run_stage(data, outcome, balance.run)


@when(parsers.parse('a sponsor approves the balance with the reason "{reason}"'))
def approves(outcome: dict[str, Any], reason: str) -> None:
    outcome["refusal"] = acceptance_problem(outcome["output"].findings, "approve", reason)


@when("a sponsor rejects the balance without giving a reason")
def rejects(outcome: dict[str, Any]) -> None:
    outcome["refusal"] = acceptance_problem(outcome["output"].findings, "reject", "")


@then(parsers.parse('the approval is refused because "{text}" is needed'))
def refused(outcome: dict[str, Any], text: str) -> None:
    assert outcome["refusal"] is not None
    assert text in outcome["refusal"]
    assert "balance.power_imbalance" in outcome["refusal"]


@then("the decision may be recorded")
def may_be_recorded(outcome: dict[str, Any]) -> None:
    assert outcome["refusal"] is None


@then(
    parsers.parse(
        'its ledger shows "{partner}" with "{amount}" of valued contributions and "{votes}" votes'
    )
)
def ledger_shows(outcome: dict[str, Any], partner: str, amount: str, votes: str) -> None:
    report = outcome.get("document") or outcome["output"].documents[0]
    document = docx.Document(io.BytesIO(report.content))
    table = document.tables[0]
    row = next(r for r in table.rows if r.cells[0].text == partner)
    assert plain(row.cells[1].text) == amount
    assert row.cells[5].text == votes


@then("the document holds one chart")
def holds_chart(outcome: dict[str, Any]) -> None:
    document = docx.Document(io.BytesIO(outcome["document"].content))
    assert len(document.inline_shapes) == 1


@then("running the balance stage work again gives the same document, byte for byte")
def same_bytes(data: dict[str, Any], outcome: dict[str, Any]) -> None:
    again = balance.run(Partnership.model_validate(data), work_context())
    assert again.documents[0].sha256 == outcome["document"].sha256


@given(parsers.parse('"{partner}" states an annual budget of {amount:d} EUR'))
def annual_budget(data: dict[str, Any], partner: str, amount: int) -> None:
    partner_entry(data, partner)["annual_budget_eur"] = amount


@given(parsers.parse('"{partner}" holds a veto on decisions touching its mission'))
def mission_veto(data: dict[str, Any], partner: str) -> None:
    data["governance"]["steering_committee"]["mission_veto"] = [_key(data, partner)]


@given(parsers.parse('"{partner}" has the dependency-exit plan "{plan}"'))
def exit_plan(data: dict[str, Any], partner: str, plan: str) -> None:
    partner_entry(data, partner)["dependency_exit_plan"] = plan


@given(parsers.parse('"{partner}" brings "{description}" in kind with no value and nothing else'))
def brings_unvalued_in_kind(data: dict[str, Any], partner: str, description: str) -> None:
    _only(data, _key(data, partner), {"kind": "in_kind", "description": description})


def _table(outcome: dict[str, Any], first_header: str, second_header: str) -> Any:
    """The report's table whose first two headers are these (French report)."""
    document = docx.Document(io.BytesIO(outcome["output"].documents[0].content))
    return next(
        t
        for t in document.tables
        if [c.text for c in t.rows[0].cells[:2]] == [first_header, second_header]
    )


@then(
    parsers.parse(
        'the dependency table of the report shows "{partner}" with "{share}" of the resources '
        'and the safeguard "{shown}"'
    )
)
def dependency_table_shows(outcome: dict[str, Any], partner: str, share: str, shown: str) -> None:
    table = _table(outcome, "Partenaire de l’ESS", "Principal financeur")
    row = next(r for r in table.rows if r.cells[0].text == partner)
    assert plain(row.cells[2].text).startswith(share)
    assert shown in [plain(p.text) for p in row.cells[5].paragraphs]


@then(parsers.parse('the report shows the contribution "{description}" as "{value}"'))
def contribution_shown(outcome: dict[str, Any], description: str, value: str) -> None:
    table = _table(outcome, "Partenaire", "Nature")
    row = next(r for r in table.rows if r.cells[2].text == description)
    assert plain(row.cells[3].text) == value


@then(parsers.parse('the report shows the benefit "{description}" measured as "{measure}"'))
def benefit_shown(outcome: dict[str, Any], description: str, measure: str) -> None:
    table = _table(outcome, "Partenaire", "Bénéfices attendus")
    row = next(r for r in table.rows if r.cells[1].text == description)
    assert plain(row.cells[2].text) == measure
