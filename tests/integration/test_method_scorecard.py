"""The method as a practitioner applies it, through the real services and command line, on
SQLite and on PostgreSQL: the 14-element scorecard in `coopact status REF --json`, and a
vague vision approved only with a written reason."""

from __future__ import annotations

import json
from typing import Any

import pytest

from coopact import services
from coopact.adapters.config import settings
from coopact.contracts.deciders import Decider
from coopact.contracts.errors import Refused
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.schemas import Partnership
from coopact.store.uow import UnitOfWork
from tests.conftest import EXAMPLE

REF = "P-2027-001"
CLAIRE = Decider("Claire Martin", Role.sponsor, "tremplin")


def test_status_json_shows_the_14_element_scorecard_of_the_example(cli) -> None:
    cli("init", check=True)
    cli("new", str(EXAMPLE), check=True)
    status = json.loads(cli("status", REF, "--json", check=True).stdout)
    card = status["scorecard"]
    assert len(card) == 14
    assert [e["group"] for e in card].count("factor") == 5
    assert [e["group"] for e in card].count("difficulty") == 6
    assert [e["group"] for e in card].count("risk") == 2
    assert [e["group"] for e in card].count("smart") == 1
    assert {e["rating"] for e in card} <= {"absent", "partial", "covered"}
    by_key = {e["element"]: e for e in card}
    assert by_key["construire"]["label"] == "Construire"
    assert by_key["construire"]["rating"] == "covered"
    assert all(e["evidence"] for e in card)
    social = by_key["social_value"]
    assert social["rating"] == "partial"
    assert "balance.benefit_not_valued" in [f["code"] for f in social["findings"]]
    assert "14 elements" in cli("status", REF, check=True).stdout


def _vague(example_data: dict[str, Any]) -> Partnership:
    example_data["vision"]["statement"] = "Ensemble pour un monde meilleur"
    example_data["vision"]["shared_objectives"] = ["Améliorer l'insertion des jeunes"]
    example_data["vision"]["beneficiaries"] = "everyone"
    return Partnership.model_validate(example_data)


def test_a_vague_vision_is_approved_only_with_a_written_reason(
    uow: UnitOfWork, example_data: dict[str, Any]
) -> None:
    services.register(uow, _vague(example_data), actor="test")
    services.advance(uow, REF, templates=settings().templates)  # the vision note
    codes = {f["code"] for f in services.status(uow, REF)[0].findings}
    assert {"vision.statement_vague", "vision.beneficiaries_vague"} <= codes
    with pytest.raises(Refused, match="at least 20 characters"):
        services.decide(uow, REF, Gate.vision_approval, CLAIRE, Outcome.approve, "Vision ok")
    done = services.decide(
        uow,
        REF,
        Gate.vision_approval,
        CLAIRE,
        Outcome.approve,
        "Le public et le territoire seront précisés au premier comité",
    )
    assert done.applied
