"""The portal's officers (``web_users``) and the anonymous refusals it counts per hour
(``web_refusals``): the repositories of services/users.py and services/refusals.py."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopact.store import web
from coopact.store.tables import WebRefusalRow, WebUserRow


class Officers:
    """The officers' accounts, found by their e-mail address whatever its case."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def by_email(self, address: str) -> WebUserRow | None:
        """The account of ``address`` (already normalised: stripped, case-folded)."""
        return self.session.scalar(
            select(WebUserRow).where(func.lower(WebUserRow.email) == address)
        )

    def get(self, user_id: int) -> WebUserRow | None:
        return self.session.get(WebUserRow, user_id)

    def add(self, email: str, role: str, password_hash: str) -> WebUserRow:
        """A new account, written now (its id is known)."""
        row = WebUserRow(email=email, role=role, password_hash=password_hash)
        self.session.add(row)
        self.session.flush()
        return row


class Refusals:
    """The anonymous refusals counted per kind and hour (:mod:`services.refusals`)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def count(self, kind: str, hour: dt.datetime) -> None:
        web.count_refusal(self.session, kind, hour)

    def unsummarised(self, before: dt.datetime) -> list[WebRefusalRow]:
        """The hours before ``before`` not yet summarised in the chain (locked)."""
        return web.unsummarised(self.session, before)

    def counts(self) -> dict[str, int]:
        """How many of each kind, in all."""
        return web.refusal_counts(self.session)
