"""The stage work wired in one place (coopact.bootstrap.wiring, coopact.usecases.decide): the vote
that closes the vision approval runs the balance, and the partners are told by mail; a vote that
leaves the gate open runs nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopact import services
from coopact.adapters.loading import load_text
from coopact.bootstrap import units, wiring, writing
from coopact.contracts.deciders import Decider
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.entrypoints.cli.demo import demo_file
from coopact.services.decision_record import Decide
from coopact.store.migrate import upgrade
from coopact.usecases.decide import Decided, decide

REF = "P-2027-001"


def _vote(key: str, name: str) -> Decided:
    vote = Decide(
        REF, Gate.vision_approval, Decider(name, Role.sponsor, key), Outcome.approve, "Oui"
    )
    return decide(vote, writing.adapters())


def test_the_closing_vote_runs_the_next_stage_and_tells_the_partners(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COOPACT_HOME", str(tmp_path))
    monkeypatch.setenv("COOPACT_DATABASE_URL", f"sqlite:///{tmp_path / 'coopact.db'}")
    for variable in ("COOPACT_SMTP_HOST", "COOPACT_SIGNATURE_PROVIDER"):
        monkeypatch.delenv(variable, raising=False)
    wiring.engine.cache_clear()  # this home's database, not an earlier test's
    upgrade(wiring.engine())
    services.register(units.uow(), load_text(demo_file()), actor="officer")
    writing.advance(REF, using=writing.adapters(mail=False))

    first = _vote("tremplin", "Claire Martin")
    assert not first.decision.gate_closed and first.after is None
    mails = set((tmp_path / "outbox").glob("*.eml"))

    closing = _vote("logistix", "Marc Lefèvre")
    assert closing.decision.gate_closed and closing.after is not None
    assert closing.after.new_documents == ["balance_report v1 (fr)"]
    assert closing.after.awaiting and "balance_acceptance" in closing.after.awaiting
    assert set((tmp_path / "outbox").glob("*.eml")) - mails  # the balance is awaited by mail
    wiring.engine().dispose()
    wiring.engine.cache_clear()
