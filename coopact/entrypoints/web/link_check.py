"""A personal link checked (token, throttling, refusal page kept in the audit trail): shared
by the decision, health-check and schedule links' pages (link_pages, health_pages,
schedule_pages), below all of them."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request

from coopact.entrypoints.web.app import PageError, client, portal
from coopact.entrypoints.web.texts import texts
from coopact.services import health_links, links, refusals
from coopact.services.schedule_links import MONEY
from coopact.store.uow import UnitOfWork


def check_link(request: Request) -> tuple[Any, Any, str]:
    """The link, its partnership and language, or a refusal page (kept in the audit trail)."""
    config = portal(request)
    if config.throttle.wait(config.uow(), None, client(request)) > 0:
        with config.uow() as uow:
            refusals.count(uow, "link.throttled")
        raise PageError(429, texts("fr")["link_title"], texts("fr")["link_throttled"])
    uow = config.uow().reading()  # a page read: other workers read side by side
    token = request.path_params["token"]
    with uow:
        try:
            link, row = links.check(uow, token, config.keyring)
        except links.LinkRefused as refusal:
            with config.uow() as writing:
                links.refuse(writing, refusal, client(request))
            if refusal.code in refusals.ANONYMOUS_LINK_CODES:  # a guess: counted toward 429
                config.throttle.failed(config.uow(), None, client(request))
            known = uow.partnerships.find(refusal.reference) if refusal.reference else None
            lang = str(known.spec.get("language", "fr")) if known is not None else "fr"
            request.state.lang = lang
            t = texts(lang)
            raise PageError(
                refusal.status, t[_title_of(uow, refusal)], t[f"link_{refusal.code}"], lang
            ) from None
        request.state.lang = str(row.spec.get("language", "fr"))
        return link, row, request.state.lang


def _title_of(uow: UnitOfWork, refusal: links.LinkRefused) -> str:
    """The refusal page's title: a schedule or health-check link (its token's id known) is
    not a decision's."""
    link = uow.links.by_token(refusal.token_id) if refusal.token_id else None
    kind = link.gate if link is not None else None
    return {MONEY: "schedule_link_title", health_links.HEALTH: "health_link_title"}.get(
        kind or "", "link_title"
    )
