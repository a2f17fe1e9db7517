"""The activation mail: the partnership is active, here is its calendar (.ics attached).

Sent once, when a partnership becomes active, to each partner's sponsor and referent who
has an email address; the calendar issued at activation is attached, so that every
ritual, milestone, review, notice deadline and the end of the term lands in their agenda.
Messages come from ``templates/mail/<lang>/activation.subject.j2`` / ``activation.txt.j2``.
"""

from __future__ import annotations

import datetime as dt
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from jinja2 import TemplateError

from coopact.adapters.mail.message import new_message
from coopact.adapters.mail.notify import DEFAULT_TEMPLATES, _environment
from coopact.adapters.mail.transports import NotifyError
from coopact.schemas import Partnership


def activation_messages(
    partnership: Partnership,
    *,
    reference: str,
    sender: str,
    calendar: bytes,
    calendar_filename: str,
    now: dt.datetime | None = None,
    templates: Path | None = None,
    template: str = "activation",
    method: str = "PUBLISH",
    issue: str = "",
) -> list[EmailMessage]:
    """One message per sponsor or referent with an address, the calendar attached.
    ``template``: ``activation``, or ``calendar_update`` (re-issued after an avenant) or
    ``calendar_cancel`` (the events cancelled at the exit, ``method`` CANCEL); ``issue``
    tells one issue's messages from another's."""
    language = partnership.language.value
    env = _environment((templates or DEFAULT_TEMPLATES) / language)
    try:
        subject_template = env.get_template(f"{template}.subject.j2")
        body_template = env.get_template(f"{template}.txt.j2")
    except TemplateError as exc:
        problem = f"mail template for the activation ({language}) is missing: {exc}"
        raise NotifyError(problem) from None
    when = now or dt.datetime.now(dt.UTC)
    seen: set[str] = set()
    messages: list[EmailMessage] = []
    for partner in partnership.partners:
        for person in (partner.sponsor, partner.referent):
            if person is None or not person.email or person.email.lower() in seen:
                continue
            seen.add(person.email.lower())
            context = {
                "reference": reference,
                "title": partnership.title,
                "recipient_name": person.name,
                "partner_name": partner.name,
                "calendar_filename": calendar_filename,
            }
            try:
                subject = " ".join(subject_template.render(context).split())
                body = body_template.render(context)
            except TemplateError as exc:
                raise NotifyError(f"mail template for the activation ({language}): {exc}") from None
            message = new_message()
            message["From"] = sender
            message["To"] = Address(display_name=person.name, addr_spec=person.email)
            message["Subject"] = subject
            message["Date"] = format_datetime(when)
            tag = "activation" if template == "activation" else f"{template}.{issue}"
            message["Message-ID"] = f"<{reference}.{tag}.{len(seen)}@coopact>"
            message["X-Coopact-Reference"] = reference
            message.set_content(body)
            message["Content-Language"] = language
            message.add_attachment(
                calendar,
                maintype="text",
                subtype="calendar",
                filename=calendar_filename,
                params={"method": method},
            )
            messages.append(message)
    return messages
