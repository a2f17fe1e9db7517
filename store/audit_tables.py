"""The audit chain's tables: its events and the chain's origin. Imported from
:mod:`coopact.store.tables` too."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from coopact.store.base import Base, utcnow


class AuditEventRow(Base):
    """Append-only audit log; each row chains ``HMAC-SHA-256(key, previous hash + canonical
    JSON)`` under the key named by ``key_id`` (kept outside the database: store.keys).

    The database itself refuses updates and deletes (triggers created by the migration).
    """

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_reference", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    reference: Mapped[str | None] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(300))
    action: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]]
    # Not indexed (revision 2026_12_06_openingscale): ``seq`` is unique, and each event
    # chains onto the head read under the appenders' lock, so two events on one ``prev_hash``
    # would share a ``seq``; an index of random hashes cost a page written an event.
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # The secret that signed this event (store.keys key id); NULL before revision 0005.
    key_id: Mapped[str | None] = mapped_column(String(12), nullable=True)
    # True when written by a unit of work that anchors its commits (store.anchors): in the
    # signed body, so that an anchor log cut or deleted is found (NULL before revision 0014).
    anchored: Mapped[bool | None] = mapped_column(Boolean, nullable=True)


class ChainOriginRow(Base):
    """Which audit chain the database began with (one row, written by revision 0014): an
    unkeyed event is accepted only from a database that predates the keyed chain."""

    __tablename__ = "chain_origin"

    id: Mapped[int] = mapped_column(primary_key=True)
    unkeyed_events: Mapped[int] = mapped_column(Integer)  # unkeyed events found then
    # The last event then (0 for a new database): rows dropped before it were not recorded.
    events_before: Mapped[int] = mapped_column(Integer, default=0)
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
