"""Steps of features/duties.feature: the segregation of duties (contracts.duties)."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_bdd import parsers, scenarios, then, when

from contracts import duties
from contracts.duties import Channel, Entrant
from contracts.lifecycle import Gate

scenarios("duties.feature")


@pytest.fixture
def state() -> dict[str, Any]:
    return {}


@when(parsers.parse('a partnership officer records "{gate}" on someone\'s behalf {how} evidence'))
def on_behalf(state: dict[str, Any], gate: str, how: str) -> None:
    state["refusal"] = duties.refusal(
        Gate(gate), Channel.on_behalf, Entrant.partnership_officer, evidence=how == "with"
    )


@when(parsers.parse('the legal officer records "{gate}" {who} on the portal'))
def on_the_portal(state: dict[str, Any], gate: str, who: str) -> None:
    state["refusal"] = duties.refusal(
        Gate(gate), Channel.portal, Entrant.legal_officer, in_person=who == "in person"
    )


@then(parsers.parse('the recording is refused because "{words}"'))
def refused(state: dict[str, Any], words: str) -> None:
    assert state["refusal"] is not None and words in state["refusal"]


@then("the recording is allowed")
def allowed(state: dict[str, Any]) -> None:
    assert state["refusal"] is None
