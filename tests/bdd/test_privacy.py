"""Steps of features/privacy.feature: the retention rule of `coopact erase`."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from coopact.contracts.lifecycle import Stage
from coopact.contracts.retention import erasure_refusal

scenarios("privacy.feature")


@pytest.fixture
def case() -> dict[str, Any]:
    return {}


@given(parsers.parse('partnership "{reference}" names "{person}" and is at stage "{stage}"'))
def running(case: dict[str, Any], reference: str, person: str, stage: str) -> None:
    case.update(reference=reference, stage=Stage(stage), ended_on=None)


@given(parsers.parse('partnership "{reference}" names "{person}" and was closed on {day}'))
def closed(case: dict[str, Any], reference: str, person: str, day: str) -> None:
    case.update(reference=reference, stage=Stage.closed, ended_on=dt.date.fromisoformat(day))


@when(parsers.parse('erasing "{person}" is asked on {day} with a retention of {days:d} days'))
def asked(case: dict[str, Any], person: str, day: str, days: int) -> None:
    case["refusal"] = erasure_refusal(
        person, case["reference"], case["stage"], case["ended_on"], days,
        dt.date.fromisoformat(day),
    )  # fmt: skip


@then(parsers.parse('the erasure is refused: "{words}"'))
def refused(case: dict[str, Any], words: str) -> None:
    assert case["refusal"] is not None and words in case["refusal"]


@then("the erasure is allowed")
def allowed(case: dict[str, Any]) -> None:
    assert case["refusal"] is None
