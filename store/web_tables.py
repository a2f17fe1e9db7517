"""The portal's throttling table (revision ``2026_12_05_portalscale``). Registered on
:data:`store.base.Base`; every table gathered in :mod:`store.schema`."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from coopact.store.base import Base


class WebThrottleRow(Base):
    """A failed sign-in or a guessed decision link, remembered for the throttling window in
    the database, so that every worker process of the portal enforces one limit. ``key``
    is the SHA-256 of what is throttled (an address, a client), never the address itself."""

    __tablename__ = "web_throttle"
    __table_args__ = (Index("ix_web_throttle_key_at", "key_sha256", "failed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key_sha256: Mapped[str] = mapped_column(String(64))
    failed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
