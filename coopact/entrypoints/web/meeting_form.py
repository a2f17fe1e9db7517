"""The meeting record on the officer's form for a review vote recorded on someone's behalf:
the same facts as `coopact decide --meeting ...` (:mod:`contracts.meeting`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from coopact.contracts.errors import InvalidInput, Problem
from coopact.contracts.meeting import Meeting, MeetingForm, parse_proxies

FORMS = [form.value for form in MeetingForm]


def meeting_of(form: Any) -> Meeting | None:
    """The meeting record the form gives (None: no form of meeting chosen); InvalidInput
    naming the field typed wrong."""
    chosen = str(form.get("meeting") or "").strip()
    if not chosen:
        return None
    problems: list[Problem] = []
    if chosen not in FORMS:
        problems.append(Problem("meeting", f"{chosen!r}: one of {', '.join(FORMS)}"))
    days: dict[str, dt.date | None] = {}
    for field in ("meeting_on", "meeting_closed"):
        text = str(form.get(field) or "").strip()
        try:
            days[field] = dt.date.fromisoformat(text) if text else None
        except ValueError:
            problems.append(Problem(field, f"{text!r} is not a date (YYYY-MM-DD)"))
    lines = [line for line in str(form.get("represented") or "").splitlines() if line.strip()]
    proxies, wrong = parse_proxies(lines)
    if problems or wrong:
        raise InvalidInput("meeting", problems + wrong)

    def words(field: str) -> str | None:
        return " ".join(str(form.get(field) or "").split()) or None

    return Meeting(
        MeetingForm(chosen), days["meeting_on"], days["meeting_closed"], words("place"),
        words("chair"), words("secretary"), proxies,
    )  # fmt: skip
