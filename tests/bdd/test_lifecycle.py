"""Steps of features/lifecycle.feature."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from pytest_bdd import given, parsers, scenarios, then, when

from coopact import services
from coopact.adapters.config import settings
from coopact.adapters.loading import load_file, load_text
from coopact.contracts import lifecycle
from coopact.contracts.deciders import Decider
from coopact.contracts.decisions import blocking_problem
from coopact.contracts.errors import Refused
from coopact.contracts.lifecycle import Gate, Outcome, Stage
from coopact.contracts.roles import Role
from coopact.schemas import Partnership
from coopact.store.uow import UnitOfWork
from tests.conftest import EXAMPLE

scenarios("lifecycle.feature")


@pytest.fixture
def outcome() -> dict[str, Any]:
    return {}


@then(parsers.parse('a partnership at stage "{stage}" waits at gate "{gate}"'))
def waits_at(stage: str, gate: str) -> None:
    spec = lifecycle.awaited_gate(Stage(stage))
    assert (spec.gate.value if spec else "none") == gate


@given(parsers.parse('a registered partnership "{reference}" at stage "draft"'))
def registered(sqlite_uow: UnitOfWork, reference: str) -> None:
    """Registered, and its vision note written: the sponsors decide on it."""
    assert services.register(sqlite_uow, load_file(EXAMPLE), actor="officer").reference == reference
    services.advance(sqlite_uow, reference, templates=settings().templates)


@when(parsers.parse('"{name}", {role} of "{partner}", decides "{choice}" at "{gate}"'))
def decides(
    sqlite_uow: UnitOfWork,
    outcome: dict[str, Any],
    name: str,
    role: str,
    partner: str,
    choice: str,
    gate: str,
) -> None:
    try:
        outcome["result"] = services.decide(
            sqlite_uow, "P-2027-001", Gate(gate), Decider(name, Role(role), partner), Outcome(choice),
            "Décision prise en comité",
        )  # fmt: skip
    except Refused as refusal:
        outcome["refusal"] = refusal


@then(parsers.parse('the partnership is at stage "{stage}"'))
def at_stage(sqlite_uow: UnitOfWork, stage: str) -> None:
    assert services.status(sqlite_uow, "P-2027-001")[0].stage == stage


@then(parsers.parse('"{partner}" is still awaited'))
def still_awaited(sqlite_uow: UnitOfWork, partner: str) -> None:
    assert services.status(sqlite_uow, "P-2027-001")[0].awaited_from == [partner]


@then(parsers.parse('the decision is refused because "{reason}"'))
def refused_because(outcome: dict[str, Any], reason: str) -> None:
    assert reason in outcome["refusal"].message


@then("the refusal is in the partnership's history")
def refusal_in_history(sqlite_uow: UnitOfWork) -> None:
    refused = [e for e in services.history(sqlite_uow, "P-2027-001") if e["action"] == "refused"]
    assert len(refused) == 1
    assert "vision_approval" in refused[0]["payload"]["reason"]


@then(
    parsers.parse(
        'deciding "{choice}" at "{gate}" for a partnership at stage "{stage}" is refused because "{reason}"'
    )
)
def lifecycle_refuses(choice: str, gate: str, stage: str, reason: str) -> None:
    with pytest.raises(Refused, match=reason):
        lifecycle.decide(Stage(stage), Gate(gate), Outcome(choice))


@then(
    parsers.parse(
        'deciding "{choice}" at "{gate}" for a partnership at stage "{stage}" leads to stage "{target}"'
    )
)
def lifecycle_leads(choice: str, gate: str, stage: str, target: str) -> None:
    assert lifecycle.decide(Stage(stage), Gate(gate), Outcome(choice)) is Stage(target)


def _file(**changes: object) -> Partnership:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for partner in data["partners"]:
        if partner["key"] in changes:
            partner["red_lines"] = changes[partner["key"]]
    return load_text(yaml.safe_dump(data, allow_unicode=True), "p.yaml")


@given(
    parsers.parse(
        'a registered partnership "{reference}" whose partner "{partner}" states no red lines'
    )
)
def registered_without_red_lines(sqlite_uow: UnitOfWork, reference: str, partner: str) -> None:
    services.register(sqlite_uow, _file(**{partner: []}), actor="officer")
    services.advance(sqlite_uow, reference, templates=settings().templates)


@given("the partnership has been signed")
def signed(sqlite_uow: UnitOfWork) -> None:
    with sqlite_uow:  # setup shortcut: the gates up to signature were passed
        sqlite_uow.partnerships.get("P-2027-001").stage = Stage.signed.value
        sqlite_uow.commit()


@when(parsers.parse('the officer amends the file to give "{partner}" the red line "{red_line}"'))
def amends(sqlite_uow: UnitOfWork, outcome: dict[str, Any], partner: str, red_line: str) -> None:
    try:
        services.amend(sqlite_uow, "P-2027-001", _file(**{partner: [red_line]}), actor="officer")
        services.advance(sqlite_uow, "P-2027-001", templates=settings().templates)
    except Refused as refusal:
        outcome["refusal"] = refusal


@then(parsers.parse('the amendment is refused because "{reason}"'))
def amendment_refused(outcome: dict[str, Any], reason: str) -> None:
    assert reason in outcome["refusal"].message


@then(parsers.parse('with the blocking finding "{code}", "{choice}" at "{gate}" is {verdict}'))
def over_blocking(code: str, choice: str, gate: str, verdict: str) -> None:
    problem = blocking_problem(Gate(gate), Outcome(choice), [code])
    assert (problem is None) == (verdict == "allowed"), problem
