"""`coopact webhook add|remove`: the endpoints that hear coopact's events (outbound
webhooks, :mod:`coopact.services.webhook_delivery`)."""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit

from standardwebhooks.webhooks import Webhook

from coopact.contracts.errors import InvalidInput, NotFound, Problem
from coopact.contracts.webhook_events import EVENTS
from coopact.store import webhook_outbox
from coopact.store.uow import UnitOfWork


@dataclass(frozen=True)
class AddWebhook:
    url: str
    events: tuple[str, ...] = ()  # none: every event
    secret: str | None = None  # none: one is made (whsec_ + 32 random bytes in base64)
    amounts: bool = False
    actor: str = "cli"


@dataclass(frozen=True)
class WebhookAdded:
    id: int
    secret: str
    secret_made: bool


def _problems(command: AddWebhook) -> list[Problem]:
    problems = []
    parts = urlsplit(command.url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        problems.append(Problem("URL", "give an http:// or https:// address with a host"))
    elif len(command.url) > 2000:
        problems.append(Problem("URL", "is longer than 2,000 characters"))
    for event in command.events:
        if event not in EVENTS:
            problems.append(Problem("--event", f"{event!r} is not one of {', '.join(EVENTS)}"))
    if command.secret is not None:
        try:
            Webhook(command.secret)
            assert command.secret.startswith("whsec_")
        except Exception:
            problems.append(
                Problem("--secret-file", "must hold a secret whsec_ + base64 (24 to 64 bytes)")
            )
    return problems


def add(uow: UnitOfWork, command: AddWebhook) -> WebhookAdded:
    """Subscribe the endpoint; the secret it verifies signatures with (made when not given)."""
    problems = _problems(command)
    if problems:
        raise InvalidInput("webhook", problems)
    secret = command.secret or "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()
    events = list(dict.fromkeys(command.events)) or list(EVENTS)
    with uow:
        ident = uow.webhook_subscriptions.subscribe(command.url, events, secret, command.amounts)
        uow.audit("webhook.added", actor=command.actor, webhook=ident, events=events,
                  host=urlsplit(command.url).hostname, amounts=command.amounts)  # fmt: skip
        uow.commit()
    return WebhookAdded(ident, secret, command.secret is None)


@dataclass(frozen=True)
class RemoveWebhook:
    id: int
    actor: str = "cli"


def remove(uow: UnitOfWork, command: RemoveWebhook) -> None:
    """Unsubscribe the endpoint: its deliveries not yet made are dropped."""
    with uow:
        if not uow.webhook_subscriptions.unsubscribe(command.id):
            raise NotFound(f"no webhook {command.id}; `coopact webhook list` shows them")
        uow.audit("webhook.removed", actor=command.actor, webhook=command.id)
        uow.commit()


def listed(uow: UnitOfWork) -> list[webhook_outbox.Subscription]:
    with uow:
        return uow.webhook_subscriptions.all()
