"""Telling the people who must act that a gate is open.

When a gate opens, each person :func:`contracts.decisions.recipients` names gets one plain
text email in the partnership's language, saying what is awaited, the document to decide
on (its name and SHA-256) and the person's own decision link (``coopact web``; see
:mod:`coopact.services.links`). Sponsors, signatories and committee members are never shown
a command line; officers without a link are shown the ``coopact decide`` command.

Messages come from ``templates/mail/<lang>/<gate>.txt.j2`` and ``<gate>.subject.j2``,
rendered in a jinja2 sandbox with ``StrictUndefined`` (autoescape off: this is plain text).
The default transport writes ``.eml`` files to the outbox folder; :class:`SmtpTransport`
sends through a mail server configured by ``COOPACT_SMTP_*`` variables (both in
:mod:`coopact.adapters.mail.transports`, the message and its policy in
:mod:`coopact.adapters.mail.message`).

Personal data (names, addresses) never goes to the logs: only counts, references and gates.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, Template, TemplateError

from coopact.adapters.config import default_templates
from coopact.adapters.documents.template_limits import BoundedSandbox
from coopact.adapters.mail import gate_words
from coopact.adapters.mail.message import POLICY, new_message
from coopact.adapters.mail.sender import Officer, officer_of, sign
from coopact.adapters.mail.sender import context as sender_context
from coopact.adapters.mail.sender import sender as sender_of
from coopact.adapters.mail.transports import NotifyError, Transport
from coopact.contracts.deciders import Recipient, outcomes
from coopact.contracts.decisions import recipients
from coopact.contracts.lifecycle import Gate
from coopact.i18n import N_, ByLanguage
from coopact.schemas import Partnership

log = logging.getLogger(__name__)

DEFAULT_TEMPLATES = default_templates() / "mail"


DECIDE_DEPLOYMENT = "decide"

_GATE_LABELS = ByLanguage(
    {
        Gate.vision_approval: N_("l'approbation de la vision partagée"),
        Gate.balance_acceptance: N_("l'acceptation de l'analyse d'équilibre"),
        Gate.legal_approval: N_("la validation juridique de la convention de partenariat"),
        Gate.signature: N_("la signature de la convention de partenariat"),
        Gate.review: N_("la revue Go/noGo du comité de pilotage"),
        Gate.renewal: N_("le renouvellement du partenariat"),
        Gate.amendment_approval: N_("la validation juridique de l'avenant"),
        Gate.amendment_signature: N_("la signature de l'avenant"),
        Gate.exit_acknowledgement: N_("la prise d'acte de la sortie du partenariat"),
    }
)
_ROLE_LABELS = ByLanguage(
    {
        "partnership_officer": N_("chargé(e) de partenariat"),
        "legal_officer": N_("juriste"),
        "sponsor": N_("sponsor"),
        "signatory": N_("signataire"),
        "committee_member": N_("membre du comité de pilotage"),
    }
)
_WORDS = ByLanguage(
    {"reason": N_("VOTRE MOTIF"), "again": N_(" — nouvelle demande (tour {round})")}
)
OFFICER_ROLES = {"partnership_officer", "legal_officer"}


@dataclass(frozen=True)
class PersonalLink:
    url: str
    expires_at: dt.datetime


def format_day(moment: dt.datetime, language: str) -> str:
    return f"{moment:%d/%m/%Y}" if language == "fr" else f"{moment:%Y-%m-%d}"


@dataclass(frozen=True)
class NotifyReport:
    """How many were told, and how many could not be (no email address in the file)."""

    sent: int
    unreachable: int


def shell_quote(value: str) -> str:
    """``value`` in double quotes, safe to paste into a POSIX shell."""
    escaped = "".join("\\" + c if c in '\\"$`' else c for c in value)
    return f'"{escaped}"'


def decide_commands(
    reference: str,
    gate: Gate,
    recipient: Recipient,
    *,
    language: str = "fr",
    document_sha256: str | None = None,
) -> list[str]:
    """The exact ``coopact decide`` command line, one per possible outcome."""
    parts = [
        "coopact decide",
        reference,
        gate.value,
        f"--as {shell_quote(recipient.name)}",
        f"--role {recipient.role.value}",
    ]
    if recipient.partner_key:
        parts.append(f"--for {recipient.partner_key}")
    if gate in (Gate.signature, Gate.amendment_signature) and document_sha256:
        parts.append(f"--document-sha256 {document_sha256}")
    reason = shell_quote(_WORDS.get(language, _WORDS["en"])["reason"])
    return [
        " ".join([*parts, f"--outcome {outcome.value}", f"--reason {reason}"])
        for outcome in outcomes(gate)
    ]


def _form(
    reference: str, gate: Gate, recipient: Recipient, document_sha256: str | None
) -> list[tuple[str, str]]:
    form = [
        ("reference", reference),
        ("gate", gate.value),
        ("name", recipient.name),
        ("role", recipient.role.value),
    ]
    if recipient.partner_key:
        form.append(("partner", recipient.partner_key))
    if gate in (Gate.signature, Gate.amendment_signature) and document_sha256:
        form.append(("document_sha256", document_sha256))
    form.append(("outcome", " | ".join(o.value for o in outcomes(gate))))
    form.append(("reason", "…"))
    return form


@functools.lru_cache(maxsize=16)
def _environment(folder: Path) -> BoundedSandbox:
    """One environment per mail folder, kept: Jinja's loader cache then compiles each
    template once and recompiles it when its file changes (auto_reload checks the mtime)."""
    return BoundedSandbox(
        loader=FileSystemLoader(str(folder)),
        autoescape=False,  # plain text: partner data must come out verbatim
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _message_id(reference: str, gate: Gate, round_: int, recipient: Recipient, sha: str) -> str:
    # Stable: notifying the same gate twice gives the same message, hence one outbox file.
    seed = "\x1f".join(
        [reference, gate.value, str(round_), recipient.name, recipient.email or "", sha]
    )
    return hashlib.sha256(seed.encode()).hexdigest()[:32]


def gate_messages(
    partnership: Partnership,
    gate: Gate,
    *,
    reference: str,
    sender: str,
    document_sha256: str | None = None,
    round_: int = 1,
    now: dt.datetime | None = None,
    templates: Path | None = None,
    links: Mapping[tuple[str, str | None], PersonalLink] | None = None,
    document: tuple[str, str] | None = None,
    again: Mapping[str, list[str]] | None = None,
    extra: Mapping[str, Any] | None = None,
    attachments: Sequence[tuple[str, str, bytes]] = (),
) -> tuple[list[EmailMessage], list[Recipient]]:
    """One message per person who must act at ``gate``; and those without an address.

    ``links`` gives each person's decision link, keyed by (name, partner key);
    ``document`` the name and SHA-256 of the document decided on; ``extra`` more of what
    the gate's template shows; ``attachments`` (filename, media type, content) are attached
    to each message (the acts of an exit).
    """
    language = partnership.language.value
    env = _environment((templates or DEFAULT_TEMPLATES) / language)
    if gate is Gate.signature and not document_sha256:
        raise NotifyError("a signature request names the agreement's SHA-256: none was given")
    body_template, subject_template = _gate_templates(env, gate, language)
    when = now or dt.datetime.now(dt.UTC)
    contact = officer_of(partnership)
    mail = _GateMail(
        partnership=partnership,
        gate=gate,
        reference=reference,
        contact=contact,
        shared=_shared_headers(sender_of(contact, sender), when, reference, gate, language),
        body=body_template,
        subject=subject_template,
        document_sha256=document_sha256,
        round_=round_,
        links=links or {},
        document=document,
        again=again,
        extra=extra,
        attachments=attachments,
    )
    messages: list[EmailMessage] = []
    unreachable: list[Recipient] = []
    for recipient in recipients(partnership, gate):
        if not recipient.email:
            unreachable.append(recipient)
            continue
        messages.append(_message(mail, recipient))
    return messages, unreachable


@dataclass(frozen=True)
class _GateMail:
    """What every message of one gate's notification shares."""

    partnership: Partnership
    gate: Gate
    reference: str
    contact: Officer | None
    shared: dict[str, Any]  # the headers every message shares, parsed once
    body: Template
    subject: Template
    document_sha256: str | None
    round_: int
    links: Mapping[tuple[str, str | None], PersonalLink]
    document: tuple[str, str] | None
    again: Mapping[str, list[str]] | None
    extra: Mapping[str, Any] | None
    attachments: Sequence[tuple[str, str, bytes]]


def _gate_templates(env: BoundedSandbox, gate: Gate, language: str) -> tuple[Template, Template]:
    """The gate's body and subject templates, or NotifyError when one is missing."""
    try:
        body_template = env.get_template(f"{gate.value}.txt.j2")
        subject_template = env.get_template(f"{gate.value}.subject.j2")
    except TemplateError as exc:
        raise NotifyError(
            f"mail template for {gate.value} ({language}) is missing: {exc}"
        ) from None
    return body_template, subject_template


def _shared_headers(
    sender: str, when: dt.datetime, reference: str, gate: Gate, language: str
) -> dict[str, Any]:
    """The headers every message of this gate shares, parsed once (parsing is most of a
    mail)."""
    return {
        name: POLICY.header_store_parse(name, value)[1]
        for name, value in (
            ("From", sender),
            ("Date", format_datetime(when)),
            ("X-Coopact-Reference", reference),
            ("X-Coopact-Gate", gate.value),
            ("Content-Language", language),
        )
    }


def _context(mail: _GateMail, recipient: Recipient) -> dict[str, Any]:
    """What the gate's templates show one recipient (their own decision link, if any)."""
    partnership, gate, reference = mail.partnership, mail.gate, mail.reference
    language = partnership.language.value
    sha = mail.document_sha256
    context = {
        "reference": reference,
        "title": partnership.title,
        "gate": gate.value,
        "gate_label": _GATE_LABELS[language][gate],
        "recipient_name": recipient.name,
        "role_label": _ROLE_LABELS[language][recipient.role.value],
        "partner_name": partnership.partner(recipient.partner_key).name
        if recipient.partner_key
        else "",
        "document_sha256": sha or "",
        "commands": decide_commands(
            reference, gate, recipient, language=language, document_sha256=sha
        ),
        "deployment": DECIDE_DEPLOYMENT,
        "form": _form(reference, gate, recipient, sha),
        "officer": recipient.role.value in OFFICER_ROLES,
        "link": "",
        "link_expires": "",
        "document_name": mail.document[0] if mail.document else "",
        "document_hash": mail.document[1] if mail.document else "",
        "next_step": gate_words.next_step(gate, language),
        "again": dict(mail.again) if mail.again else None,
        "round": mail.round_,
        **sender_context(mail.contact),
        **(mail.extra or {}),
    }
    personal = mail.links.get((recipient.name, recipient.partner_key))
    if personal is not None:
        context["link"] = personal.url
        context["link_expires"] = format_day(personal.expires_at, language)
    return context


def _message(mail: _GateMail, recipient: Recipient) -> EmailMessage:
    """The message to one recipient: subject and body rendered, headers set,
    signed by the officer, the attachments attached."""
    gate, language = mail.gate, mail.partnership.language.value
    context = _context(mail, recipient)
    try:
        subject = " ".join(mail.subject.render(context).split())
        if mail.again:
            subject += _WORDS[language]["again"].format(round=mail.round_)
        body = mail.body.render(context)
    except TemplateError as exc:
        raise NotifyError(f"mail template for {gate.value} ({language}): {exc}") from None
    message = new_message()
    message.set_raw("From", mail.shared["From"])
    message["To"] = Address(display_name=recipient.name, addr_spec=recipient.email)
    message["Subject"] = subject
    message.set_raw("Date", mail.shared["Date"])
    ident = _message_id(mail.reference, gate, mail.round_, recipient, mail.document_sha256 or "")
    message["Message-ID"] = f"<{ident}@coopact>"
    message.set_raw("X-Coopact-Reference", mail.shared["X-Coopact-Reference"])
    message.set_raw("X-Coopact-Gate", mail.shared["X-Coopact-Gate"])
    sign(message, mail.contact)
    message.set_content(body)
    # After set_content, which resets the Content-* headers.
    message.set_raw("Content-Language", mail.shared["Content-Language"])
    for filename, media_type, content in mail.attachments:
        maintype, subtype = media_type.split("/", 1)
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    return message


def notify_gate_opened(
    partnership: Partnership,
    gate: Gate,
    transport: Transport,
    *,
    reference: str,
    sender: str,
    document_sha256: str | None = None,
    round_: int = 1,
    now: dt.datetime | None = None,
    templates: Path | None = None,
    links: Mapping[tuple[str, str | None], PersonalLink] | None = None,
    document: tuple[str, str] | None = None,
) -> NotifyReport:
    """Send one message to each person who must act at ``gate``."""
    messages, unreachable = gate_messages(
        partnership,
        gate,
        reference=reference,
        sender=sender,
        document_sha256=document_sha256,
        round_=round_,
        now=now,
        templates=templates,
        links=links,
        document=document,
    )
    for message in messages:
        transport.send(message)
    log.info(
        "%s: %s opened, %d notified, %d without an email address",
        reference,
        gate.value,
        len(messages),
        len(unreachable),
    )
    return NotifyReport(sent=len(messages), unreachable=len(unreachable))
