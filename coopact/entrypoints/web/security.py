"""Sessions, CSRF tokens and sign-in throttling for the portal.

- Session: a cookie ``coopact_session`` holding a random token; the server keeps its SHA-256
  with the user, a nonce and the expiry (``web_sessions``), so that logout, expiry and a
  disabled account end it. HttpOnly, SameSite=Lax, Secure behind https.
- CSRF: a random ``coopact_csrf`` cookie (HttpOnly, SameSite=Strict) and, in every form,
  a field signed with the "csrf" key over that cookie and the session's nonce. A form
  posted from another site has neither.
- Throttling: after ``limit`` failed sign-ins for an address (or ``limit * 4`` from one
  client) within ``window`` seconds, sign-in is refused until the window passes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
import threading
import time
import unicodedata
from collections import defaultdict, deque
from dataclasses import dataclass

from coopact.store import web
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
        web.add_session(
            uow.session, _digest(token), user_id, secrets.token_urlsafe(16),
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
        found = web.live_session(uow.session, _digest(value), now or dt.datetime.now(dt.UTC))
    return Session(*found) if found else None


def end_session(uow: UnitOfWork, value: str | None) -> bool:
    """Logout: the session is revoked on the server; its cookie opens nothing any more."""
    if not value or len(value) > 100:
        return False
    with uow:
        ended = web.revoke_session(uow.session, _digest(value), dt.datetime.now(dt.UTC))
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
    """Failed sign-ins remembered per address and per client, in this process."""

    def __init__(self, limit: int = 5, window: float = 900.0) -> None:
        self.limit, self.window = limit, window
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures[key]
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def wait(self, email: str, client: str, *, now: float | None = None) -> float:
        """Seconds to wait before trying again (0 when a try is allowed)."""
        now = now or time.monotonic()
        with self._lock:
            waits = []
            for key, limit in ((f"e:{email}", self.limit), (f"c:{client}", self.limit * 4)):
                times = self._recent(key, now)
                if len(times) >= limit:
                    waits.append(times[0] + self.window - now)
            return max(waits, default=0.0)

    def failed(self, email: str, client: str, *, now: float | None = None) -> None:
        now = now or time.monotonic()
        with self._lock:
            self._failures[f"e:{email}"].append(now)
            self._failures[f"c:{client}"].append(now)

    def succeeded(self, email: str) -> None:
        with self._lock:
            self._failures.pop(f"e:{email}", None)


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
