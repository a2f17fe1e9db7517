"""The portal assembled: its routes (each page module's), its middleware, and the portal's
wiring read from the environment (``coopact web``). Apart from :mod:`coopact.entrypoints.web.app`,
which the page modules import for what they share: so that the app imports its pages at the
top without a cycle."""

from __future__ import annotations

import os
from functools import cache

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from coopact.adapters.config import settings
from coopact.bootstrap import units, writing
from coopact.entrypoints.web import (
    api,
    guard,
    link_pages,
    money_pages,
    officer_pages,
    schedule_pages,
    signature_webhooks,
)
from coopact.entrypoints.web.app import Portal, not_found_page
from coopact.services import links
from coopact.store.keys import load_keyring


def create_app(config: Portal) -> Starlette:
    routes: list[Route] = [
        Route("/healthz", lambda request: PlainTextResponse("ok")),
        *link_pages.routes(),
        *schedule_pages.routes(),  # before the officers' /p/{reference}/...
        *officer_pages.routes(),
        *money_pages.routes(),
        *signature_webhooks.routes(),  # POST /webhooks/docuseal|yousign
        api.mount(),  # type: ignore[list-item]  # /api/v1 (coopact/entrypoints/web/api.py)
    ]
    middleware = [Middleware(guard.Guard, https=config.secure_cookies)]
    if config.forwarded_allow_ips.strip():
        from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

        middleware.insert(
            0, Middleware(ProxyHeadersMiddleware, trusted_hosts=config.forwarded_allow_ips)
        )
    app = Starlette(
        routes=routes, middleware=middleware, exception_handlers={HTTPException: not_found_page}
    )
    app.state.portal = config
    return app


FORWARDED_ENV = "COOPACT_FORWARDED_ALLOW_IPS"


def portal_from_environment() -> Portal:
    """The portal's wiring from the environment (COOPACT_HOME, COOPACT_PUBLIC_URL...)."""
    return Portal(
        uow=units.uow,
        keyring=load_keyring(settings().home),
        templates=settings().templates,
        transport=writing.transport,
        public_url=links.public_url(),
        forwarded_allow_ips=os.environ.get(FORWARDED_ENV, ""),
        signature_webhooks=cache(writing.webhook_providers),
        after_signed=writing.set_up_after_signature,
    )


def from_environment() -> Starlette:
    """The app factory each worker process of ``coopact web --workers N`` calls
    (``uvicorn --factory coopact.entrypoints.web.assembly:from_environment``): everything a
    worker shares with the others (sessions, throttling, decisions) is in the database."""
    return create_app(portal_from_environment())
