"""The append-only audit log: each event chained to the previous one by HMAC-SHA-256.

An event's ``hash`` is HMAC-SHA-256, under the keyring's "audit" key, of the previous
event's hash followed by the event's canonical JSON (its key id included). The key lives
outside the database (:mod:`store.keys`), so whoever can write the database cannot compute
a valid hash for an edited, inserted or appended event. Each event names the key id that
signed it (``key_id``), so the secret can be rotated: older events verify under the
secrets the keyring still holds.

Events written before the keyed chain (revision 0005, ``key_id`` NULL) were chained by
plain SHA-256; they are accepted only as the chain's first events, never after a keyed one.

Appending is deferred to the commit (:func:`record`): a transaction's events are kept
aside, then chained and written in one INSERT just before it commits, so that the lock
that serialises appenders (reading the chain head; PostgreSQL's advisory lock) is held for
that INSERT and the commit only, not for the whole of the transaction's work: concurrent
workers wait for each other for a few milliseconds, not for a document's rendering.
Reading the chain inside a transaction writes its pending events first when they are
among what is read (:func:`events`; :func:`head` always): a transaction always sees its
own events.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import Table, select, text
from sqlalchemy import event as sa_event
from sqlalchemy.orm import Session

from coopact.store import webhook_outbox
from coopact.store.audit_tables import AuditEventRow
from coopact.store.base import utcnow

# Hashing and verifying the chain (store/chain_hash.py, store/chain_verify.py).
from coopact.store.chain_hash import GENESIS, NAMESPACE, Head, canonical_json, mac
from coopact.store.keys import Keyring, SecretUnavailable
from coopact.store.rows import among, insert_rows

# session.info keys, for the open transaction:
_HEAD = "coopact.audit_head"  # the chain head it has seen (read once, then cached)
_APPENDED = "coopact.audit_appended"  # the head it wrote, to anchor once committed
_PENDING = "coopact.audit_pending"  # the events recorded, not written yet: (keyring, event)
_MARKS = "coopact.audit_marks"  # id of an open savepoint -> (pending, appended) as it began
_WRITING = "coopact.audit_writing"  # the pending events being written (their keyring)
ANCHORED = "coopact.audit_anchored"  # set by a unit of work whose commits are anchored


# --------------------------------------------------------------------------- appending
@dataclass(frozen=True)
class NewEvent:
    """An event to append (:func:`record`, :func:`append_many`)."""

    action: str
    actor: str
    reference: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


def record(session: Session, *, keyring: Keyring, event: NewEvent) -> None:
    """Append ``event`` as part of the open transaction: it is chained after the events
    recorded before it and written when the transaction commits (or reads the chain);
    rolled back with the transaction, or with the savepoint it was recorded in."""
    watch(session)
    if not session.in_transaction():
        session.begin()  # so that a rollback before any statement drops the event too
    session.info.setdefault(_PENDING, []).append((keyring, event))


def write_pending(session: Session) -> None:
    """Chain and write the events recorded so far in this transaction, in one INSERT (the
    session flushed first: a flush may record events, :mod:`store.schedule_record`)."""
    if session.info.get(_PENDING):
        session.flush()
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    session.info[_WRITING] = pending
    try:
        append_many(session, keyring=pending[0][0], events=[event for _, event in pending])
    finally:
        session.info.pop(_WRITING, None)


def append_many(session: Session, *, keyring: Keyring, events: Sequence[NewEvent]) -> None:
    """Add ``events``, in order, at the end of the chain inside the caller's transaction:
    the head read once (locked on PostgreSQL), the rows in one INSERT, the webhooks they
    announce queued with them (:func:`store.webhook_outbox.enqueue`)."""
    if not events:
        return
    session.flush()
    seq, prev = (last.seq, last.hash) if (last := head(session)) else (0, GENESIS)
    kid, anchored = keyring.current_id, bool(session.info.get(ANCHORED))
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
        if anchored:
            body["anchored"] = True
        hash_ = mac(key, prev, body)
        rows.append({"anchored": None, **body, "at": at, "prev_hash": prev, "hash": hash_})
        prev = hash_
    insert_rows(session, cast(Table, AuditEventRow.__table__), rows)  # (typed FromClause)
    webhook_outbox.enqueue(session, rows)
    session.info[_HEAD] = session.info[_APPENDED] = Head(seq, prev)


def appended_head(session: Session) -> Head | None:
    """The head written by the open transaction (None when it appended nothing)."""
    return session.info.get(_APPENDED)


def head(session: Session) -> Head | None:
    """The chain head as this transaction sees it, its own events included (read once per
    transaction, then cached; on PostgreSQL the appenders' lock is taken then, until the
    transaction ends)."""
    watch(session)
    write_pending(session)
    cached = session.info.get(_HEAD)
    if cached is not None:
        return cached if cached.seq else None
    if session.get_bind().dialect.name == "postgresql":
        # Serialise appenders: two transactions must not chain onto the same last event.
        session.execute(text("SELECT pg_advisory_xact_lock(7240311)"))
    found = _last(session) or Head(0, GENESIS)
    _refuse_foreign_key(session, keyring_of_pending(session), found)
    session.info[_HEAD] = found
    return found if found.seq else None


def keyring_of_pending(session: Session) -> Keyring | None:
    pending = session.info.get(_PENDING) or session.info.get(_WRITING)
    return pending[0][0] if pending else None


def _refuse_foreign_key(session: Session, keyring: Keyring | None, last: Head) -> None:
    """Before chaining onto the database's last event: a key store that does not hold the
    key that signed it would start a second chain nobody else can verify; refused."""
    if keyring is None or not last.seq:
        return
    kid = last.key_id
    if kid is not None and not keyring.knows(kid):
        raise SecretUnavailable(
            f"this database's audit chain is signed by the key {kid}, which this machine's "
            f"key store does not hold (its current key is {keyring.current_id}): it is not "
            "the fleet's key. Give this machine the key the database was set up with (the "
            "key file, COOPACT_SECRET_KEY_FILE or COOPACT_SECRET_KEY; older keys stay in "
            "the key store after a rotation). Nothing was written."
        )


def peek_head(session: Session) -> Head | None:
    """The last event written, as this transaction sees it, without taking the appenders'
    lock (for a document that records the chain's head at its making: the events its own
    transaction has recorded are written after it; appending uses :func:`head`)."""
    cached = session.info.get(_HEAD)
    if cached is not None:
        return cached if cached.seq else None
    return _last(session)


def _last(session: Session) -> Head | None:
    last = session.execute(
        select(AuditEventRow.seq, AuditEventRow.hash, AuditEventRow.key_id)
        .order_by(AuditEventRow.seq.desc())
        .limit(1)
    ).first()
    return Head(last.seq, last.hash, last.key_id) if last else None


# The cached head and the pending events follow the transaction: forgotten when it ends;
# a savepoint rolled back puts them back as they were when it began (its events dropped,
# and the events of before it written inside it, undone with it, pending again).
def watch(session: Session) -> None:
    """Follow ``session``'s transactions (before it opens a savepoint that may record)."""
    if not session.info.get("coopact.audit_watched"):
        sa_event.listen(session, "after_soft_rollback", _rolled_back)
        sa_event.listen(session, "after_transaction_create", _savepoint_began)
        sa_event.listen(session, "after_transaction_end", _ended)
        sa_event.listen(session, "before_commit", _before_commit)
        session.info["coopact.audit_watched"] = True


def _transaction_ended(session: Session, *_: Any) -> None:
    for key in (_HEAD, _APPENDED, _PENDING, _MARKS):
        session.info.pop(key, None)


def _savepoint_began(session: Session, transaction: Any) -> None:
    if transaction.nested:
        pending = list(session.info.get(_PENDING, []))
        session.info.setdefault(_MARKS, {})[id(transaction)] = (
            pending,
            session.info.get(_APPENDED),
        )


def _ended(session: Session, transaction: Any) -> None:
    # (a savepoint's mark stays until the transaction ends: this event comes before
    # after_soft_rollback, which needs it)
    if not transaction.nested and transaction.parent is None:
        _transaction_ended(session)


def _rolled_back(session: Session, previous: Any) -> None:
    if not previous.nested:
        _transaction_ended(session)
        return
    mark = session.info.get(_MARKS, {}).pop(id(previous), None)
    if mark is None:
        return
    pending, appended = mark
    session.info.pop(_HEAD, None)  # read again: the savepoint may have moved it
    session.info[_PENDING] = list(pending)
    if appended is None:
        session.info.pop(_APPENDED, None)
    else:
        session.info[_APPENDED] = appended


def _before_commit(session: Session) -> None:
    if not session.in_nested_transaction():
        session.flush()  # what it records is written with the rest
        write_pending(session)


# --------------------------------------------------------------------------- reading
def events(
    session: Session, reference: str | None = None, *, actions: Sequence[str] | None = None
) -> list[AuditEventRow]:
    """The events, oldest first: of one partnership when ``reference`` is given, of these
    ``actions`` only when given (ask for those you need: the read is bounded, and takes no
    lock). When events this transaction recorded would be among them, they are written
    first (taking the appenders' lock), so that the transaction sees its own events."""
    pending = session.info.get(_PENDING, [])
    if any(
        (reference is None or e.reference == reference) and (actions is None or e.action in actions)
        for _, e in pending
    ):
        write_pending(session)
    query = select(AuditEventRow).order_by(AuditEventRow.seq)
    if reference is not None:
        query = query.where(AuditEventRow.reference == reference)
    if actions is not None:
        query = query.where(AuditEventRow.action.in_(list(actions)))
    return list(session.scalars(query))


def events_by_reference(
    session: Session, references: Sequence[str], *, actions: Sequence[str]
) -> dict[str, list[Any]]:
    """The events of ``actions`` of the partnerships ``references``, oldest first, grouped by
    reference, in one query: plain rows (seq, reference, action, payload, at), not the
    events' hashes. As :func:`events`, the events this transaction recorded are written
    first when they would be among them."""
    pending = session.info.get(_PENDING, [])
    wanted = set(references)
    if any(e.reference in wanted and e.action in actions for _, e in pending):
        write_pending(session)
    else:
        session.flush()  # (as the ORM query of :func:`events` would: autoflush)
    table = AuditEventRow.__table__
    query = (
        select(table.c.seq, table.c.reference, table.c.action, table.c.payload, table.c.at)
        .where(among(session, table.c.reference, references), table.c.action.in_(list(actions)))
        .order_by(table.c.seq)
    )
    grouped: dict[str, list[Any]] = {}
    for row in session.connection().execute(query):
        grouped.setdefault(row.reference, []).append(row)
    return grouped
