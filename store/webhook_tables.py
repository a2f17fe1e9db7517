"""The tables of the outbound webhooks (revision ``2026_12_05_webhooks``): the
subscriptions and the outbox of deliveries. Registered on :data:`store.base.Base`; every
table gathered in :mod:`store.schema`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coopact.store.base import Base, utcnow
from coopact.store.core_tables import Json


class WebhookSubscriptionRow(Base):
    """An endpoint and the events it hears (``coopact webhook add``). ``secret`` is the
    Standard Webhooks signing secret (``whsec_`` + base64): kept to sign, never shown again;
    ``amounts``: the payments' amounts go in its payloads."""

    __tablename__ = "webhook_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    events: Mapped[list[Any]] = mapped_column(Json)
    secret: Mapped[str] = mapped_column(String(200))
    amounts: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class WebhookDeliveryRow(Base):
    """One event for one subscription (the outbox), stored in the transaction of the audit
    event it announces. ``message_id`` is the ``webhook-id`` header, the same at every
    attempt; ``body`` the JSON sent, byte for byte. Tried again at ``next_attempt_at``
    (None once delivered or given up), claimed until ``claimed_until`` by one process."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("webhook_subscriptions.id", ondelete="CASCADE"), index=True
    )
    message_id: Mapped[str] = mapped_column(String(64), unique=True)
    event: Mapped[str] = mapped_column(String(64))
    reference: Mapped[str | None] = mapped_column(String(32))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(String(500))
    claim: Mapped[str | None] = mapped_column(String(32))
    claimed_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
