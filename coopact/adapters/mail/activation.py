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

from jinja2 import Environment, Template, TemplateError

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
    subject_template, body_template = _templates(env, template, language)
    when = now or dt.datetime.now(dt.UTC)
    messages: list[EmailMessage] = []
    for number, (partner_name, name, address) in enumerate(_recipients(partnership), start=1):
        context = {
            "reference": reference,
            "title": partnership.title,
            "recipient_name": name,
            "partner_name": partner_name,
            "calendar_filename": calendar_filename,
        }
        try:
            subject = " ".join(subject_template.render(context).split())
            body = body_template.render(context)
        except TemplateError as exc:
            raise NotifyError(f"mail template for the activation ({language}): {exc}") from None
        message = new_message()
        message["From"] = sender
        message["To"] = Address(display_name=name, addr_spec=address)
        message["Subject"] = subject
        message["Date"] = format_datetime(when)
        tag = "activation" if template == "activation" else f"{template}.{issue}"
        message["Message-ID"] = f"<{reference}.{tag}.{number}@coopact>"
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


def _templates(env: Environment, template: str, language: str) -> tuple[Template, Template]:
    """The subject's and the body's templates, or a NotifyError saying which is missing."""
    try:
        subject_template = env.get_template(f"{template}.subject.j2")
        body_template = env.get_template(f"{template}.txt.j2")
    except TemplateError as exc:
        problem = f"mail template for the activation ({language}) is missing: {exc}"
        raise NotifyError(problem) from None
    return subject_template, body_template


def _recipients(partnership: Partnership) -> list[tuple[str, str, str]]:
    """Each partner's sponsor and referent with an address, once per address (in any case):
    the partner's name, theirs and their address."""
    seen: set[str] = set()
    recipients: list[tuple[str, str, str]] = []
    for partner in partnership.partners:
        for person in (partner.sponsor, partner.referent):
            if person is None or not person.email or person.email.lower() in seen:
                continue
            seen.add(person.email.lower())
            recipients.append((partner.name, person.name, person.email))
    return recipients
