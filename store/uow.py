"""Unit of work: the transaction boundary of every use case (``with uow: ... uow.commit()``)."""

from __future__ import annotations

from types import TracebackType
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from contracts.errors import Conflict
from store import audit
from store.db import make_engine, session_factory
from store.repository import PartnershipRepository


class UnitOfWork:
    """One transaction. Leaving the block without :meth:`commit` rolls everything back."""

    session: Session
    partnerships: PartnershipRepository

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    @classmethod
    def for_engine(cls, engine: Engine) -> UnitOfWork:
        return cls(session_factory(engine))

    @classmethod
    def for_url(cls, url: str) -> UnitOfWork:
        return cls.for_engine(make_engine(url))

    def __enter__(self) -> UnitOfWork:
        self.session = self._sessions()
        self.partnerships = PartnershipRepository(self.session)
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
        audit.append(self.session, action=action, actor=actor, reference=reference, payload=payload)

    def commit(self) -> None:
        try:
            self.session.commit()
        except StaleDataError:
            self.session.rollback()
            raise Conflict(
                "someone else changed this partnership at the same moment; nothing was applied. "
                "Check `coopact status` and try again if still needed."
            ) from None

    def flush(self) -> None:
        try:
            self.session.flush()
        except StaleDataError:
            self.session.rollback()
            raise Conflict(
                "someone else changed this partnership at the same moment; nothing was applied."
            ) from None


__all__ = ["IntegrityError", "UnitOfWork"]
