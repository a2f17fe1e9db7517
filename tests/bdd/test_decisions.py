"""Steps of features/decisions.feature: who decides, gate closing, signature hashes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from pytest_bdd import given, parsers, scenarios, then, when

from coopact.contracts.authorisation import authorise
from coopact.contracts.deciders import Decider, Recorded
from coopact.contracts.decisions import awaited, gate_outcome, signature_problem, voided
from coopact.contracts.errors import Refused
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.schemas import Partnership

EXAMPLE = Path(__file__).resolve().parents[1] / "data" / "partnership.example.yaml"

scenarios("decisions.feature")


@pytest.fixture
def state() -> dict[str, Any]:
    return {"decisions": [], "current": None}


@given(parsers.parse('the partnership "{reference}" between {names}'), target_fixture="raw")
def example(reference: str, names: str) -> dict[str, Any]:
    raw: dict[str, Any] = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert raw["reference"] == reference
    return raw


@given(
    parsers.parse(
        'the people section lists "{officer}" as partnership_officer and "{legal}" as legal_officer'
    ),
    target_fixture="partnership",
)
def people(raw: dict[str, Any], officer: str, legal: str) -> Partnership:
    raw["people"] = [
        {
            "name": officer,
            "email": "s.garnier@tremplin.example",
            "roles": ["partnership_officer"],
            "partner": "tremplin",
        },
        {"name": legal, "roles": ["legal_officer"]},
    ]
    return Partnership.model_validate(raw)


def _decide(partnership: Partnership, state: dict[str, Any], decider: Decider, gate: str) -> None:
    try:
        authorise(partnership, Gate(gate), decider)
        state["refusal"] = None
    except Refused as exc:
        state["refusal"] = exc.message


@when(parsers.parse('"{name}" as {role} for "{partner}" decides {gate}'))
def decides_for(
    partnership: Partnership, state: dict[str, Any], name: str, role: str, partner: str, gate: str
) -> None:
    _decide(partnership, state, Decider(name, Role(role), partner), gate)


@when(parsers.parse('"{name}" as {role} decides {gate}'))
def decides(
    partnership: Partnership, state: dict[str, Any], name: str, role: str, gate: str
) -> None:
    _decide(partnership, state, Decider(name, Role(role)), gate)


@then(parsers.parse('the decision is refused because "{reason}"'))
def refused(state: dict[str, Any], reason: str) -> None:
    assert state["refusal"] is not None, "the decision was accepted"
    assert reason in state["refusal"]


@then("the decision is accepted")
def accepted(state: dict[str, Any]) -> None:
    assert state["refusal"] is None


_ROLE_AT = {"vision_approval": "sponsor", "signature": "signatory"}


@given(parsers.parse('"{name}" for "{partner}" has decided {outcome} at {gate}'))
def has_decided(state: dict[str, Any], name: str, partner: str, outcome: str, gate: str) -> None:
    state["decisions"].append(Recorded(name, _ROLE_AT[gate], partner, outcome))


@then(parsers.parse('the gate {gate} is still awaiting "{partner}"'))
def still_awaiting(
    partnership: Partnership, state: dict[str, Any], gate: str, partner: str
) -> None:
    assert gate_outcome(partnership, Gate(gate), state["decisions"]) is None
    assert awaited(partnership, Gate(gate), state["decisions"]) == [partner]


@then(parsers.parse("the gate {gate} closes with {outcome}"))
def closes(partnership: Partnership, state: dict[str, Any], gate: str, outcome: str) -> None:
    assert gate_outcome(partnership, Gate(gate), state["decisions"]) is Outcome(outcome)


@given(parsers.parse('the current agreement has the hash "{sha}"'))
def current(state: dict[str, Any], sha: str) -> None:
    state["current"] = sha


@when(parsers.parse('a signature names the hash "{sha}"'))
def names_hash(state: dict[str, Any], sha: str) -> None:
    state["problem"] = signature_problem(state["current"], sha)


@when("a signature names no hash")
def names_no_hash(state: dict[str, Any]) -> None:
    state["problem"] = signature_problem(state["current"], None)


@then(parsers.parse('the signature is refused because "{reason}"'))
def signature_refused(state: dict[str, Any], reason: str) -> None:
    assert state["problem"] is not None and reason in state["problem"]


@then("the signature is accepted")
def signature_accepted(state: dict[str, Any]) -> None:
    assert state["problem"] is None


@given(parsers.parse('"{name}" for "{partner}" has signed the hash "{sha}"'))
def has_signed(state: dict[str, Any], name: str, partner: str, sha: str) -> None:
    state["decisions"].append(Recorded(name, "signatory", partner, "sign", sha))


def _signature_outcome(partnership: Partnership, state: dict[str, Any]) -> Outcome | None:
    return gate_outcome(
        partnership, Gate.signature, state["decisions"], current_sha256=state["current"]
    )


@then(parsers.parse("the signature gate closes with {outcome}"))
def signature_closes(partnership: Partnership, state: dict[str, Any], outcome: str) -> None:
    assert _signature_outcome(partnership, state) is Outcome(outcome)


@then("the signature gate is still open")
def signature_open(partnership: Partnership, state: dict[str, Any]) -> None:
    assert _signature_outcome(partnership, state) is None


@then(parsers.parse('the signature of "{name}" is void'))
def is_void(state: dict[str, Any], name: str) -> None:
    void = voided(Gate.signature, state["decisions"], state["current"])
    assert [d.decider for d in void] == [name]


@then(parsers.parse('the signature gate is still awaiting "{partner}"'))
def signature_awaiting(partnership: Partnership, state: dict[str, Any], partner: str) -> None:
    waiting = awaited(
        partnership, Gate.signature, state["decisions"], current_sha256=state["current"]
    )
    assert waiting == [partner]
