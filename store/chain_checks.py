"""The audit chain held against what lies outside its rows: the anchor log (every anchor
still in the chain, unchanged; the log neither deleted nor cut; no table holding fewer rows
than the last anchor counted) and the database's origin (no unkeyed event in a database
created with the keyed chain)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from coopact.store import core_tables as t
from coopact.store.anchors import Anchor, AnchorLog
from coopact.store.row_changes import COUNTED_TABLES

# Core, no ORM (store/core_tables.py): ``session`` is a unit of work's session or the read
# side's connection (`coopact audit verify`).
Conn = Any

COUNTED = {name: getattr(t, name) for name in COUNTED_TABLES}
# Events that delete rows of a counted table: table -> (action, how many rows it deleted).
DELETIONS = {"schedule": "schedule.dropped"}


def row_counts(session: Conn, events: int, tables: Iterable[str] | None = None) -> dict[str, int]:
    """What an anchor counts: ``events`` (the chain's head) and the rows of each counted
    table (of ``tables`` only, when given), as this transaction sees them (one statement)."""
    names = [n for n in COUNTED if tables is None or n in tables]
    if not names:
        return {"events": events}
    counts = (select(func.count()).select_from(COUNTED[n]).scalar_subquery() for n in names)
    query = select(*(count.label(name) for count, name in zip(counts, names, strict=True)))
    found = session.execute(query).one()
    return {"events": events, **{name: int(found._mapping[name]) for name in names}}


def check_counts(
    anchors: Sequence[Anchor], events: Sequence[Any], current: dict[str, int]
) -> list[str]:
    """No table holds fewer rows than the last anchor that counted it (of an event still
    read) counted, but for the rows that events after that anchor deleted. (An anchor
    counts the tables its commit added rows to or deleted rows from: store.row_changes.)"""
    head = max((e.seq for e in events), default=0)
    last: dict[str, Anchor] = {}
    for anchor in sorted((a for a in anchors if a.counts and a.seq <= head), key=_seq):
        last.update(dict.fromkeys(anchor.counts or {}, anchor))
    problems = []
    for table, anchor in last.items():
        anchored = (anchor.counts or {})[table]
        have = current.get(table)
        if have is None or have >= anchored - _deleted_after(events, table, anchor.seq):
            continue
        what = "the audit chain holds" if table == "events" else f"table {table} holds"
        problems.append(
            f"{what} {have} rows, but the anchor of event {anchor.seq} (line {anchor.line}, "
            f"{anchor.at}) counted {anchored}: rows were deleted by hand"
        )
    return problems


def _seq(anchor: Anchor) -> int:
    return anchor.seq


def _deleted_after(events: Sequence[Any], table: str, seq: int) -> int:
    """The rows of ``table`` that the events after ``seq`` say were deleted."""
    action = DELETIONS.get(table)
    if action is None:
        return 0
    return sum(
        len(e.payload.get("items", [])) for e in events if e.seq > seq and e.action == action
    )


@dataclass
class AnchorCheck:
    count: int = 0  # anchors read
    last: int = 0  # the last event anchored (its seq)
    unanchored: int = 0  # events after it
    problems: list[str] = field(default_factory=list)
    anchors: list[Anchor] = field(default_factory=list)


def check_anchors(anchor: AnchorLog, stored: dict[int, str]) -> AnchorCheck:
    """Every anchor of the log must still be in the chain with the same hash."""
    reading = anchor.read()
    found = AnchorCheck(count=len(reading.anchors), problems=list(reading.problems))
    found.anchors = reading.anchors
    last_seq = max(stored, default=0)
    missing = [a for a in reading.anchors if a.seq not in stored]
    if missing:
        highest = max(missing, key=lambda a: a.seq)
        first_gone = min(a.seq for a in missing)
        if highest.seq > last_seq:
            found.problems.append(
                f"events {last_seq + 1} to {highest.seq} were deleted: the anchor log recorded "
                f"event {highest.seq} as the chain's head (line {highest.line}, {highest.at}), "
                f"and the chain now ends at event {last_seq}"
            )
        else:
            found.problems.append(
                f"event {first_gone} was deleted: the anchor log recorded it "
                f"(line {min(missing, key=lambda a: a.seq).line})"
            )
    differing = [a for a in reading.anchors if a.seq in stored and stored[a.seq] != a.hash]
    if differing:
        first = min(differing, key=lambda a: a.seq)
        found.problems.append(
            f"event {first.seq} is not the event anchored at line {first.line} ({first.at}): "
            f"the chain was rewritten from event {first.seq} on or before"
            + (f" ({len(differing)} anchors disagree)" if len(differing) > 1 else "")
        )
    found.last = max((a.seq for a in reading.anchors), default=0)
    found.unanchored = max(0, last_seq - found.last)
    return found


def check_coverage(
    events: Sequence[Any], anchor: AnchorLog | None, last_anchored: int
) -> list[str]:
    """The events written by commits that anchor (``anchored`` in their signed body) must be
    covered by the anchor log: a log deleted, replaced or cut at a line boundary is named."""
    anchored = max((e.seq for e in events if getattr(e, "anchored", None)), default=0)
    if anchored <= last_anchored:
        return []
    if anchor is None:
        return [
            f"events up to {anchored} were anchored, but no anchor log is configured: set "
            "COOPACT_ANCHOR_LOG to the log they were anchored in"
        ]
    if last_anchored == 0:
        return [
            f"the anchor log {anchor.path} is missing or empty, but events up to {anchored} "
            "were written by commits that anchored them: the log was deleted or replaced "
            "(or COOPACT_ANCHOR_LOG names another file)"
        ]
    return [
        f"the anchor log {anchor.path} ends with event {last_anchored}, but events up to "
        f"{anchored} were anchored: its last lines were removed (or, if a command said the "
        "anchor log could not be written, `coopact audit anchor` anchors the head again)"
    ]


def origin(session: Conn) -> tuple[int, int] | None:
    """(unkeyed events, last event) when the database reached revision 0014; None when
    that record is gone (or the database is older: `coopact init` upgrades it)."""
    try:
        found = session.execute(
            select(t.chain_origin.c.unkeyed_events, t.chain_origin.c.events_before).limit(1)
        ).first()
    except DBAPIError:
        session.rollback()
        return None
    return (found[0], found[1]) if found else None


def check_origin(session: Conn, events: Sequence[Any]) -> list[str]:
    """No downgrade: an unkeyed event is accepted only in a database whose migration
    history predates the keyed chain (``chain_origin``, written by revision 0014)."""
    unkeyed = [e.seq for e in events if e.key_id is None]
    if not unkeyed:
        return []
    found = origin(session)
    origin_unkeyed = None if found is None else found[0]
    if origin_unkeyed is None:
        return [
            f"{len(unkeyed)} events are not signed by the audit key (the first: event "
            f"{unkeyed[0]}), and the database's record of its origin is gone: forged"
        ]
    if len(unkeyed) > origin_unkeyed:
        return [
            f"{len(unkeyed)} events are not signed by the audit key (the first: event "
            f"{unkeyed[0]}), but the database held {origin_unkeyed} such events when it was "
            "upgraded to the keyed chain's checks: the chain was rewritten without the key"
        ]
    return []
