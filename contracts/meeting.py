"""How the comité de pilotage deliberated at a review: the facts its minutes state.

A review is decided by the members' votes, recorded one by one. How they were cast is the
meeting record, given with a vote of the review (``coopact decide --meeting``, the officer's
form): a meeting held in person (with its place) or by video conference on a day, or a
written consultation between an opening and a closing date; who chaired and who kept the
minutes (the agreement's chair and secretary unless others acted); which members were
represented, and by whom. Without a record, the review is what coopact saw: a written
consultation opened on the review's date and closed by the last vote.

The governance article allows exactly these forms: in person, by video conference, or by
written consultation between the dates the consultation sets.

Pure: no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from coopact.contracts.errors import Problem

if TYPE_CHECKING:  # the command line reads this module at start-up: no schema loaded
    from coopact.schemas import Partnership


class MeetingForm(StrEnum):
    in_person = "in_person"
    video = "video"
    written = "written"


@dataclass(frozen=True)
class Meeting:
    """How a review was deliberated. ``held_on``: the day of a meeting, the opening day of a
    written consultation (None: the review's opening day); ``closed_on``: the closing day of
    a written consultation (None: the day of the last vote); ``represented``: (member,
    proxy) pairs, a member who gave a proxy to another person for the meeting."""

    form: MeetingForm = MeetingForm.written
    held_on: dt.date | None = None
    closed_on: dt.date | None = None
    place: str | None = None
    chair: str | None = None
    secretary: str | None = None
    represented: tuple[tuple[str, str], ...] = ()

    @property
    def is_meeting(self) -> bool:
        return self.form is not MeetingForm.written

    def proxy_of(self, member: str) -> str | None:
        return next((p for m, p in self.represented if _same(m, member)), None)

    def to_data(self) -> dict[str, Any]:
        """Plain JSON-able data (kept out of the audit chain: it names people)."""
        return {
            "form": self.form.value,
            "held_on": self.held_on.isoformat() if self.held_on else None,
            "closed_on": self.closed_on.isoformat() if self.closed_on else None,
            "place": self.place,
            "chair": self.chair,
            "secretary": self.secretary,
            "represented": [[m, p] for m, p in self.represented],
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Meeting:
        def day(key: str) -> dt.date | None:
            value = data.get(key)
            return dt.date.fromisoformat(str(value)) if value else None

        return cls(
            form=MeetingForm(data.get("form") or MeetingForm.written.value),
            held_on=day("held_on"),
            closed_on=day("closed_on"),
            place=data.get("place") or None,
            chair=data.get("chair") or None,
            secretary=data.get("secretary") or None,
            represented=tuple((str(m), str(p)) for m, p in data.get("represented") or ()),
        )


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def parse_proxies(texts: Sequence[str]) -> tuple[tuple[tuple[str, str], ...], list[Problem]]:
    """``"MEMBER=PROXY"`` texts as (member, proxy) pairs, and what is wrong with them."""
    pairs, problems = [], []
    for text in texts:
        member, sep, proxy = text.partition("=")
        if not sep or not member.strip() or not proxy.strip():
            problems.append(
                Problem(
                    "represented",
                    f"{text!r}: write MEMBER=PROXY (the member, then who held their proxy)",
                )
            )
            continue
        pairs.append((" ".join(member.split()), " ".join(proxy.split())))
    return tuple(pairs), problems


def problems(partnership: Partnership, meeting: Meeting) -> list[Problem]:
    """What a meeting record cannot say: a meeting without its day or, in person, without its
    place; a written consultation closed before it opened; a represented member or a chair
    who does not sit on the committee; a member represented twice or by themselves."""
    members = [m.name for m in partnership.governance.steering_committee.members]

    def seated(name: str) -> bool:
        return any(_same(name, m) for m in members)

    found: list[Problem] = []
    if meeting.is_meeting and meeting.held_on is None:
        found.append(Problem("meeting_on", "a meeting states the day it was held"))
    if meeting.form is MeetingForm.in_person and not (meeting.place or "").strip():
        found.append(Problem("place", "a meeting held in person states its place"))
    if meeting.form is MeetingForm.written and meeting.place:
        found.append(Problem("place", "a written consultation has no place"))
    if meeting.form is MeetingForm.written and meeting.represented:
        found.append(Problem("represented", "in a written consultation nobody is represented"))
    if meeting.held_on and meeting.closed_on and meeting.closed_on < meeting.held_on:
        found.append(Problem("closed_on", "a consultation closes on or after the day it opened"))
    if meeting.closed_on and meeting.is_meeting:
        found.append(Problem("closed_on", "only a written consultation has a closing day"))
    if meeting.chair and not seated(meeting.chair):
        found.append(Problem("chair", f"{meeting.chair} does not sit on the comité de pilotage"))
    seen: list[str] = []
    for member, proxy in meeting.represented:
        if not seated(member):
            found.append(Problem("represented", f"{member} does not sit on the comité de pilotage"))
        elif any(_same(member, s) for s in seen):
            found.append(Problem("represented", f"{member} is represented once"))
        elif _same(member, proxy):
            found.append(Problem("represented", f"{member} cannot be their own proxy"))
        seen.append(member)
    return found
