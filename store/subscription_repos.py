"""The API tokens and webhook subscriptions as repositories of the unit of work
(``uow.api_tokens``, ``uow.webhook_subscriptions``), over :mod:`store.api_tokens` and
:mod:`store.webhook_outbox`: the use cases pass no session."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from coopact.store import api_tokens, webhook_outbox
from coopact.store.tables import ApiTokenRow


class ApiTokens:
    """``uow.api_tokens``: the API's tokens (their digests, never the tokens)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def named(self, name: str) -> ApiTokenRow | None:
        return api_tokens.named(self.session, name)

    def add(self, name: str, scope: str, token: str) -> ApiTokenRow:
        return api_tokens.add(self.session, name, scope, token)

    def valid(self, token: str) -> ApiTokenRow | None:
        return api_tokens.valid(self.session, token)

    def revoke(self, name: str, at: dt.datetime) -> bool:
        return api_tokens.revoke(self.session, name, at)


class WebhookSubscriptions:
    """``uow.webhook_subscriptions``: who is told of which events."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def subscribe(self, url: str, events: list[str], secret: str, amounts: bool) -> int:
        return webhook_outbox.subscribe(self.session, url, events, secret, amounts)

    def all(self) -> list[webhook_outbox.Subscription]:
        return webhook_outbox.subscriptions(self.session)

    def unsubscribe(self, ident: int) -> bool:
        return webhook_outbox.unsubscribe(self.session, ident)
