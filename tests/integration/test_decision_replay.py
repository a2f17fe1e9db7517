"""A decision retried after it closed its gate is "already recorded", not refused; a decision
is final for its round, and a rejected gate opens a new round when the file is amended."""

from __future__ import annotations

import pytest

from coopact import services
from coopact.adapters.config import settings
from coopact.adapters.loading import load_file
from coopact.contracts.deciders import Decider
from coopact.contracts.errors import Refused
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.store.uow import UnitOfWork
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


def test_a_rejected_round_takes_no_more_decisions_until_the_file_is_amended(
    uow: UnitOfWork,
) -> None:
    services.register(uow, load_file(EXAMPLE), actor="test")
    services.advance(uow, REF, templates=settings().templates)  # the vision note
    services.decide(uow, REF, Gate.vision_approval, CLAIRE, Outcome.approve, "Vision validée")
    services.decide(uow, REF, Gate.vision_approval, MARC, Outcome.reject, "Objectifs flous")

    replayed = services.decide(
        uow, REF, Gate.vision_approval, MARC, Outcome.reject, "Objectifs flous"
    )
    assert (replayed.applied, replayed.message) == (False, services.ALREADY_RECORDED)
    with pytest.raises(Refused, match="already decided in this round"):
        services.decide(uow, REF, Gate.vision_approval, MARC, Outcome.approve, "Finalement oui")

    corrected = load_file(EXAMPLE).model_copy(update={"title": "Parcours vers l'emploi (v2)"})
    services.amend(uow, REF, corrected, actor="officer")
    with pytest.raises(Refused, match="current file"):  # the vision note must be rewritten
        services.decide(uow, REF, Gate.vision_approval, CLAIRE, Outcome.approve, "Vision validée")
    services.advance(uow, REF, templates=settings().templates)
    again = services.decide(
        uow, REF, Gate.vision_approval, CLAIRE, Outcome.approve, "Vision validée"
    )
    assert again.applied and again.stage == "draft"
    assert "still awaited at vision_approval: logistix" in again.message


def test_a_person_does_not_decide_twice_in_a_round_even_spelled_differently(
    uow: UnitOfWork,
) -> None:
    services.register(uow, load_file(EXAMPLE), actor="test")
    services.advance(uow, REF, templates=settings().templates)
    services.decide(uow, REF, Gate.vision_approval, CLAIRE, Outcome.approve, "Vision validée")
    respelled = Decider("claire  MARTIN", Role.sponsor, "tremplin")
    replay = services.decide(
        uow, REF, Gate.vision_approval, respelled, Outcome.approve, "Vision validée"
    )
    assert replay.message == services.ALREADY_RECORDED
    with pytest.raises(Refused, match="already decided approve"):
        services.decide(uow, REF, Gate.vision_approval, respelled, Outcome.reject, "Changé d'avis")


def test_a_decline_without_a_hash_counts_against_the_current_agreement(uow: UnitOfWork) -> None:
    from coopact.adapters.loading import load_text
    from coopact.entrypoints.cli.demo import DEMO_LEGAL_OFFICER, demo_file

    services.register(uow, load_text(demo_file()), actor="test")
    templates = settings().templates
    services.advance(uow, REF, templates=templates)
    for who in (CLAIRE, MARC):
        services.decide(uow, REF, Gate.vision_approval, who, Outcome.approve, "Vision validée")
    services.advance(uow, REF, templates=templates)
    reason = "Avertissements compris, suivis en comité de pilotage."
    for who in (CLAIRE, MARC):
        services.decide(uow, REF, Gate.balance_acceptance, who, Outcome.approve, reason)
    services.advance(uow, REF, templates=templates)
    officer = Decider(DEMO_LEGAL_OFFICER, Role.legal_officer)
    services.decide(uow, REF, Gate.legal_approval, officer, Outcome.approve, "Conforme")
    services.advance(uow, REF, templates=templates)

    signatory = Decider("Marc Lefèvre", Role.signatory, "logistix")
    declined = services.decide(
        uow, REF, Gate.signature, signatory, Outcome.decline, "Clause 12 à revoir"
    )
    assert declined.gate_closed and declined.stage == "formalised"
    with pytest.raises(Refused, match="already decided in this round"):
        sha = services.document_content(uow, REF, "agreement_pdf").sha256
        paul = Decider("Paul Durand", Role.signatory, "tremplin")
        services.decide(uow, REF, Gate.signature, paul, Outcome.sign, "Signé", document_sha256=sha)
