"""Reads of the audit chain the services need (``uow.events``): no SQL outside the store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopact.store import audit
from coopact.store.tables import AuditEventRow


class AuditEvents:
    """``uow.events``: the events of a partnership, oldest first (see :func:`audit.events`)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def of(self, reference: str | None, *, actions: Sequence[str]) -> list[AuditEventRow]:
        return audit.events(self.session, reference, actions=actions)

    def payloads(self, reference: str, action: str) -> list[dict[str, Any]]:
        """The payloads of ``reference``'s events ``action`` (those committed)."""
        return list(
            self.session.scalars(
                select(AuditEventRow.payload).where(
                    AuditEventRow.reference == reference, AuditEventRow.action == action
                )
            )
        )


__all__ = ["AuditEventRow", "AuditEvents"]
