"""Unit of work: the transaction boundary of every use case (``with uow: ... uow.commit()``)."""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from contracts.errors import Conflict
from store import audit
from store.anchors import AnchorLog
from store.db import make_engine, session_factory
from store.keys import Keyring, keyring_from_environment
from store.repository import PartnershipRepository


class UnitOfWork:
    """One transaction. Leaving the block without :meth:`commit` rolls everything back."""

    session: Session
    partnerships: PartnershipRepository

    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        keyring: Keyring | None = None,
        anchor: AnchorLog | None = None,
    ) -> None:
        """``keyring`` signs the audit chain (default: COOPACT_SECRET_KEY, read when first
        needed); ``anchor`` receives the chain head after each commit that appended events
        (default: COOPACT_ANCHOR_LOG when set, else no anchoring). ``coopact.wiring.uow()``
        passes both from the configuration."""
        self._sessions = sessions
        self._keyring = keyring
        self._anchor = anchor
        self._deferred: list[tuple[str, str, str | None, dict[str, Any]]] | None = None

    @classmethod
    def for_engine(
        cls, engine: Engine, *, keyring: Keyring | None = None, anchor: AnchorLog | None = None
    ) -> UnitOfWork:
        return cls(session_factory(engine), keyring=keyring, anchor=anchor)

    @classmethod
    def for_url(
        cls, url: str, *, keyring: Keyring | None = None, anchor: AnchorLog | None = None
    ) -> UnitOfWork:
        return cls.for_engine(make_engine(url), keyring=keyring, anchor=anchor)

    @property
    def keyring(self) -> Keyring:
        if self._keyring is None:
            self._keyring = keyring_from_environment()
        return self._keyring

    @property
    def anchor(self) -> AnchorLog | None:
        if self._anchor is None and os.environ.get("COOPACT_ANCHOR_LOG"):
            self._anchor = AnchorLog(Path(os.environ["COOPACT_ANCHOR_LOG"]), self.keyring)
        return self._anchor

    def __enter__(self) -> UnitOfWork:
        self.session = self._sessions()
        self.partnerships = PartnershipRepository(self.session)
        self._deferred = None
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # close() rolls back what was not committed and detaches the objects with their
        # loaded state, so that results stay readable after the block.
        self.session.close()

    def audit(
        self, action: str, *, actor: str, reference: str | None = None, **payload: Any
    ) -> None:
        if self._deferred is not None:
            self._deferred.append((action, actor, reference, payload))
            return
        audit.append(
            self.session,
            keyring=self.keyring,
            action=action,
            actor=actor,
            reference=reference,
            payload=payload,
        )

    def defer_audit(self) -> None:
        """Keep this transaction's audit events, in order, and append them to the chain just
        before it commits: the chain's lock (PostgreSQL) is then held for the appends and the
        commit only, not for the work in between. For a transaction that does not read back
        its own events; :meth:`audit_mark` and :meth:`drop_audit` follow a savepoint."""
        self._deferred = []

    def audit_mark(self) -> int:
        return len(self._deferred or [])

    def drop_audit(self, mark: int) -> None:
        """Forget the deferred events kept since ``mark`` (their savepoint rolled back)."""
        if self._deferred is not None:
            del self._deferred[mark:]

    def commit(self) -> None:
        """Commit; then, when events were appended, write the new chain head to the anchor."""
        deferred, self._deferred = self._deferred, None
        for action, actor, reference, payload in deferred or ():
            self.audit(action, actor=actor, reference=reference, **payload)
        written = audit.appended_head(self.session)
        try:
            self.session.commit()
        except StaleDataError:
            self.session.rollback()
            raise Conflict(
                "someone else changed this partnership at the same moment; nothing was applied. "
                "Check `coopact status` and try again if still needed."
            ) from None
        if written is not None and self.anchor is not None:
            self.anchor.append(written.seq, written.hash)

    def flush(self) -> None:
        try:
            self.session.flush()
        except StaleDataError:
            self.session.rollback()
            raise Conflict(
                "someone else changed this partnership at the same moment; nothing was applied."
            ) from None


__all__ = ["IntegrityError", "UnitOfWork"]
