"""Sending the outbound webhooks queued in the outbox (:mod:`store.webhook_outbox`).

Each delivery is a POST of its stored JSON body, signed in the Standard Webhooks format by
the maintained ``standardwebhooks`` library (headers ``webhook-id``, ``webhook-timestamp``,
``webhook-signature``); any 2xx answer delivers it. A failure keeps it with its error (the
status or the kind of network error, never the answer's body) and tries it again after an
exponential backoff (:func:`retry_at`: 30 s, 1 min, 2 min... at most 6 h apart), with the
same ``webhook-id`` so that the receiver can drop a repeat; after :data:`MAX_ATTEMPTS`
it is given up. Deliveries run after each commit that queued some (the unit of work's
``after_webhooks``, :func:`coopact.bootstrap.units.uow`) and by ``coopact webhook deliver``.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field

import httpx
from standardwebhooks.webhooks import Webhook

from coopact.store.uow import UnitOfWork
from coopact.store.webhook_outbox import Due

log = logging.getLogger("coopact.webhooks")

FIRST_DELAY = dt.timedelta(seconds=30)
LONGEST_DELAY = dt.timedelta(hours=6)
MAX_ATTEMPTS = 12  # about 20 hours of attempts
TIMEOUT = 5.0  # seconds per attempt
BATCH = 50


def retry_at(attempts: int, now: dt.datetime) -> dt.datetime | None:
    """When to try again after ``attempts`` failed attempts (None: give up)."""
    if attempts >= MAX_ATTEMPTS:
        return None
    delay: dt.timedelta = FIRST_DELAY * 2 ** (attempts - 1)  # (int ** int is typed Any)
    return now + min(delay, LONGEST_DELAY)


@dataclass
class Delivery:
    sent: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    def warning(self) -> str | None:
        if not self.failed:
            return None
        reason = "; ".join(dict.fromkeys(self.errors))
        return (
            f"{self.failed} webhook(s) could not be delivered ({reason}); each is tried again "
            "later with exponential backoff (`coopact webhook deliver`)"
        )


def signed_headers(secret: str, message_id: str, body: str, now: dt.datetime) -> dict[str, str]:
    return {
        "content-type": "application/json",
        "user-agent": "coopact-webhooks",
        "webhook-id": message_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(secret).sign(message_id, now, body),
    }


def deliver(
    uow: UnitOfWork, *, now: dt.datetime | None = None, timeout: float = TIMEOUT
) -> Delivery:
    """Send every delivery due at ``now``, each once; an endpoint that fails is not tried
    again in this call (its other deliveries wait, unattempted)."""
    done = Delivery()
    tried: set[int] = set()
    with httpx.Client(timeout=timeout, follow_redirects=False) as client:
        while True:
            moment = now or dt.datetime.now(dt.UTC)
            with uow:
                token, batch = uow.webhook_deliveries.claim(moment, BATCH, tried)
            if not batch:
                break
            sent: list[int] = []
            failed: dict[int, tuple[str, dt.datetime | None]] = {}
            down: set[str] = set()
            try:
                for due in batch:
                    tried.add(due.id)
                    if due.url in down:
                        continue
                    error = _post(client, due)
                    if error is None:
                        sent.append(due.id)
                    else:
                        down.add(due.url)
                        failed[due.id] = (error, retry_at(due.attempts + 1, moment))
                        done.errors.append(error)
            finally:
                with uow:
                    uow.webhook_deliveries.settle(token, moment, sent, failed)
            done.sent += len(sent)
            done.failed += len(failed)
    if done.sent or done.failed:
        log.info("webhooks: %d delivered, %d failed", done.sent, done.failed)
    return done


def _post(client: httpx.Client, due: Due) -> str | None:
    """None when delivered, else the error (no answer body: it may say anything). Signed
    at the clock's time (the receiver refuses a timestamp five minutes off)."""
    now = dt.datetime.now(dt.UTC)
    headers = signed_headers(due.secret, due.message_id, due.body, now)
    try:
        answer = client.post(due.url, content=due.body.encode("utf-8"), headers=headers)
    except httpx.HTTPError as error:
        return f"{type(error).__name__} from {httpx.URL(due.url).host}"
    if 200 <= answer.status_code < 300:
        return None
    return f"HTTP {answer.status_code} from {httpx.URL(due.url).host}"


def deliver_quietly(uow: UnitOfWork) -> None:
    """After a commit: deliver what is due; a failure is kept for later, never raised."""
    try:
        done = deliver(uow)
    except Exception as error:  # the commit stands; the outbox keeps the deliveries
        log.warning("webhooks not delivered now: %s", type(error).__name__)
        return
    if done.failed:
        log.warning("%s", done.warning())
