"""At least 1,000 random mutations of the example file: each is accepted, or rejected with
field-located problems; never a traceback, never a partial write."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from coopact import services
from coopact.adapters.loading import load_text
from coopact.contracts.errors import CoopactError, InvalidInput
from coopact.store.audit_tables import AuditEventRow
from coopact.store.db import make_engine
from coopact.store.migrate import upgrade
from coopact.store.tables import PartnershipRow
from coopact.store.uow import UnitOfWork
from tests.conftest import EXAMPLE

BASE = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates().map(str),
    st.sampled_from(
        ["W123456789", "812345676", "44306184100013", "tremplin", "logistix", "fr", "en"]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(BASE)


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    data = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(PATHS))
        parent: Any = data
        try:
            for step in path[:-1]:
                parent = parent[step]
            action = draw(st.sampled_from(["replace", "delete", "add_key", "duplicate"]))
            if action == "replace":
                parent[path[-1]] = draw(values)
            elif action == "delete":
                del parent[path[-1]]
            elif action == "add_key" and isinstance(parent, dict):
                parent[draw(st.text(min_size=1, max_size=10))] = draw(values)
            elif action == "duplicate" and isinstance(parent, list):
                parent.append(copy.deepcopy(parent[path[-1]]))
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed this path
    return action, data


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> UnitOfWork:
    url = f"sqlite:///{tmp_path_factory.mktemp('mutations') / 'coopact.db'}"
    engine = make_engine(url)
    upgrade(engine)
    return UnitOfWork.for_engine(engine)


def _counts(uow: UnitOfWork) -> tuple[int, int]:
    with uow:
        return (
            uow.session.scalar(select(func.count()).select_from(PartnershipRow)) or 0,
            uow.session.scalar(select(func.count()).select_from(AuditEventRow)) or 0,
        )


@settings(  # how many examples: the Hypothesis profile (tests/conftest.py)
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=mutated())
def test_every_mutation_is_accepted_or_rejected_with_located_problems(
    store: UnitOfWork, case
) -> None:
    _, data = case
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    before = _counts(store)
    try:
        partnership = load_text(text, "mutated.yaml")
    except InvalidInput as error:
        assert error.problems, "a rejection lists its problems"
        for problem in error.problems:
            assert problem.message
        assert _counts(store) == before, "nothing is written for an invalid file"
        return
    try:
        result = services.register(store, partnership, actor="test")
    except CoopactError as refusal:  # e.g. the reference exists with another file
        assert "differences at" in refusal.message
        partnerships, events = _counts(store)
        assert (partnerships, events) == (before[0], before[1] + 1), "only the refusal is recorded"
        return
    partnerships, _ = _counts(store)
    assert partnerships == before[0] + (1 if result.created else 0)


def test_the_mutation_strategy_reaches_both_outcomes() -> None:
    """Guard against a strategy that only ever produces invalid (or valid) files."""
    outcomes = set()

    @settings(deadline=None)  # examples: the Hypothesis profile
    @given(case=mutated())
    def probe(case) -> None:
        try:
            load_text(yaml.safe_dump(case[1], allow_unicode=True), "x")
            outcomes.add("accepted")
        except InvalidInput:
            outcomes.add("rejected")

    probe()
    assert outcomes == {"accepted", "rejected"}
