"""What the audit chain says of a partnership's schedule, without the database: the items
its ``schedule.planned`` and ``schedule.dropped`` events leave (:mod:`store.schedule_record`
records them; `coopact audit verify` holds the schedule rows against them)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Item = tuple[str, str, str]  # (kind, subject, due_on ISO)


def item_key(item: dict[str, Any]) -> Item:
    return (str(item.get("kind")), str(item.get("subject") or ""), str(item.get("due_on")))


def expected_schedule(events: Iterable[Any]) -> set[Item] | None:
    """The schedule rows a partnership's events say exist (None when no event planned
    any: a partnership from before the schedule was in the chain)."""
    planned = planned_by(events)
    return None if planned is None else set(planned)


def planned_by(events: Iterable[Any]) -> dict[Item, int] | None:
    """Each schedule row the events say exists, with the event (seq) that planned it."""
    expected: dict[Item, int] | None = None
    for event in events:
        if event.action not in ("schedule.planned", "schedule.dropped"):
            continue
        expected = {} if expected is None else expected
        for item in event.payload.get("items", []):
            if event.action == "schedule.planned":
                expected[item_key(item)] = event.seq
            else:
                expected.pop(item_key(item), None)
    return expected
