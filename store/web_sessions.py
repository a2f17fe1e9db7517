"""The portal's sessions and sign-in throttling (``uow.web``): the queries of
:mod:`coopact.store.web` on the unit of work's session."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from coopact.store import web


class WebSessions:
    """Server-side sessions (their tokens' SHA-256) and the throttle's failures."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, token_sha256: str, user_id: int, nonce: str, expires_at: dt.datetime) -> None:
        web.add_session(self.session, token_sha256, user_id, nonce, expires_at)

    def live(self, token_sha256: str, now: dt.datetime) -> tuple[int, str] | None:
        """(user id, nonce) of the session, unless logged out, expired or disabled."""
        return web.live_session(self.session, token_sha256, now)

    def revoke(self, token_sha256: str, now: dt.datetime) -> int:
        return web.revoke_session(self.session, token_sha256, now)

    def failures_since(
        self, keys: list[str], since: dt.datetime
    ) -> dict[str, tuple[int, dt.datetime]]:
        return web.failures_since(self.session, keys, since)

    def add_failures(self, keys: list[str], at: dt.datetime, forget_before: dt.datetime) -> None:
        web.add_failures(self.session, keys, at, forget_before)

    def forget_failures(self, key: str) -> None:
        web.forget_failures(self.session, key)
