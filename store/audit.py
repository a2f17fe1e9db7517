"""The append-only audit log, each event chained to the previous one by SHA-256."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from store.tables import AuditEventRow, utcnow

GENESIS = "0" * 64


def canonical_json(event: dict[str, Any]) -> str:
    return json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _event_body(row: AuditEventRow) -> dict[str, Any]:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
    return {
        "seq": row.seq,
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "reference": row.reference,
        "actor": row.actor,
        "action": row.action,
        "payload": row.payload,
    }


def chain_hash(prev_hash: str, body: dict[str, Any]) -> str:
    return hashlib.sha256((prev_hash + canonical_json(body)).encode()).hexdigest()


def append(
    session: Session,
    *,
    action: str,
    actor: str,
    reference: str | None = None,
    payload: dict[str, Any] | None = None,
) -> AuditEventRow:
    """Add one event at the end of the chain, inside the caller's transaction."""
    if session.get_bind().dialect.name == "postgresql":
        # Serialise appenders: two transactions must not chain onto the same last event.
        session.execute(text("SELECT pg_advisory_xact_lock(7240311)"))
    last = session.execute(
        select(AuditEventRow.seq, AuditEventRow.hash).order_by(AuditEventRow.seq.desc()).limit(1)
    ).first()
    seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
    row = AuditEventRow(
        seq=seq,
        at=utcnow(),
        reference=reference,
        actor=actor,
        action=action,
        payload=json.loads(canonical_json(payload or {})),
        prev_hash=prev,
    )
    row.hash = chain_hash(prev, _event_body(row))
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True)
class Break:
    seq: int
    reason: str


def verify(rows: Iterable[AuditEventRow]) -> tuple[int, Break | None]:
    """Walk the chain in order; return how many events were checked and the first break."""
    prev, expected_seq, count = GENESIS, 1, 0
    for row in rows:
        count += 1
        if row.seq != expected_seq:
            return count, Break(
                expected_seq,
                f"event {expected_seq} is missing (found event {row.seq} next): "
                "an event was deleted or inserted",
            )
        if row.prev_hash != prev:
            return count, Break(row.seq, f"event {row.seq} does not chain to event {row.seq - 1}")
        if chain_hash(prev, _event_body(row)) != row.hash:
            return count, Break(row.seq, f"event {row.seq} was altered: its hash does not match")
        prev, expected_seq = row.hash, expected_seq + 1
    return count, None


def events(session: Session, reference: str | None = None) -> list[AuditEventRow]:
    query = select(AuditEventRow).order_by(AuditEventRow.seq)
    if reference is not None:
        query = query.where(AuditEventRow.reference == reference)
    return list(session.scalars(query))
