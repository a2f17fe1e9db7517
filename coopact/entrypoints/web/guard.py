"""What every request and response of the portal goes through, before any page runs.

- A request body is limited before it is read: a ``Content-Length`` over the path's limit
  is answered 413 at once (nothing read, nothing spooled to disk); a body without one is
  counted as it arrives and refused as soon as it passes the limit. Uploads (the evidence
  of a decision recorded on someone's behalf, a partnership file) may reach
  :data:`UPLOAD_LIMIT`; a signature provider's webhook :data:`WEBHOOK_LIMIT`; every other
  form :data:`FORM_LIMIT`.
- Every response, redirects, downloads and errors included, carries the security headers
  and ``Cache-Control: no-store`` (a page may show a decision link's document or a person's
  name: no cache keeps it).
- Every response says how long this process took to start answering it
  (``Server-Timing: app;dur=<ms>``): the time spent in the portal, apart from the network and
  the queue before the process (what ``benchmarks/portal.py`` reads on a busy machine).
"""

from __future__ import annotations

import contextlib
import html
import re
import time
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from starlette.datastructures import MutableHeaders

from coopact import i18n

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

EVIDENCE_LIMIT = 10 * 1024 * 1024
UPLOAD_LIMIT = EVIDENCE_LIMIT + 64 * 1024  # the file and the form's few fields around it
FORM_LIMIT = 32 * 1024
WEBHOOK_LIMIT = (
    1_000_000  # a signature provider's event (coopact.entrypoints.web.signature_webhooks)
)
UPLOAD_PATHS = re.compile(r"^/(p/[^/]+/(on-behalf|amend|amend/confirm)|register)$")

HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",  # decision tokens stay out of Referer
    "Cache-Control": "no-store",
    "Content-Security-Policy": (
        "default-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def body_limit(method: str, path: str) -> int:
    """The largest body a request may carry (0 for a method that takes none)."""
    if method in ("GET", "HEAD", "OPTIONS"):
        return 0
    if path.startswith("/webhooks/"):
        return WEBHOOK_LIMIT
    return UPLOAD_LIMIT if UPLOAD_PATHS.match(path) else FORM_LIMIT


class BodyTooLarge(Exception):
    """Raised from ``receive`` once a body passes its limit (the page turns it into 413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"request body over {limit} bytes")
        self.limit = limit


def too_large_page(lang: str) -> bytes:
    """The 413 page in ``lang`` (the reader's, guessed from the request alone: no page ran)."""
    _ = i18n.gettext_for(lang)
    title = html.escape(_("Requête trop volumineuse"))
    text = html.escape(
        _("Ce formulaire ou ce fichier dépasse la taille acceptée ; rien n'a été enregistré.")
    )
    return (
        f'<!doctype html><html lang="{i18n.language(lang)}"><meta charset="utf-8">'
        f"<title>{title}</title><h1>{title}</h1><p>{text}</p></html>"
    ).encode()


def request_language(scope: Scope) -> str:
    """``?lang=`` (a decision page's form says its partnership's), the officer's cookie,
    else the browser's ``Accept-Language``, else French."""
    query: dict[str, list[str]] = parse_qs(bytes(scope.get("query_string", b"")).decode("latin-1"))
    chosen = (query.get("lang") or [""])[0]
    if chosen in i18n.LANGUAGES:
        return chosen
    headers: dict[bytes, str] = {
        bytes(name): bytes(value).decode("latin-1") for name, value in scope.get("headers", [])
    }
    cookie = SimpleCookie()
    with contextlib.suppress(CookieError):
        cookie.load(headers.get(b"cookie", ""))
    kept = cookie.get("coopact_lang")
    if kept is not None and kept.value in i18n.LANGUAGES:
        return str(kept.value)
    for part in headers.get(b"accept-language", "").split(","):
        wanted = part.split(";")[0].strip().lower()[:2]
        if wanted in i18n.LANGUAGES:
            return wanted
    return i18n.DEFAULT


class Guard:
    """The ASGI middleware: body limits on the way in, security headers on the way out."""

    def __init__(self, app: ASGIApp, *, https: bool = False) -> None:
        self.app, self.https = app, https

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        began = time.perf_counter()

        async def send_secured(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
                headers["Server-Timing"] = f"app;dur={(time.perf_counter() - began) * 1000:.1f}"
                if self.https:
                    headers["Strict-Transport-Security"] = "max-age=31536000"
            await send(message)

        limit = body_limit(scope["method"], scope["path"])
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _too_large(send_secured, request_language(scope))
            return
        seen = 0

        async def receive_limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        try:
            await self.app(scope, receive_limited, send_secured)
        except BodyTooLarge:
            if not started:
                await _too_large(send_secured, request_language(scope))


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() else 1 << 62  # unreadable: refused
    return None


async def _too_large(send: Send, lang: str) -> None:
    page = too_large_page(lang)
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(page)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": page})
