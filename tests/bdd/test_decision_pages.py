"""features/decision_pages.feature: what the decision page offers and reads back."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when
from starlette.datastructures import FormData

from coopact.adapters.loading import load_text
from coopact.contracts.lifecycle import Gate
from coopact.entrypoints.cli.demo import demo_file
from coopact.entrypoints.web import link_forms

scenarios("decision_pages.feature")
PARTNERSHIP = load_text(demo_file())


@pytest.fixture
def state() -> dict[str, Any]:
    return {}


@given(parsers.parse('the review report of "{reference}" shows {count:d} blocking finding'))
def blocking(state: dict[str, Any], reference: str, count: int) -> None:
    state["blocking"] = count


@when(parsers.parse('a committee member opens the review page in "{lang}"'))
def opens(state: dict[str, Any], lang: str) -> None:
    state["offer"] = link_forms.offer(Gate.review, state["blocking"], lang)


@then(parsers.parse('the outcomes offered are "{outcomes}"'))
def offered(state: dict[str, Any], outcomes: str) -> None:
    assert [o for o, _ in state["offer"].outcomes] == outcomes.split(", ")


@then(parsers.parse('the page says why "{words}"'))
def says_why(state: dict[str, Any], words: str) -> None:
    assert words in state["offer"].withheld


def _send(state: dict[str, Any], rows: list[str]) -> None:
    items = [("outcome", "go_with_conditions"), ("reason", "Poursuivre.")]
    for i, row in enumerate(rows):
        what, owner, due = (part.strip() for part in row.split("|"))
        items += [(f"cond_what_{i}", what), (f"cond_owner_{i}", owner), (f"cond_due_{i}", due)]
    state["typed"], state["conditions"] = link_forms.read(
        FormData(items), Gate.review, PARTNERSHIP, "fr", dt.date(2027, 7, 15)
    )


@when(parsers.parse('a committee member sends go with conditions with "{first}" and "{second}"'))
def sends_two(state: dict[str, Any], first: str, second: str) -> None:
    _send(state, [first, second])


@when("a committee member sends go with conditions with no condition")
def sends_none(state: dict[str, Any]) -> None:
    _send(state, [" | | "])


@then(parsers.parse('the row {good:d} is accepted and the row {bad:d} is told "{words}"'))
def row_problem(state: dict[str, Any], good: int, bad: int, words: str) -> None:
    rows = state["typed"].rows
    assert rows[good - 1].problems == {} and rows[bad - 1].problems == {"owner": words}
    assert [c.what for c in state["conditions"]] == [rows[good - 1].what]


@then(parsers.parse('what was typed in row {row:d} is kept: "{what}"'))
def kept(state: dict[str, Any], row: int, what: str) -> None:
    assert state["typed"].rows[row - 1].what == what


@then(parsers.parse('the decision is told "{words}"'))
def told(state: dict[str, Any], words: str) -> None:
    assert [p.replace("\u00a0", " ") for p in state["typed"].problems] == [words]
