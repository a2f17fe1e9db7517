"""Reminders of decision links about to expire, from this process's environment: run by
`coopact remind` and by the daily review-due flow. The reminders are queued with the
"link.reminded" events (one transaction), then the mail queue is delivered."""

from __future__ import annotations

import logging

from coopact.adapters.config import settings
from coopact.bootstrap import units, writing
from coopact.services import link_reminders, links
from coopact.services._common import MAIL_FROM
from coopact.services.link_reminders import REMIND_WITHIN_DAYS
from coopact.services.mail import QueueTransport, deliver
from coopact.store.keys import load_keyring

log = logging.getLogger("coopact.adapters.mail.notify")


def remind(within_days: int = REMIND_WITHIN_DAYS) -> tuple[int, str | None]:
    """Remind each person whose link expires within ``within_days``, decision still awaited;
    then send the mail queue. How many were reminded (no names: they stay in the audit
    trail), and a warning when some mail could not be sent (it stays queued)."""
    uow = units.uow()
    count = link_reminders.remind(
        uow,
        load_keyring(settings().home),
        QueueTransport(uow),  # queued in the transaction that records each reminder
        templates=settings().templates / "mail",
        base=links.public_url(),
        sender=MAIL_FROM,
        within_days=within_days,
    )
    return count, deliver(uow, writing.transport()).warning()


def send_reminders(within_days: int = REMIND_WITHIN_DAYS) -> int:
    """:func:`remind`, the warning logged (counts and the server's error, no address)."""
    count, warning = remind(within_days)
    if warning:
        log.warning("reminders: %s", warning)
    return count
