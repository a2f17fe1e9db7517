"""Reminders of personal decision links about to expire (`coopact remind`, the daily
review-due flow): once per link, while its person's decision is still awaited and its round
open; each queued with its "link.reminded" event in one transaction."""

from __future__ import annotations

import datetime as dt
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from coopact.adapters.mail import gate_words
from coopact.adapters.mail import sender as notify_sender
from coopact.adapters.mail.message import new_message
from coopact.adapters.mail.notify import _GATE_LABELS, _environment, format_day
from coopact.contracts.lifecycle import Gate
from coopact.services._common import partnership_of
from coopact.services.links import _aware, decision_of, round_is_open, url_of
from coopact.store.keys import Keyring
from coopact.store.records import DecisionLinkRow, PartnershipRow
from coopact.store.uow import UnitOfWork

REMIND_WITHIN_DAYS = 3


def remind(
    uow: UnitOfWork,
    keyring: Keyring,
    transport: Any,
    *,
    templates: Path,
    base: str,
    sender: str,
    within_days: int = REMIND_WITHIN_DAYS,
    now: dt.datetime | None = None,
) -> int:
    """Remind each person whose link expires within ``within_days`` with their decision still
    awaited (once per link); returns how many were reminded."""
    now = now or dt.datetime.now(dt.UTC)
    horizon = now + dt.timedelta(days=within_days)
    sent = 0
    with uow:
        for link in uow.links.to_remind():
            expires = _aware(link.expires_at)
            if not now < expires <= horizon:
                continue
            row = uow.links.partnership(link)
            if link.gate not in Gate.__members__:  # a health-check link: not a gate
                continue
            gate = Gate(link.gate)
            if not round_is_open(row, gate, link.round) or decision_of(uow, row, link):
                continue
            message = _reminder(
                keyring, row, link, gate, expires, templates=templates, base=base,
                sender=sender, now=now,
            )  # fmt: skip
            transport.send(message)
            link.reminded_at = now
            uow.audit(
                "link.reminded",
                actor="coopact",
                reference=row.reference,
                gate=gate.value,
                round=link.round,
                token_id=link.token_id,
            )
            sent += 1
        uow.commit()
    return sent


def _reminder(
    keyring: Keyring,
    row: PartnershipRow,
    link: DecisionLinkRow,
    gate: Gate,
    expires: dt.datetime,
    *,
    templates: Path,
    base: str,
    sender: str,
    now: dt.datetime,
) -> EmailMessage:
    """The reminder mail of one link, in the partnership's language, from its officer."""
    language = str(row.spec.get("language", "fr"))
    env = _environment(templates / language)
    context = {
        "reference": row.reference,
        "title": row.title,
        "recipient_name": link.person,
        "gate_label": _GATE_LABELS[language][gate],
        "link": url_of(keyring, row.reference, link, base),
        "link_expires": format_day(expires, language),
        "next_step": gate_words.next_step(gate, language),
        **notify_sender.context(officer := notify_sender.officer_of(partnership_of(row))),
    }
    message = new_message()
    message["From"] = notify_sender.sender(officer, sender)
    notify_sender.sign(message, officer)
    message["To"] = Address(display_name=link.person, addr_spec=link.email or "")
    subject = env.get_template("reminder.subject.j2").render(context)
    message["Subject"] = " ".join(subject.split())
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain="coopact")
    message["X-Coopact-Reference"] = row.reference
    message["X-Coopact-Gate"] = gate.value
    message.set_content(env.get_template("reminder.txt.j2").render(context))
    message["Content-Language"] = language
    return message
