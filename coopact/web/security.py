"""Sessions, CSRF tokens and sign-in throttling for the portal.

- Session: a cookie ``coopact_session`` = ``<user id>.<expiry>.<nonce>.<key id>.<HMAC>``
  signed with the keyring's "session" key; HttpOnly, SameSite=Lax, Secure behind https.
- CSRF: a random ``coopact_csrf`` cookie (HttpOnly, SameSite=Strict) and, in every form,
  a field signed with the "csrf" key over that cookie and the session's nonce. A form
  posted from another site has neither.
- Throttling: after ``limit`` failed sign-ins for an address (or ``limit * 4`` from one
  client) within ``window`` seconds, sign-in is refused until the window passes.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass

from store.keys import Keyring

SESSION_COOKIE = "coopact_session"
CSRF_COOKIE = "coopact_csrf"
SESSION_SECONDS = 8 * 3600


@dataclass(frozen=True)
class Session:
    user_id: int
    nonce: str


def make_session(keyring: Keyring, user_id: int, *, now: float | None = None) -> str:
    expires = int((now or time.time()) + SESSION_SECONDS)
    nonce = secrets.token_urlsafe(16)
    kid = keyring.current_id
    body = f"{user_id}.{expires}.{nonce}"
    return f"{body}.{kid}.{keyring.sign('session', body.encode(), kid)}"


def read_session(
    keyring: Keyring, value: str | None, *, now: float | None = None
) -> Session | None:
    if not value:
        return None
    parts = value.split(".")
    if len(parts) != 5 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    user_id, expires, nonce, kid, signature = parts
    body = f"{user_id}.{expires}.{nonce}"
    if not keyring.knows(kid) or not keyring.verify("session", body.encode(), signature, kid):
        return None
    if int(expires) <= (now or time.time()):
        return None
    return Session(int(user_id), nonce)


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
