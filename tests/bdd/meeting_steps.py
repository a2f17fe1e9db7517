"""Steps of the meeting record in features/committee.feature: how the comité de pilotage
met, given with the votes (as `coopact decide --meeting ...` gives it), read in its minutes."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pytest_bdd import given, parsers, then, when

from coopact.contracts.meeting import Meeting, MeetingForm
from coopact.store.uow import UnitOfWork
from tests.bdd.after_signature_steps import _vote
from tests.integration.after_signature_helpers import active, partnership_data, text_of


@given(
    parsers.parse(
        'an active partnership whose comité de pilotage decides by "{rule}" with a quorum of '
        "{quorum:d} members"
    ),
    target_fixture="data",
)
def active_with_quorum(sqlite_uow: UnitOfWork, rule: str, quorum: int) -> dict[str, Any]:
    def change(data: dict[str, Any]) -> None:
        data["governance"]["steering_committee"]["decision_rule"] = rule
        data["governance"]["steering_committee"]["quorum"] = quorum

    active(sqlite_uow, change)
    return partnership_data(change)


@when(
    parsers.parse(
        'the committee meets by video conference on {day}, chaired by "{chair}", "{secretary}" '
        'keeping the minutes, "{member}" represented by "{proxy}"'
    )
)
def meets_by_video(
    outcome: dict[str, Any], day: str, chair: str, secretary: str, member: str, proxy: str
) -> None:
    outcome["meeting"] = Meeting(
        MeetingForm.video, dt.date.fromisoformat(day), chair=chair, secretary=secretary,
        represented=((member, proxy),),
    )  # fmt: skip


@when(parsers.parse('the committee meets in person on {day} at "{place}"'))
def meets_in_person(outcome: dict[str, Any], day: str, place: str) -> None:
    outcome["meeting"] = Meeting(MeetingForm.in_person, dt.date.fromisoformat(day), place=place)


@when(parsers.parse("the committee meets in person on {day} with no place"))
def meets_nowhere(outcome: dict[str, Any], day: str) -> None:
    outcome["meeting"] = Meeting(MeetingForm.in_person, dt.date.fromisoformat(day))


@when(parsers.parse("the committee is consulted in writing from {opened} to {closed}"))
def consulted_in_writing(outcome: dict[str, Any], opened: str, closed: str) -> None:
    outcome["meeting"] = Meeting(
        MeetingForm.written, dt.date.fromisoformat(opened), dt.date.fromisoformat(closed)
    )


@when(parsers.parse('"{name}" votes "{choice}" as the meeting records'))
def votes_at_meeting(
    sqlite_uow: UnitOfWork, outcome: dict[str, Any], name: str, choice: str
) -> None:
    _vote(sqlite_uow, outcome, name, choice, meeting=outcome["meeting"])


@then(parsers.parse('the minutes are signed by "{name}", "{title}"'))
def signed_by(sqlite_uow: UnitOfWork, name: str, title: str) -> None:
    """The signature block: the title, the name under it, then the place to sign."""
    body = text_of(sqlite_uow, "minutes").replace("\u00a0", " ")
    assert f"{title}\n{name}\nSignature :" in body, body
