"""Reads of the audit chain the services need (``uow.events``): no SQL outside the store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopact.store import audit, chain_hash, verification
from coopact.store.anchors import AnchorLog
from coopact.store.audit_tables import AuditEventRow
from coopact.store.keys import Keyring

if TYPE_CHECKING:
    from coopact.store.verification import AuditReport


class AuditEvents:
    """``uow.events``: the events of a partnership, oldest first (see :func:`audit.events`)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def of(
        self, reference: str | None = None, *, actions: Sequence[str] | None = None
    ) -> list[AuditEventRow]:
        """Of one partnership (every one: None), of these actions (every one: None), those
        this transaction recorded included."""
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

    def by_reference(
        self, references: Sequence[str], *, actions: Sequence[str]
    ) -> dict[str, list[Any]]:
        """The events of ``actions`` of these partnerships, grouped by reference, in one
        query (:func:`store.audit.events_by_reference`)."""
        return audit.events_by_reference(self.session, references, actions=actions)

    def head(self) -> chain_hash.Head | None:
        """The chain's last event, read without the appenders' lock."""
        return audit.peek_head(self.session)

    def anchor_again(self, keyring: Keyring, anchor: AnchorLog) -> AuditReport:
        """`coopact audit anchor` (:func:`store.verification.anchor_again`)."""
        return verification.anchor_again(self.session, keyring, anchor)


__all__ = ["AuditEvents"]
