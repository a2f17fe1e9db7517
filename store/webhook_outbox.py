"""The outbound webhooks' SQL: subscriptions, and the outbox of deliveries.

:func:`enqueue` runs inside :func:`store.audit.append_many`: each audit event that announces
a webhook event (:mod:`contracts.webhook_events`) is queued for every subscription hearing
it, in the same transaction; :data:`QUEUED` in ``session.info`` then tells the unit of work
to deliver after its commit. The deliveries are claimed (:func:`claim`) and settled
(:func:`settle`) as the mail queue's are: two processes never send one at the same time.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, or_, select, update
from sqlalchemy.orm import Session

from coopact.contracts.webhook_events import announced, envelope
from coopact.store.webhook_tables import WebhookDeliveryRow, WebhookSubscriptionRow

QUEUED = "coopact.webhooks_queued"
LEASE = dt.timedelta(minutes=5)


def enqueue(session: Session, events: Sequence[dict[str, Any]]) -> None:
    """Queue the webhooks the audit ``events`` (rows as inserted) announce, in one INSERT."""
    subscriptions = session.execute(
        select(WebhookSubscriptionRow.id, WebhookSubscriptionRow.events,
               WebhookSubscriptionRow.amounts)
    ).all()  # fmt: skip
    if not subscriptions:
        return
    rows = []
    for event in events:
        at = event["at"].isoformat(timespec="seconds")
        for sub in subscriptions:
            for name, data in announced(event["action"], event["payload"], amounts=sub.amounts):
                if name in sub.events:
                    body = envelope(name, event["reference"], at, data)
                    rows.append({
                        "subscription_id": sub.id, "message_id": f"msg_{uuid.uuid4().hex}",
                        "event": name, "reference": event["reference"],
                        "body": json.dumps(body, separators=(",", ":"), sort_keys=True),
                        "created_at": event["at"], "attempts": 0,
                        "next_attempt_at": event["at"],
                    })  # fmt: skip
    if rows:
        session.execute(insert(WebhookDeliveryRow), rows)
        session.info[QUEUED] = True


# ------------------------------------------------------------------ subscriptions
def subscribe(session: Session, url: str, events: list[str], secret: str, amounts: bool) -> int:
    row = WebhookSubscriptionRow(url=url, events=events, secret=secret, amounts=amounts)
    session.add(row)
    session.flush()
    return row.id


@dataclass(frozen=True)
class Subscription:
    """A subscription as `coopact webhook list` shows it (never its secret)."""

    id: int
    url: str
    events: list[str]
    amounts: bool
    waiting: int
    delivered: int
    given_up: int


def subscriptions(session: Session) -> list[Subscription]:
    found = []
    for row in session.scalars(select(WebhookSubscriptionRow).order_by(WebhookSubscriptionRow.id)):
        states = session.execute(
            select(WebhookDeliveryRow.delivered_at, WebhookDeliveryRow.next_attempt_at).where(
                WebhookDeliveryRow.subscription_id == row.id
            )
        ).all()
        delivered = sum(1 for d, _ in states if d is not None)
        waiting = sum(1 for d, n in states if d is None and n is not None)
        given_up = len(states) - delivered - waiting
        found.append(
            Subscription(row.id, row.url, list(row.events), row.amounts, waiting, delivered,
                         given_up)
        )  # fmt: skip
    return found


def unsubscribe(session: Session, ident: int) -> bool:
    """Remove subscription ``ident`` and its deliveries; False when there is none."""
    session.execute(delete(WebhookDeliveryRow).where(WebhookDeliveryRow.subscription_id == ident))
    done = session.execute(delete(WebhookSubscriptionRow).where(WebhookSubscriptionRow.id == ident))
    return bool(done.rowcount)  # type: ignore[attr-defined]


# ------------------------------------------------------------------ deliveries
@dataclass(frozen=True)
class Due:
    """A delivery to attempt now: where, with which secret, what."""

    id: int
    url: str
    secret: str
    message_id: str
    body: str
    attempts: int


def claim(session: Session, now: dt.datetime, limit: int, tried: set[int]) -> tuple[str, list[Due]]:
    """Claim up to ``limit`` deliveries due at ``now`` that nobody holds, none of ``tried``
    (committed)."""
    token = uuid.uuid4().hex
    free = or_(WebhookDeliveryRow.claim.is_(None), WebhookDeliveryRow.claimed_until < now)
    ids = list(
        session.scalars(
            select(WebhookDeliveryRow.id)
            .where(free, WebhookDeliveryRow.next_attempt_at <= now)
            .where(WebhookDeliveryRow.id.not_in(tried or {0}))
            .order_by(WebhookDeliveryRow.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    if ids:
        session.execute(
            update(WebhookDeliveryRow)
            .where(WebhookDeliveryRow.id.in_(ids), free)
            .values(claim=token, claimed_until=now + LEASE),
            execution_options={"synchronize_session": False},
        )
    session.commit()
    rows = session.execute(
        select(WebhookDeliveryRow, WebhookSubscriptionRow.url, WebhookSubscriptionRow.secret)
        .join(WebhookSubscriptionRow)
        .where(WebhookDeliveryRow.claim == token)
        .order_by(WebhookDeliveryRow.id)
    ).all()
    return token, [
        Due(d.id, url, secret, d.message_id, d.body, d.attempts) for d, url, secret in rows
    ]


def settle(
    session: Session,
    token: str,
    now: dt.datetime,
    sent: list[int],
    failed: dict[int, tuple[str, dt.datetime | None]],
) -> None:
    """The sent ones marked delivered; the failed ones kept with their error and the time of
    their next attempt (None: given up); all released (committed)."""
    if sent:
        session.execute(
            update(WebhookDeliveryRow)
            .where(WebhookDeliveryRow.id.in_(sent))
            .values(delivered_at=now, next_attempt_at=None, last_error=None,
                    attempts=WebhookDeliveryRow.attempts + 1)
        )  # fmt: skip
    for ident, (error, retry_at) in failed.items():
        session.execute(
            update(WebhookDeliveryRow)
            .where(WebhookDeliveryRow.id == ident)
            .values(last_error=error[:500], next_attempt_at=retry_at,
                    attempts=WebhookDeliveryRow.attempts + 1)
        )  # fmt: skip
    session.execute(
        update(WebhookDeliveryRow)
        .where(WebhookDeliveryRow.claim == token)
        .values(claim=None, claimed_until=None),
        execution_options={"synchronize_session": False},
    )
    session.commit()
