"""The mail queue: messages stored with what they announce, delivered after the commit.

A message (a gate's notice with its decision links, a renewal reminder, the activation mail,
a link's reminder) is queued in coopact's database in the transaction that records it
(:func:`enqueue`, or a :class:`QueueTransport` handed to code that sends): if that
transaction fails, no mail leaves; if it commits, the mail will leave. :func:`deliver` then
sends what is queued through the configured transport (the outbox folder or SMTP) and
deletes each message once sent, so that no address stays in the database longer than
needed (the audit trail keeps who was told, by pseudonymous id and count).

A message is sent at least once: a process killed between sending and deleting leaves it
queued, and the next delivery sends it again with the same Message-ID (the same ``.eml``
file in the outbox; a resend a mail client recognises). A delivery claims the messages it
sends for :data:`LEASE` (so that two processes never send one at the same time); a claim
whose process died expires. A failed attempt keeps its error (never an address) and the
message for the next delivery: after the commands and flows that send mail (``advance``,
``decide``, ``review-due``, ``remind``) and ``coopact mail send``.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Any

from coopact.adapters.mail.message import POLICY
from coopact.adapters.mail.transports import MailServerDown, NotifyError, OutboxTransport, Transport
from coopact.store.uow import UnitOfWork

log = logging.getLogger("coopact.adapters.mail.notify")

LEASE = dt.timedelta(minutes=15)  # a claimed message is someone's for this long
BATCH = 50  # messages claimed at a time


def enqueue(uow: UnitOfWork, message: EmailMessage) -> None:
    """Queue ``message`` in ``uow``'s open transaction (sent once it commits)."""
    enqueue_many(uow, [message])


def enqueue_many(uow: UnitOfWork, messages: Sequence[EmailMessage]) -> None:
    """Queue ``messages`` in ``uow``'s open transaction, in one statement."""
    if messages:
        uow.mail.add(queued_rows(messages))


def queued_rows(messages: Sequence[EmailMessage]) -> list[dict[str, Any]]:
    """The rows of the mail queue that queue ``messages`` (``uow.acts.queue_mail``)."""
    now = dt.datetime.now(dt.UTC)
    rows: list[dict[str, Any]] = []
    for message in messages:
        headers = [str(v) for k in ("To", "Cc", "Bcc") for v in message.get_all(k, [])]
        rows.append(
            {
                "message_id": str(message["Message-ID"] or "").strip(),
                "reference": str(message["X-Coopact-Reference"] or "") or None,
                "recipients": "\n".join(a.casefold() for _, a in getaddresses(headers) if a),
                "message": message.as_bytes(policy=POLICY),
                "queued_at": now,
            }
        )
    return rows


class QueueTransport:
    """A :class:`~coopact.adapters.mail.transports.Transport` that queues into the open
    transaction of ``uow`` (for code that sends inside its transaction: the link reminders)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow

    def send(self, message: EmailMessage) -> None:
        enqueue(self.uow, message)


class NotDelivered(NotifyError):
    """What was to be told is recorded and its mails queued, but some could not be sent
    yet (the message says how many and why; they are sent again later)."""


@dataclass
class Delivery:
    """What one delivery did (counts and errors, no address)."""

    sent: int = 0
    failed: int = 0
    left: int = 0  # still queued after it (failed now or before, claimed by another process)
    errors: list[str] = field(default_factory=list)
    failed_for: set[str] = field(default_factory=set)  # the references of the mails not sent

    def warning(self) -> str | None:
        """What to tell the user when some mail could not be sent; None when all left."""
        if not self.failed:
            return None
        reason = "; ".join(dict.fromkeys(self.errors))
        return (
            f"{self.failed} mail(s) could not be sent ({reason}); {self.left} queued, sent "
            "again by `coopact mail send` and by the next advance, decide, review-due or remind"
        )


def deliver(uow: UnitOfWork, transport: Transport, *, now: dt.datetime | None = None) -> Delivery:
    """Send the queued messages through ``transport``, each claimed first, deleted once sent;
    a failure is kept with its error for the next delivery. Each message is tried once per
    call; when the mail server cannot be reached
    (:class:`~coopact.adapters.mail.transports.MailServerDown`) the rest waits for the next
    delivery."""
    done = Delivery()
    tried: set[int] = set()
    down = False
    while not down:
        claim, batch = _claim(uow, tried, now)
        if not batch:
            break
        sent: list[int] = []
        failed: dict[int, str] = {}
        try:
            for ident, reference, message_id, raw in batch:
                tried.add(ident)
                try:
                    _send(transport, raw, message_id)
                except NotifyError as error:
                    failed[ident] = error.message
                    done.failed_for.add(reference or "")
                    if isinstance(error, MailServerDown):
                        down = True
                        break  # the others of the batch are released, unsent, untried
                else:
                    sent.append(ident)
        finally:  # even when interrupted: what left is deleted, the rest released
            _settle(uow, claim, sent, failed)
        done.sent += len(sent)
        done.failed += len(failed)
        done.errors += list(failed.values())
    done.left = pending(uow)
    if done.sent or done.failed:
        log.info("mail: %d sent, %d failed, %d queued", done.sent, done.failed, done.left)
    return done


def _send(transport: Transport, raw: bytes, message_id: str) -> None:
    """The stored message through ``transport``: the outbox folder writes its bytes as they
    are; any other transport gets the message parsed back."""
    if type(transport) is OutboxTransport:
        transport.send_raw(raw, message_id)
    else:
        transport.send(message_from_bytes(raw, _class=EmailMessage, policy=POLICY))


def _claim(
    uow: UnitOfWork, tried: set[int], now: dt.datetime | None
) -> tuple[str, list[tuple[int, str | None, str, bytes]]]:
    """Claim up to :data:`BATCH` messages nobody holds (one transaction, committed): the
    claim's token and the claimed messages, oldest first."""
    moment = now or dt.datetime.now(dt.UTC)
    token = uuid.uuid4().hex
    with uow:
        if not uow.mail.claim(token, tried, moment, lease=LEASE, batch=BATCH):
            return token, []
        uow.commit()
        return token, uow.mail.claimed(token)


def _settle(uow: UnitOfWork, claim: str, sent: list[int], failed: dict[int, str]) -> None:
    """The sent messages deleted, the failed ones kept with their error; all released."""
    with uow:
        uow.mail.settle(claim, sent, failed)
        uow.commit()


def pending(uow: UnitOfWork) -> int:
    """How many messages are queued."""
    with uow:
        return uow.mail.count()


@dataclass(frozen=True)
class Queued:
    """A queued message as `coopact mail list` shows it: no address, no name."""

    message_id: str
    reference: str | None
    queued_at: dt.datetime
    attempts: int
    last_error: str | None


def queued(uow: UnitOfWork) -> list[Queued]:
    with uow:
        return [Queued(*row) for row in uow.mail.listed()]
