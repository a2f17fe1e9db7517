"""A decision retried after it closed its gate is "already recorded", not refused; a gate
reopened for a new round still takes the same person's new decision."""

from __future__ import annotations

from contracts.decisions import Decider, Role
from contracts.lifecycle import Gate, Outcome
from coopact import services
from coopact.config import settings
from coopact.loading import load_file
from store.uow import UnitOfWork
from tests.conftest import EXAMPLE

REF = "P-2027-001"
CLAIRE = Decider("Claire Martin", Role.sponsor, "tremplin")
MARC = Decider("Marc Lefèvre", Role.sponsor, "logistix")


def test_a_retried_decision_after_the_gate_closed_is_already_recorded(uow: UnitOfWork) -> None:
    services.register(uow, load_file(EXAMPLE), actor="test")
    services.advance(uow, REF, templates=settings().templates)  # the vision note
    services.decide(uow, REF, Gate.vision_approval, CLAIRE, Outcome.approve, "Vision validée")
    closing = services.decide(
        uow, REF, Gate.vision_approval, MARC, Outcome.approve, "Vision validée"
    )
    retried = services.decide(
        uow, REF, Gate.vision_approval, MARC, Outcome.approve, "Vision validée"
    )
    assert closing.gate_closed and closing.stage == "vision_agreed"
    assert (retried.applied, retried.message) == (False, services.ALREADY_RECORDED)
    refused = [e for e in services.history(uow, REF) if e["action"] == "refused"]
    assert refused == []


def test_a_reopened_gate_takes_the_same_persons_decision_again(uow: UnitOfWork) -> None:
    services.register(uow, load_file(EXAMPLE), actor="test")
    services.advance(uow, REF, templates=settings().templates)  # the vision note
    services.decide(uow, REF, Gate.vision_approval, CLAIRE, Outcome.approve, "Vision validée")
    services.decide(uow, REF, Gate.vision_approval, MARC, Outcome.reject, "Objectifs flous")
    again = services.decide(
        uow, REF, Gate.vision_approval, CLAIRE, Outcome.approve, "Vision validée"
    )
    assert again.applied and again.stage == "draft"
    assert "still awaited at vision_approval: logistix" in again.message
