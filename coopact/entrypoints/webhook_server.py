"""The HTTP endpoint DocuSeal calls back: ``POST /webhooks/docuseal``.

Standard library only (:class:`http.server.ThreadingHTTPServer`); put it behind an HTTPS
reverse proxy. Each delivery is one transaction
(:func:`coopact.services.receive_signature_webhook`):

- 200 applied, or a replay (nothing changed);
- 401 not authentic (missing or wrong secret header), nothing stored;
- 400 malformed (not a DocuSeal event), 411 without Content-Length, 413 over 1 MB;
- 409 refused by the rules (another agreement version, a gate no longer open...): the
  reason is in the audit log, not in the answer;
- 405 for any other method: a GET changes nothing.

The log names the method, the path, the status and the event id at most: never the body,
which holds names and email addresses.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from coopact import services
from coopact.adapters.signature.docuseal import (
    MAX_WEBHOOK_BYTES,
    DocusealProvider,
    MalformedWebhook,
    WebhookRejected,
)
from coopact.contracts.errors import Conflict, NotFound, Refused
from coopact.store.uow import UnitOfWork

PATH = "/webhooks/docuseal"
log = logging.getLogger("coopact.webhooks")


def make_server(
    host: str,
    port: int,
    provider: DocusealProvider,
    uow: Callable[[], UnitOfWork],
    after_signed: Callable[[str], object] | None = None,
) -> ThreadingHTTPServer:
    """A server answering DocuSeal's webhooks; ``port`` 0 picks a free one.

    ``after_signed(reference)`` runs once a webhook's signature completes the partnership's
    signatures (the CLI passes the governance set-up of ``coopact advance``).
    """
    server = ThreadingHTTPServer((host, port), _handler(provider, uow, after_signed))
    server.daemon_threads = True
    return server


def _handler(
    provider: DocusealProvider,
    uow: Callable[[], UnitOfWork],
    after_signed: Callable[[str], object] | None = None,
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "coopact-webhooks"
        timeout = 30  # seconds a client may take: a slow sender does not hold a thread
        sys_version = ""

        def log_message(self, format: str, *args: Any) -> None:
            return  # the request line may carry a query string: only _answer logs

        def _answer(self, status: HTTPStatus, outcome: str, message: str | None = None) -> None:
            body = json.dumps({"status": outcome, **({"message": message} if message else {})})
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            if status is HTTPStatus.METHOD_NOT_ALLOWED:
                self.send_header("Allow", "POST")
            self.end_headers()
            self.wfile.write(data)
            log.info("%s %s -> %d %s", self.command, self.path.split("?", 1)[0], status, outcome)

        def _not_allowed(self) -> None:
            self._answer(HTTPStatus.METHOD_NOT_ALLOWED, "method not allowed: POST only")

        do_GET = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

        def do_POST(self) -> None:
            if self.path.split("?", 1)[0] != PATH:
                self._answer(HTTPStatus.NOT_FOUND, "not found")
                return
            length = self.headers.get("Content-Length")
            if length is None or not length.isdigit():
                self.close_connection = True
                self._answer(HTTPStatus.LENGTH_REQUIRED, "a Content-Length is required")
                return
            if int(length) > MAX_WEBHOOK_BYTES:
                self.close_connection = True  # the body is not read
                self._answer(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "larger than 1 MB")
                return
            body = self.rfile.read(int(length))
            headers = dict(self.headers.items())
            try:
                provider.verify(headers, body)  # 401 before anything else is looked at
            except WebhookRejected:
                self._answer(HTTPStatus.UNAUTHORIZED, "rejected")
                return
            try:
                message = services.receive_signature_webhook(
                    uow(), provider, headers, body, after_signed=after_signed
                )
            except MalformedWebhook:
                self._answer(HTTPStatus.BAD_REQUEST, "malformed")
            except WebhookRejected:
                self._answer(HTTPStatus.UNAUTHORIZED, "rejected")
            except Conflict:  # changed at the same moment: nothing applied, a retry will do
                self._answer(HTTPStatus.SERVICE_UNAVAILABLE, "busy, try again")
            except (Refused, NotFound):
                self._answer(HTTPStatus.CONFLICT, "refused", "the reason is in the audit log")
            except Exception as error:  # the entry point answers; logs no data
                log.error("webhook not applied: %s", type(error).__name__)
                self._answer(HTTPStatus.INTERNAL_SERVER_ERROR, "not applied, try again")
            else:
                self._answer(HTTPStatus.OK, "ok", message)

    return Handler
