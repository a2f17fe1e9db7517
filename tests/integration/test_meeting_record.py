"""The meeting record of a review (`coopact decide --meeting ...`) on SQLite and PostgreSQL:
kept out of the audit chain (which holds its hash), read back for the minutes, refused when
it cannot be true, nothing recorded then."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from coopact import services
from coopact.contracts.errors import InvalidInput
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.meeting import Meeting, MeetingForm
from coopact.services import meetings
from coopact.services._common import partnership_of
from coopact.store.uow import UnitOfWork
from tests.integration.after_signature_helpers import REF, active, open_review, vote

VIDEO = Meeting(
    MeetingForm.video, dt.date(2027, 7, 20), chair="Claire Martin", secretary="Sophie Garnier",
    represented=(("Marc Lefèvre", "Claire Martin"),),
)  # fmt: skip


def _events(uow: UnitOfWork) -> list[dict[str, object]]:
    return [e["payload"] for e in services.history(uow, REF) if e["action"] == meetings.EVENT]


def test_the_record_is_kept_out_of_the_chain_and_read_back(uow: UnitOfWork) -> None:
    active(uow)
    open_review(uow, dt.date(2027, 7, 15))
    vote(uow, "Claire Martin", Outcome.go, meeting=VIDEO)
    (payload,) = _events(uow)
    assert payload["form"] == "video" and payload["round"] >= 1
    assert "Martin" not in json.dumps(payload) and "Garnier" not in json.dumps(payload)
    with uow:
        row = uow.partnerships.get(REF)
        assert meetings.of_round(uow, row, int(payload["round"])) == VIDEO  # type: ignore[call-overload]


def test_a_record_that_cannot_be_true_is_refused_and_nothing_is_kept(uow: UnitOfWork) -> None:
    active(uow)
    open_review(uow, dt.date(2027, 7, 15))
    written = Meeting(MeetingForm.written, represented=(("Marc Lefèvre", "Claire Martin"),))
    with pytest.raises(InvalidInput) as refused:
        vote(uow, "Claire Martin", Outcome.go, meeting=written)
    assert [p.path for p in refused.value.problems] == ["represented"]
    stranger = Meeting(MeetingForm.video, dt.date(2027, 7, 20), chair="Jean Inconnu")
    with pytest.raises(InvalidInput, match="meeting"):
        vote(uow, "Claire Martin", Outcome.go, meeting=stranger)
    assert _events(uow) == []
    assert services.status(uow, REF)[0].stage == "in_review"


def test_a_record_goes_with_a_review_vote_only(uow: UnitOfWork) -> None:
    active(uow)
    with uow:
        partnership = partnership_of(uow.partnerships.get(REF))
    with pytest.raises(InvalidInput, match="meeting"):
        meetings.check(partnership, Gate.renewal, VIDEO)
