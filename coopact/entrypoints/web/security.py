"""Sessions, CSRF tokens and sign-in throttling for the portal.

- Session: a cookie ``coopact_session`` holding a random token; the server keeps its SHA-256
  with the user, a nonce and the expiry (``web_sessions``), so that logout, expiry and a
  disabled account end it. HttpOnly, SameSite=Lax, Secure behind https.
- CSRF: a random ``coopact_csrf`` cookie (HttpOnly, SameSite=Strict) and, in every form,
  a field signed with the "csrf" key over that cookie and the session's nonce. A form
  posted from another site has neither.
- Throttling: after ``limit`` failed sign-ins for an address (or ``limit * 4`` from one
  client) within ``window`` seconds, sign-in is refused until the window passes; after
  ``limit * 4`` unknown, malformed or altered decision links from one client, links too.
  The failures are kept in the database (``web_throttle``, hashed keys), so that the worker
  processes of ``coopact web --workers N`` enforce one limit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass

from coopact.store.keys import Keyring
from coopact.store.uow import UnitOfWork

SESSION_COOKIE = "coopact_session"
CSRF_COOKIE = "coopact_csrf"
SESSION_SECONDS = 8 * 3600


@dataclass(frozen=True)
class Session:
    user_id: int
    nonce: str


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def make_session(uow: UnitOfWork, user_id: int, *, now: dt.datetime | None = None) -> str:
    """A new server-side session for ``user_id``: the cookie's value (a random token)."""
    now = now or dt.datetime.now(dt.UTC)
    token = secrets.token_urlsafe(32)
    with uow:
        uow.web.add(
            _digest(token), user_id, secrets.token_urlsafe(16),
            now + dt.timedelta(seconds=SESSION_SECONDS),
        )  # fmt: skip
        uow.commit()
    return token


def read_session(
    uow: UnitOfWork, value: str | None, *, now: dt.datetime | None = None
) -> Session | None:
    """The live session this cookie value names (not logged out, not expired), or None."""
    if not value or len(value) > 100:
        return None
    with uow:
        found = uow.web.live(_digest(value), now or dt.datetime.now(dt.UTC))
    return Session(*found) if found else None


def end_session(uow: UnitOfWork, value: str | None) -> bool:
    """Logout: the session is revoked on the server; its cookie opens nothing any more."""
    if not value or len(value) > 100:
        return False
    with uow:
        ended = uow.web.revoke(_digest(value), dt.datetime.now(dt.UTC))
        uow.commit()
    return ended > 0


def new_csrf_cookie() -> str:
    return secrets.token_urlsafe(24)


def csrf_token(keyring: Keyring, cookie: str, session_nonce: str = "") -> str:
    return keyring.sign("csrf", f"{cookie}|{session_nonce}".encode())


def csrf_valid(
    keyring: Keyring, cookie: str | None, session_nonce: str, submitted: str | None
) -> bool:
    if not cookie or not submitted:
        return False
    return hmac.compare_digest(csrf_token(keyring, cookie, session_nonce), submitted)


class Throttle:
    """Failed sign-ins and guessed links, remembered per address and per client in the
    database: every process of the portal reads and writes the same failures."""

    def __init__(self, limit: int = 5, window: float = 900.0) -> None:
        self.limit, self.window = limit, window

    def _limits(self, email: str | None, client: str) -> dict[str, int]:
        if email is None:  # a decision link
            return {_digest(f"l:{client}"): self.limit * 4}
        return {_digest(f"e:{email}"): self.limit, _digest(f"c:{client}"): self.limit * 4}

    def wait(
        self, uow: UnitOfWork, email: str | None, client: str, *, now: dt.datetime | None = None
    ) -> float:
        """Seconds to wait before trying again (0 when a try is allowed); ``email`` None
        for a decision link."""
        now = now or dt.datetime.now(dt.UTC)
        limits = self._limits(email, client)
        with uow.reading() as reader:
            found = reader.web.failures_since(list(limits), now - dt.timedelta(seconds=self.window))
        waits = [
            (oldest - now).total_seconds() + self.window
            for key, (count, oldest) in found.items()
            if count >= limits[key]
        ]
        return max(waits, default=0.0)

    def failed(
        self, uow: UnitOfWork, email: str | None, client: str, *, now: dt.datetime | None = None
    ) -> None:
        now = now or dt.datetime.now(dt.UTC)
        with uow:
            uow.web.add_failures(
                list(self._limits(email, client)), now, now - dt.timedelta(seconds=self.window)
            )
            uow.commit()

    def succeeded(self, uow: UnitOfWork, email: str) -> None:
        with uow:
            uow.web.forget_failures(_digest(f"e:{email}"))
            uow.commit()


def attachment(filename: str) -> str:
    """A ``Content-Disposition`` for a download (RFC 6266): a plain ASCII ``filename`` for
    old clients and, when the name has other characters, its UTF-8 ``filename*``."""
    from urllib.parse import quote

    fallback = (
        "".join(
            c if 32 <= ord(c) < 127 and c not in '"\\;' else "_"
            for c in unicodedata.normalize("NFKD", filename)
            if not unicodedata.combining(c)
        ).strip()
        or "document"
    )
    if fallback == filename:
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
