"""Reminders of decision links about to expire, from this process's environment: run by
`coopact remind` and by the daily review-due flow."""

from __future__ import annotations

from coopact.services.links import REMIND_WITHIN_DAYS


def send_reminders(within_days: int = REMIND_WITHIN_DAYS) -> int:
    """Remind each person whose link expires within ``within_days``, decision still awaited;
    returns how many were reminded (no names: they stay in the audit trail)."""
    from coopact import wiring
    from coopact.config import settings
    from coopact.services import links
    from coopact.services._common import MAIL_FROM
    from store.keys import load_keyring

    return links.remind(
        wiring.uow(),
        load_keyring(settings().home),
        wiring.transport(),
        templates=settings().templates / "mail",
        base=links.public_url(),
        sender=MAIL_FROM,
        within_days=within_days,
    )
