"""Steps of features/partnership_file.feature: registration through the service layer on a
real SQLite file."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml
from pytest_bdd import given, parsers, scenarios, then, when
from sqlalchemy import func, select

from coopact import services
from coopact.adapters.loading import load_text
from coopact.contracts.errors import CoopactError, InvalidInput
from coopact.store.audit_tables import AuditEventRow
from coopact.store.tables import PartnershipRow
from coopact.store.uow import UnitOfWork

scenarios("partnership_file.feature")


@pytest.fixture
def outcome() -> dict[str, Any]:
    return {}


def _register(uow: UnitOfWork, data: dict[str, Any], outcome: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    try:
        outcome["result"] = services.register(uow, load_text(text, "p.yaml"), actor="officer")
    except CoopactError as error:
        outcome["error"] = error


def _set(data: Any, path: str, value: Any) -> None:
    steps = [int(s) if s.isdigit() else s for s in re.findall(r"[^.\[\]]+", path)]
    for step in steps[:-1]:
        data = data[step]
    data[steps[-1]] = value


@given("the officer has registered the file")
@when("the officer registers the file")
@when("the officer registers the file again")
def register(
    sqlite_uow: UnitOfWork, partnership_data: dict[str, Any], outcome: dict[str, Any]
) -> None:
    _register(sqlite_uow, partnership_data, outcome)
    assert "error" not in outcome, outcome.get("error")


@when(parsers.parse("the officer registers a file where {path} is {value}"))
def register_changed(
    sqlite_uow: UnitOfWork,
    partnership_data: dict[str, Any],
    outcome: dict[str, Any],
    path: str,
    value: str,
) -> None:
    _set(partnership_data, path, json.loads(value))
    _register(sqlite_uow, partnership_data, outcome)


@when("the officer registers a file with only the first partner")
def register_one_partner(
    sqlite_uow: UnitOfWork, partnership_data: dict[str, Any], outcome: dict[str, Any]
) -> None:
    partnership_data["partners"] = partnership_data["partners"][:1]
    _register(sqlite_uow, partnership_data, outcome)


@then(parsers.parse('the partnership "{reference}" is registered at stage "{stage}"'))
def registered_at(sqlite_uow: UnitOfWork, reference: str, stage: str) -> None:
    [view] = services.status(sqlite_uow, reference)
    assert view.stage == stage


@then("its history shows its creation")
def history_shows_creation(sqlite_uow: UnitOfWork) -> None:
    actions = [e["action"] for e in services.history(sqlite_uow, "P-2027-001")]
    assert actions == ["partnership.registered"]


@then(parsers.parse("there is {count:d} partnership"))
def partnership_count(sqlite_uow: UnitOfWork, count: int) -> None:
    assert len(services.status(sqlite_uow)) == count


@then(parsers.parse('the registration is refused naming "{path}"'))
def refused_naming(outcome: dict[str, Any], path: str) -> None:
    error = outcome["error"]
    assert not isinstance(error, InvalidInput)
    assert path in error.message


@then(parsers.parse('the file is refused with "{expected}"'))
def refused_with(outcome: dict[str, Any], expected: str) -> None:
    error = outcome.get("error")
    assert isinstance(error, InvalidInput), f"expected a refusal, got {outcome}"
    shown = [str(p) for p in error.problems]
    assert any(line.startswith(expected) or expected in line for line in shown), shown


@then("nothing is stored")
def nothing_stored(sqlite_uow: UnitOfWork) -> None:
    with sqlite_uow:
        assert sqlite_uow.session.scalar(select(func.count()).select_from(PartnershipRow)) == 0
        assert sqlite_uow.session.scalar(select(func.count()).select_from(AuditEventRow)) == 0
