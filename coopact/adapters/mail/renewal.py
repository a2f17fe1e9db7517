"""Renewal reminders by email: to the partnership officers and the sponsors, ahead of the
notice deadline (60 and 30 days by default). Pure rendering plus one send per person."""

from __future__ import annotations

import datetime as dt
import hashlib
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from jinja2 import TemplateError

from coopact.adapters.mail import sender as notify_sender
from coopact.adapters.mail.message import new_message
from coopact.adapters.mail.notify import DEFAULT_TEMPLATES, _environment
from coopact.adapters.mail.transports import NotifyError, Transport
from coopact.contracts import renewal
from coopact.contracts.formatting import format_date
from coopact.schemas import Partnership
from coopact.schemas.vocabulary import OfficeRole


def reminder_recipients(partnership: Partnership) -> list[tuple[str, str]]:
    """(name, email) of each partnership officer and each sponsor the file gives an email."""
    found: list[tuple[str, str]] = []
    for person in partnership.people:
        if OfficeRole.partnership_officer in person.roles and person.email:
            found.append((person.name, str(person.email)))
    for partner in partnership.partners:
        if partner.sponsor is not None and partner.sponsor.email:
            found.append((partner.sponsor.name, str(partner.sponsor.email)))
    return found


def reminder_messages(
    partnership: Partnership,
    *,
    reference: str,
    sender: str,
    reminder_on: dt.date,
    templates: Path | None = None,
    now: dt.datetime | None = None,
) -> list[EmailMessage]:
    language = partnership.language.value
    env = _environment((templates or DEFAULT_TEMPLATES) / language)
    officer = notify_sender.officer_of(partnership)
    sender = notify_sender.sender(officer, sender)
    deadline = renewal.notice_deadline(partnership)
    context = {
        "reference": reference,
        "title": partnership.title,
        "deadline": format_date(deadline, language),
        "end": format_date(partnership.end_date, language),
        "days": (deadline - reminder_on).days,
        "express": partnership.renewal.value == "express",
        **notify_sender.context(officer),
    }
    try:
        subject_template = env.get_template("renewal_reminder.subject.j2")
        body_template = env.get_template("renewal_reminder.txt.j2")
    except TemplateError as exc:
        raise NotifyError(f"mail template for renewal reminders ({language}): {exc}") from None
    messages = []
    for name, email in reminder_recipients(partnership):
        body = body_template.render({**context, "recipient_name": name})
        message = new_message()
        message["From"] = sender
        message["To"] = Address(display_name=name, addr_spec=email)
        message["Subject"] = " ".join(subject_template.render(context).split())
        message["Date"] = format_datetime(now or dt.datetime.now(dt.UTC))
        seed = "\x1f".join([reference, "renewal_reminder", reminder_on.isoformat(), name, email])
        message["Message-ID"] = f"<{hashlib.sha256(seed.encode()).hexdigest()[:32]}@coopact>"
        message["X-Coopact-Reference"] = reference
        message["X-Coopact-Reminder"] = "renewal"
        notify_sender.sign(message, officer)
        message.set_content(body)
        message["Content-Language"] = language
        messages.append(message)
    return messages


def send_reminders(
    partnership: Partnership,
    transport: Transport,
    *,
    reference: str,
    sender: str,
    reminder_on: dt.date,
    templates: Path | None = None,
) -> int:
    messages = reminder_messages(
        partnership, reference=reference, sender=sender, reminder_on=reminder_on,
        templates=templates,
    )  # fmt: skip
    for message in messages:
        transport.send(message)
    return len(messages)
