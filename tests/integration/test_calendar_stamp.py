"""The calendar's DTSTAMP is the time it was generated, and the stored version keeps it: the
version is recorded at that time, its inputs hold it (the same inputs give the same bytes),
and a later `advance` neither re-renders it nor adds a version."""

from __future__ import annotations

import datetime as dt

import icalendar

from coopact import services
from coopact.adapters.documents.calendar_ics import build_calendar
from coopact.services._common import partnership_of
from coopact.store.uow import UnitOfWork
from tests.integration.after_signature_helpers import REF, TEMPLATES, active


def _utc(value: dt.datetime) -> dt.datetime:
    """A stored time in UTC (SQLite gives it back without its zone)."""
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def test_the_stored_calendar_is_stamped_with_its_generation_time(uow: UnitOfWork) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    active(uow)  # signed, then the governance work: charter and calendar
    after = dt.datetime.now(dt.UTC)

    stored = services.document_content(uow, REF, "calendar")
    stamps = {
        e.decoded("DTSTAMP") for e in icalendar.Calendar.from_ical(stored.content).walk("VEVENT")
    }
    (stamp,) = stamps
    assert before <= stamp <= after  # the time it ran: not a day's midnight, not the future
    assert _utc(stored.created_at) == stamp  # the version is recorded at the time it states
    assert stored.inputs is not None and stored.inputs["generated_at"] == stamp.isoformat()

    # Reproducible from what is stored: the same file and that time give the same bytes.
    with uow:
        partnership = partnership_of(uow.partnerships.get(REF))
    again = build_calendar(
        partnership, REF, dt.datetime.fromisoformat(stored.inputs["generated_at"])
    )
    assert again == stored.content

    # A later advance does not run the governance work again: no new version, same file.
    services.advance(uow, REF, templates=TEMPLATES, today=dt.date(2027, 1, 20))
    versions = [d for d in services.documents(uow, REF) if d.kind == "calendar"]
    assert [(d.version, d.sha256) for d in versions] == [(1, stored.sha256)]
