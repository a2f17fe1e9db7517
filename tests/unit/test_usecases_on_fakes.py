"""The decision's one door (coopact.usecases.decide) on the in-memory fakes: no database,
what a person deciding would notice: recorded once, refused with nothing recorded, the gate
closing runs the next stage's work once, evidence kept with its decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from coopact.adapters.loading import load_text
from coopact.contracts.deciders import Decider
from coopact.contracts.errors import InvalidInput, NotFound, Refused
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.entrypoints.cli.demo import demo_file
from coopact.services._common import canonical_spec
from coopact.services.decision_record import Decide, Evidence, record_in
from coopact.services.decisions import Channel
from coopact.usecases.decide import decide, stage_work
from coopact.usecases.open_review import OpenReviewNow, open_now
from tests.fakes.memory import MemoryDatabase
from tests.fakes.recording import (
    RecordingSignatureProvider,
    RecordingTransport,
    StageWorkRecorder,
    adapters,
)

REF = "P-2027-001"
CLAIRE = Decider("Claire Martin", Role.sponsor, "tremplin")
MARC = Decider("Marc Lefèvre", Role.sponsor, "logistix")
SPEC = canonical_spec(load_text(demo_file()))


@pytest.fixture
def db() -> MemoryDatabase:
    database = MemoryDatabase()
    database.add_partnership(REF, SPEC, "draft")
    database.add_document(REF, "vision_note")
    return database


def _vote(decider: Decider = CLAIRE, **kw: Any) -> Decide:
    return Decide(REF, Gate.vision_approval, decider, Outcome.approve, "Vision partagée", **kw)


def test_a_vote_that_leaves_the_gate_open_is_recorded_once_and_runs_nothing(
    db: MemoryDatabase,
) -> None:
    work = StageWorkRecorder(db)
    done = decide(_vote(), adapters(db), work=work)

    assert done.applied and not done.decision.gate_closed
    assert "still awaited at vision_approval" in done.decision.message
    assert [d.decider for d in db.state.decisions] == ["Claire Martin"]
    assert db.actions(REF) == ["decision.recorded"]
    assert work.runs == [] and db.stage(REF) == "draft"


def test_the_closing_vote_moves_the_partnership_on_and_runs_the_next_work_once(
    db: MemoryDatabase,
) -> None:
    work = StageWorkRecorder(db)
    decide(_vote(CLAIRE), adapters(db), work=work)
    day = dt.date(2027, 3, 1)
    done = decide(_vote(MARC, today=day), adapters(db), work=work)

    assert done.decision.gate_closed and db.stage(REF) == "vision_agreed"
    assert work.runs == [(REF, day)], "the next stage's work runs once, dated as asked"
    assert done.after is not None and done.after.awaiting == "next gate"
    assert db.actions(REF) == ["decision.recorded", "decision.recorded", "gate.closed"]


def test_the_same_vote_twice_is_recorded_once_and_runs_nothing_again(db: MemoryDatabase) -> None:
    work = StageWorkRecorder(db)
    decide(_vote(CLAIRE), adapters(db), work=work)
    decide(_vote(MARC), adapters(db), work=work)
    again = decide(_vote(MARC), adapters(db), work=work)

    assert not again.applied and again.decision.message == "this decision was already recorded"
    assert len(db.state.decisions) == 2 and len(work.runs) == 1


def test_someone_not_named_in_the_file_is_refused_and_only_the_refusal_is_kept(
    db: MemoryDatabase,
) -> None:
    work = StageWorkRecorder(db)
    stranger = Decider("Jean Inconnu", Role.sponsor, "tremplin")
    with pytest.raises(Refused):
        decide(_vote(stranger), adapters(db), work=work)

    assert db.state.decisions == [] and work.runs == []
    assert db.actions(REF) == ["refused"]
    chained = repr([e.payload for e in db.state.events]) + repr([e.actor for e in db.state.events])
    assert "Jean Inconnu" not in chained, "the chain names a person by a pseudonym only"
    assert any(t.name == "Jean Inconnu" for t in db.state.texts), "kept out of the chain"


def test_a_vote_before_the_vision_note_is_written_is_refused(db: MemoryDatabase) -> None:
    db.state.documents.clear()
    with pytest.raises(Refused, match="not written yet"):
        decide(_vote(), adapters(db), work=StageWorkRecorder(db))
    assert db.state.decisions == []


def test_a_legal_approval_on_someone_s_behalf_is_refused_before_anything_is_read(
    db: MemoryDatabase,
) -> None:
    db.state.partnerships[REF].stage = "balanced"
    on_behalf = Channel("on_behalf", {"officer": "o@x.example", "evidence_sha256": "ab" * 32})
    jurist = Decider("Sophie Bernard", Role.legal_officer, None)
    command = Decide(REF, Gate.legal_approval, jurist, Outcome.approve, "Conforme",
                     channel=on_behalf)  # fmt: skip
    with pytest.raises(Refused):
        decide(command, adapters(db), work=StageWorkRecorder(db))
    assert db.state.events == [] and db.commits == 0


def test_evidence_is_kept_in_the_same_commit_as_the_decision_it_rests_on(
    db: MemoryDatabase,
) -> None:
    piece = Evidence("accord.eml", "message/rfc822", b"Oui, nous validons.", "o@x.example")
    channel = Channel("on_behalf", {"officer": "o@x.example", "evidence_sha256": piece.sha256})
    commits = db.commits
    decide(_vote(channel=channel, evidence=piece), adapters(db), work=StageWorkRecorder(db))

    assert db.commits == commits + 1, "one transaction: the decision and its evidence"
    [kept] = db.state.evidence
    assert kept.sha256 == piece.sha256 and kept.content == b"Oui, nous validons."
    assert db.actions(REF) == ["decision.recorded", "evidence.stored"]


def test_a_refused_decision_on_someone_s_behalf_keeps_no_evidence(db: MemoryDatabase) -> None:
    piece = Evidence("accord.eml", "message/rfc822", b"Oui.", "o@x.example")
    channel = Channel("on_behalf", {"officer": "o@x.example", "evidence_sha256": piece.sha256})
    stranger = Decider("Jean Inconnu", Role.sponsor, "tremplin")
    with pytest.raises(Refused):
        decide(_vote(stranger, channel=channel, evidence=piece), adapters(db))
    assert db.state.evidence == [] and db.state.decisions == []


def test_when_the_next_work_fails_the_decision_stands_and_the_failure_is_returned(
    db: MemoryDatabase,
) -> None:
    work = StageWorkRecorder(db, fails=Refused("the balance cannot be written"))
    decide(_vote(CLAIRE), adapters(db), work=work)
    done = decide(_vote(MARC), adapters(db), work=work)

    assert done.work_error is not None and "balance" in done.work_error.message
    assert db.stage(REF) == "vision_agreed" and len(db.state.decisions) == 2


def test_the_last_exit_acknowledgement_closes_the_partnership_and_runs_no_work(
    db: MemoryDatabase,
) -> None:
    db.state.partnerships[REF].stage = "terminated"
    db.add_document(REF, "exit_statement")
    work, told = StageWorkRecorder(db), []
    for key, name in (("tremplin", "Paul Durand"), ("logistix", "Marc Lefèvre")):
        done = decide(
            Decide(REF, Gate.exit_acknowledgement, Decider(name, Role.signatory, key),
                   Outcome.acknowledge, "Nous prenons acte."),
            adapters(db), work=work, notice=told.append,
        )  # fmt: skip
    assert db.stage(REF) == "closed" and done.decision.gate_closed
    assert work.runs == [], "a closed partnership has no automatic work"
    assert told == [REF], "those awaited next are told once, when the gate closes"


def test_a_control_character_in_the_reason_is_refused_with_nothing_recorded(
    db: MemoryDatabase,
) -> None:
    command = Decide(REF, Gate.vision_approval, CLAIRE, Outcome.approve, "Oui\x1b[2J")
    with pytest.raises(InvalidInput):
        decide(command, adapters(db))
    assert db.state.decisions == [] and db.state.events == []


def test_an_unknown_partnership_is_not_found_and_nothing_is_recorded(db: MemoryDatabase) -> None:
    command = Decide("P-2027-999", Gate.vision_approval, CLAIRE, Outcome.approve, "Oui")
    with pytest.raises(NotFound):
        decide(command, adapters(db))
    assert db.state.decisions == [] and db.state.events == []


def test_a_webhook_s_decision_is_kept_only_with_its_caller_s_commit(db: MemoryDatabase) -> None:
    uow = db.uow()
    with uow:
        row = uow.partnerships.get_for_update(REF)
        result = record_in(uow, row, _vote(channel=Channel("webhook", {"provider": "x"})))
        assert result.applied and db.state.decisions == [], "not before the caller commits"
    assert db.state.decisions == []
    with uow:
        record_in(uow, uow.partnerships.get_for_update(REF), _vote())
        uow.commit()
    assert len(db.state.decisions) == 1


def test_the_next_work_is_handed_this_process_s_mail_transport_and_provider(
    db: MemoryDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    transport, provider = RecordingTransport(), RecordingSignatureProvider()
    handed: list[tuple[str, object, object]] = []

    def advance(uow: object, reference: str, **kw: Any) -> object:
        handed.append((reference, kw["transport"], kw["signature"]))
        return None

    monkeypatch.setattr("coopact.usecases.decide.advance", advance)
    stage_work(adapters(db, transport, provider))(REF, None)
    stage_work(adapters(db))(REF, None)
    assert handed == [(REF, transport, provider), (REF, None, None)]


@pytest.mark.parametrize(
    ("stage", "scheduled", "said"),
    [
        ("signed", True, "a review opens only on an active partnership"),
        ("active", False, "has no review scheduled any more"),
    ],
)
def test_a_review_brought_forward_is_refused_with_nothing_opened(
    db: MemoryDatabase, stage: str, scheduled: bool, said: str
) -> None:
    db.state.partnerships[REF].stage = stage
    if scheduled:
        db.add_review(REF, dt.date(2027, 9, 1))
    with pytest.raises(Refused, match=said):
        open_now(db.uow, OpenReviewNow(REF, "o@x.example", dt.date(2027, 6, 1)))
    assert db.stage(REF) == stage and db.state.events == [] and db.commits == 0


def test_a_review_of_an_unknown_partnership_is_not_found(db: MemoryDatabase) -> None:
    with pytest.raises(NotFound):
        open_now(db.uow, OpenReviewNow("P-2027-999", "o@x.example", dt.date(2027, 6, 1)))
