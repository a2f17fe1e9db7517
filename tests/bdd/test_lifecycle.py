"""Steps of features/lifecycle.feature."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from contracts import lifecycle
from contracts.decisions import Decider, Role
from contracts.errors import Refused
from contracts.lifecycle import Gate, Outcome, Stage
from coopact import services
from coopact.loading import load_file
from store.uow import UnitOfWork
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
    assert services.register(sqlite_uow, load_file(EXAMPLE), actor="officer").reference == reference


@when(parsers.parse('"{name}", {role} of "{partner}", decides "{choice}" at "{gate}"'))
def decides(sqlite_uow: UnitOfWork, outcome: dict[str, Any], name: str, role: str, partner: str, choice: str, gate: str) -> None:
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


@then(parsers.parse('deciding "{choice}" at "{gate}" for a partnership at stage "{stage}" is refused because "{reason}"'))
def lifecycle_refuses(choice: str, gate: str, stage: str, reason: str) -> None:
    with pytest.raises(Refused, match=reason):
        lifecycle.decide(Stage(stage), Gate(gate), Outcome(choice))


@then(parsers.parse('deciding "{choice}" at "{gate}" for a partnership at stage "{stage}" leads to stage "{target}"'))
def lifecycle_leads(choice: str, gate: str, stage: str, target: str) -> None:
    assert lifecycle.decide(Stage(stage), Gate(gate), Outcome(choice)) is Stage(target)
