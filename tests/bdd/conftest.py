"""Shared steps and fixtures of the business rules (pytest-bdd)."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from pytest_bdd import given

from tests.conftest import EXAMPLE


@pytest.fixture
def partnership_data() -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))


@given(
    'the example partnership file "Parcours vers l\'emploi dans la logistique urbaine"',
    target_fixture="partnership_data",
)
def the_example_file(partnership_data: dict[str, Any]) -> dict[str, Any]:
    """The shared example, as an officer would write it."""
    return partnership_data
