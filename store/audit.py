"""The append-only audit log: each event chained to the previous one by HMAC-SHA-256.

An event's ``hash`` is HMAC-SHA-256, under the keyring's "audit" key, of the previous
event's hash followed by the event's canonical JSON (its key id included). The key lives
outside the database (:mod:`store.keys`), so whoever can write the database cannot compute
a valid hash for an edited, inserted or appended event. Each event names the key id that
signed it (``key_id``), so the secret can be rotated: older events verify under the
secrets the keyring still holds.

Events written before the keyed chain (revision 0005, ``key_id`` NULL) were chained by
plain SHA-256; they are accepted only as the chain's first events, never after a keyed one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from store.keys import Keyring, SecretUnavailable
from store.tables import AuditEventRow, utcnow

GENESIS = "0" * 64
NAMESPACE = "audit"
_HEAD = "coopact.audit_head"  # session.info key: the chain head seen in this transaction
_APPENDED = "coopact.audit_appended"  # the head this transaction wrote, to anchor on commit


def canonical_json(event: dict[str, Any]) -> str:
    return json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def _event_body(row: AuditEventRow) -> dict[str, Any]:
    at = row.at if row.at.tzinfo else row.at.replace(tzinfo=dt.UTC)
    body = {
        "seq": row.seq,
        "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        "reference": row.reference,
        "actor": row.actor,
        "action": row.action,
        "payload": row.payload,
    }
    if row.key_id is not None:
        body["key_id"] = row.key_id
    return body


def chain_hash(prev_hash: str, body: dict[str, Any]) -> str:
    """The legacy, unkeyed hash (events written before revision 0005)."""
    return hashlib.sha256((prev_hash + canonical_json(body)).encode()).hexdigest()


def keyed_hash(keyring: Keyring, prev_hash: str, body: dict[str, Any], kid: str) -> str:
    return _mac(keyring.key(NAMESPACE, kid), prev_hash, body)


def _mac(key: bytes, prev_hash: str, body: dict[str, Any]) -> str:
    return hmac.new(key, (prev_hash + canonical_json(body)).encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Head:
    """The last event of the chain: what an anchor records."""

    seq: int
    hash: str


def _forget_head(session: Session, *_: Any) -> None:
    session.info.pop(_HEAD, None)
    session.info.pop(_APPENDED, None)


def appended_head(session: Session) -> Head | None:
    """The head written by the open transaction (None when it appended nothing)."""
    return session.info.get(_APPENDED)


def _watch(session: Session) -> None:
    """Forget the cached head whenever the transaction ends or a savepoint rolls back."""
    if not session.info.get("coopact.audit_watched"):
        for name in ("after_commit", "after_rollback", "after_soft_rollback"):
            sa_event.listen(session, name, _forget_head)
        session.info["coopact.audit_watched"] = True


def head(session: Session) -> Head | None:
    """The chain head as this transaction sees it (read once per transaction, then cached)."""
    _watch(session)
    cached = session.info.get(_HEAD)
    if cached is not None:
        return cached if cached.seq else None
    if session.get_bind().dialect.name == "postgresql":
        # Serialise appenders: two transactions must not chain onto the same last event.
        session.execute(text("SELECT pg_advisory_xact_lock(7240311)"))
    last = session.execute(
        select(AuditEventRow.seq, AuditEventRow.hash).order_by(AuditEventRow.seq.desc()).limit(1)
    ).first()
    found = Head(last.seq, last.hash) if last else Head(0, GENESIS)
    session.info[_HEAD] = found
    return found if found.seq else None


def peek_head(session: Session) -> Head | None:
    """The last committed event as seen now, without taking the appenders' lock (for a
    document that records the head at its making; appending uses :func:`head`)."""
    cached = session.info.get(_HEAD)
    if cached is not None:
        return cached if cached.seq else None
    last = session.execute(
        select(AuditEventRow.seq, AuditEventRow.hash).order_by(AuditEventRow.seq.desc()).limit(1)
    ).first()
    return Head(last.seq, last.hash) if last else None


def append(
    session: Session,
    *,
    keyring: Keyring,
    action: str,
    actor: str,
    reference: str | None = None,
    payload: dict[str, Any] | None = None,
) -> AuditEventRow:
    """Add one event at the end of the chain, inside the caller's transaction."""
    last = head(session)
    seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
    kid = keyring.current_id
    row = AuditEventRow(
        seq=seq,
        at=utcnow(),
        reference=reference,
        actor=actor,
        action=action,
        payload=json.loads(canonical_json(payload or {})),
        prev_hash=prev,
        key_id=kid,
    )
    row.hash = keyed_hash(keyring, prev, _event_body(row), kid)
    session.add(row)
    session.flush()
    session.info[_HEAD] = session.info[_APPENDED] = Head(seq, row.hash)
    return row


@dataclass(frozen=True)
class NewEvent:
    """An event to append (:func:`append_many`)."""

    action: str
    actor: str
    reference: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


def append_many(session: Session, *, keyring: Keyring, events: Sequence[NewEvent]) -> None:
    """Add ``events``, in order, at the end of the chain inside the caller's transaction:
    the head is read once (its lock taken then, on PostgreSQL) and the rows go in one
    multi-row INSERT, without loading an ORM object per event."""
    if not events:
        return
    session.flush()  # events appended one by one earlier in the transaction come first
    last = head(session)
    seq, prev = (last.seq, last.hash) if last else (0, GENESIS)
    kid = keyring.current_id
    key = keyring.key(NAMESPACE, kid)
    rows = []
    for new in events:
        seq += 1
        at = utcnow()
        body = {
            "seq": seq,
            "at": at.isoformat(timespec="microseconds"),
            "reference": new.reference,
            "actor": new.actor,
            "action": new.action,
            "payload": json.loads(canonical_json(new.payload)),
            "key_id": kid,
        }
        hash_ = _mac(key, prev, body)
        rows.append({**body, "at": at, "prev_hash": prev, "hash": hash_})
        prev = hash_
    session.execute(insert(AuditEventRow.__table__), rows)
    session.info[_HEAD] = session.info[_APPENDED] = Head(seq, prev)


@dataclass(frozen=True)
class Break:
    seq: int
    reason: str


@dataclass
class ChainReport:
    """What walking the chain found: how many events, the first break, the last event."""

    count: int = 0
    broken: Break | None = None
    legacy: int = 0  # events before the keyed chain, checked by SHA-256 only
    hashes: dict[int, str] = field(default_factory=dict)  # seq -> stored hash, as walked

    @property
    def head(self) -> Head | None:
        if not self.hashes:
            return None
        seq = max(self.hashes)
        return Head(seq, self.hashes[seq])


def verify(rows: Iterable[AuditEventRow], keyring: Keyring) -> ChainReport:
    """Walk the chain in order against the key; stop at the first break."""
    report = ChainReport()
    prev, expected_seq, keyed_seen = GENESIS, 1, False
    keys: dict[str, bytes] = {}  # key id -> the audit key under that secret
    for row in rows:
        report.count += 1
        if row.seq != expected_seq:
            report.broken = Break(
                expected_seq,
                f"event {expected_seq} is missing (found event {row.seq} next): "
                "an event was deleted or inserted",
            )
            return report
        if row.prev_hash != prev:
            report.broken = Break(row.seq, f"event {row.seq} does not chain to event {row.seq - 1}")
            return report
        body = _event_body(row)
        if row.key_id is None:
            if keyed_seen:
                report.broken = Break(
                    row.seq,
                    f"event {row.seq} is not signed by the audit key while earlier events are: "
                    "it was forged or altered",
                )
                return report
            if chain_hash(prev, body) != row.hash:
                report.broken = Break(
                    row.seq, f"event {row.seq} was altered: its hash does not match"
                )
                return report
            report.legacy += 1
        else:
            keyed_seen = True
            try:
                if row.key_id not in keys:
                    keys[row.key_id] = keyring.key(NAMESPACE, row.key_id)
                expected = _mac(keys[row.key_id], prev, body)
            except SecretUnavailable:
                report.broken = Break(
                    row.seq,
                    f"event {row.seq} names the key {row.key_id}, which the key store does not "
                    "hold: it was forged, or that key was lost (restore it to verify)",
                )
                return report
            if expected != row.hash:
                report.broken = Break(
                    row.seq,
                    f"event {row.seq} was altered or forged: its hash does not match the audit key",
                )
                return report
        report.hashes[row.seq] = row.hash
        prev, expected_seq = row.hash, expected_seq + 1
    return report


def events(session: Session, reference: str | None = None) -> list[AuditEventRow]:
    query = select(AuditEventRow).order_by(AuditEventRow.seq)
    if reference is not None:
        query = query.where(AuditEventRow.reference == reference)
    return list(session.scalars(query))
