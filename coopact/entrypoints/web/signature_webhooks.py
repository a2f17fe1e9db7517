"""The e-signature provider's webhooks, a route of the portal: ``POST /webhooks/<provider>``
(``docuseal``, ``yousign``), so that one port, behind one HTTPS proxy, serves everything.

Each delivery is one transaction (:func:`coopact.services.receive_signature_webhook`):

- 200 applied, or a replay (nothing changed);
- 401 not authentic (a missing or wrong secret or signature), nothing stored;
- 400 malformed (not the provider's event), 413 over 1 MB (the guard, before reading);
- 409 refused by the rules (another agreement version, a gate no longer open...): the
  reason is in the audit log, not in the answer;
- 404 for a provider that is not the one configured; 405 for any other method.

The log names the method, the path, the status and the outcome: never the body, which holds
names and e-mail addresses.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from coopact import services
from coopact.adapters.signature.docuseal import MalformedWebhook, WebhookRejected
from coopact.contracts.errors import Conflict, NotFound, Refused

PATH = "/webhooks/{provider}"
log = logging.getLogger("coopact.webhooks")


def routes() -> list[Route]:
    return [Route(PATH, receive, methods=["POST"])]


def _answer(
    request: Request, status: HTTPStatus, outcome: str, message: str | None = None
) -> JSONResponse:
    log.info("%s %s -> %d %s", request.method, request.url.path, status, outcome)
    body = {"status": outcome, **({"message": message} if message else {})}
    return JSONResponse(body, status_code=status)


async def receive(request: Request) -> JSONResponse:
    portal = request.app.state.portal
    provider = portal.signature_webhooks().get(request.path_params["provider"])
    if provider is None:
        return _answer(request, HTTPStatus.NOT_FOUND, "not found")
    body = await request.body()  # at most 1 MB: coopact.entrypoints.web.guard
    headers = dict(request.headers.items())
    status, outcome, message = await run_in_threadpool(
        apply, provider, portal.uow, headers, body, portal.after_signed
    )
    return _answer(request, status, outcome, message)


def apply(
    provider: Any, uow: Any, headers: dict[str, str], body: bytes, after_signed: Any
) -> tuple[HTTPStatus, str, str | None]:
    """Verify and apply one delivery: the status, the outcome and a message."""
    try:
        provider.verify(headers, body)  # 401 before anything else is looked at
    except WebhookRejected:
        return HTTPStatus.UNAUTHORIZED, "rejected", None
    try:
        message = services.receive_signature_webhook(
            uow(), provider, headers, body, after_signed=after_signed
        )
    except MalformedWebhook:
        return HTTPStatus.BAD_REQUEST, "malformed", None
    except WebhookRejected:
        return HTTPStatus.UNAUTHORIZED, "rejected", None
    except Conflict:  # changed at the same moment: nothing applied, a retry will do
        return HTTPStatus.SERVICE_UNAVAILABLE, "busy, try again", None
    except (Refused, NotFound):
        return HTTPStatus.CONFLICT, "refused", "the reason is in the audit log"
    except Exception as error:  # the entry point answers; logs no data
        log.error("webhook not applied: %s", type(error).__name__)
        return HTTPStatus.INTERNAL_SERVER_ERROR, "not applied, try again", None
    return HTTPStatus.OK, "ok", message
