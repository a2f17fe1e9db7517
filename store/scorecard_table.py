"""The stored method scorecards (revision ``2026_12_06_scorecards``): one row a partnership,
its scorecard as JSON text and the fingerprint of what it was computed from. Registered on
:data:`store.base.Base` (gathered in :mod:`store.schema`); read and written through SQLAlchemy
Core by :mod:`store.scorecards`, without the ORM."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coopact.store.base import Base


class ScorecardRow(Base):
    """A partnership's scorecard (``card``: JSON text, its keys in the order shown) and the
    SHA-256 ``fingerprint`` of its inputs (:func:`coopact.services.scorecards.fingerprint`)."""

    __tablename__ = "scorecards"

    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))
    card: Mapped[str] = mapped_column(Text)
