"""Every change of the schedule table in the audit chain, whatever use case makes it.

A unit of work follows its session's flushes: the schedule rows added are recorded as a
``schedule.planned`` event (unless the use case recorded them itself), the rows deleted as
a ``schedule.dropped`` event, for each partnership. `coopact audit verify` replays these
events to know which rows must exist (:func:`expected_schedule`): a row added, or deleted,
by hand is named.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from coopact.store import audit
from coopact.store.keys import Keyring
from coopact.store.schedule_items import Item
from coopact.store.schedule_items import item_key as _key
from coopact.store.tables import PartnershipRow, ScheduleRow

SYSTEM = "coopact"


def _item(row: ScheduleRow) -> dict[str, str]:
    return {"kind": row.kind, "subject": row.subject or "", "due_on": row.due_on.isoformat()}


def follow(session: Session, keyring: Callable[[], Keyring]) -> None:
    """Record the schedule rows ``session`` adds or deletes, at each flush."""
    if session.info.get("coopact.schedule_followed"):
        return
    session.info["coopact.schedule_followed"] = True

    def before_flush(session: Session, _context: Any, _instances: Any) -> None:
        added = [o for o in session.new if isinstance(o, ScheduleRow)]
        dropped = [o for o in session.deleted if isinstance(o, ScheduleRow)]
        if added or dropped:
            _record(session, keyring, added, dropped)

    sa_event.listen(session, "before_flush", before_flush)


def _already_planned(session: Session) -> set[tuple[str | None, Item]]:
    """The items the open transaction's use cases recorded themselves, not written yet."""
    return {
        (new.reference, _key(i))
        for _, new in session.info.get(audit._PENDING, [])
        if new.action == "schedule.planned"
        for i in new.payload.get("items", [])
    }


def _record(
    session: Session,
    keyring: Callable[[], Keyring],
    added: Iterable[ScheduleRow],
    dropped: Iterable[ScheduleRow],
) -> None:
    with session.no_autoflush:
        references: dict[int, str] = {}

        def reference(row: ScheduleRow) -> str:
            pid = row.partnership_id
            if pid not in references:
                owner = session.get(PartnershipRow, pid)
                references[pid] = owner.reference if owner is not None else str(pid)
            return references[pid]

        known = _already_planned(session)
        changes: dict[tuple[str, str], list[dict[str, str]]] = {}
        for row in dropped:
            changes.setdefault(("schedule.dropped", reference(row)), []).append(_item(row))
        for row in added:
            ref = reference(row)
            if (ref, _key(_item(row))) not in known:
                changes.setdefault(("schedule.planned", ref), []).append(_item(row))
    for (action, ref), items in changes.items():
        audit.record(
            session,
            keyring=keyring(),
            event=audit.NewEvent(action, SYSTEM, ref, {"items": items}),
        )
