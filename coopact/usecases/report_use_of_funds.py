"""The donee's use-of-funds report for one year (`coopact use-of-funds REF FILE.yaml`):
checked against the vision's shared objectives and the cash recorded as received that year
(:mod:`contracts.use_of_funds`), generated as a ``use_of_funds`` document (stored and
re-hashed like any other), recorded in the audit chain, and mailed with the report attached
to the sponsors of the partners that paid and to the members of the steering committee."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from coopact.adapters.documents.word import render_docx, template_path
from coopact.adapters.loading import load_mapping, problems_of
from coopact.adapters.mail.message import new_message
from coopact.adapters.mail.notify import DEFAULT_TEMPLATES, _environment
from coopact.contracts import use_of_funds as rules
from coopact.contracts.errors import InvalidInput, Refused
from coopact.contracts.lifecycle import Stage
from coopact.schemas import Partnership
from coopact.schemas.use_of_funds import UseOfFunds
from coopact.services._common import MAIL_FROM, SYSTEM, partnership_of
from coopact.services.mail import enqueue_many
from coopact.services.stored_documents import add_version
from coopact.stages.base import GeneratedDocument
from coopact.store.uow import UnitOfWork
from coopact.usecases.money_event import SIGNED

KIND = "use_of_funds"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class ReportUseOfFunds:
    reference: str
    report: UseOfFunds  # the file, already validated (schemas.use_of_funds)


@dataclass(frozen=True)
class UseOfFundsReported:
    reference: str
    donee: str
    year: int
    received: Decimal
    spent: Decimal
    unspent: Decimal
    version: int
    sha256: str
    mailed_to: int


def report_use_of_funds(
    uow: UnitOfWork, command: ReportUseOfFunds, *, templates: Path, now: dt.datetime | None = None
) -> UseOfFundsReported:
    """Check, render, store, audit and mail the report in one transaction."""
    when = now or dt.datetime.now(dt.UTC)
    with uow:
        row = uow.partnerships.get_for_update(command.reference)
        if Stage(row.stage) not in SIGNED:
            raise Refused(
                f"{command.reference} is {row.stage}: the use of funds is reported once the "
                "agreement is signed, until the partnership is closed"
            )
        partnership = partnership_of(row)
        donee = rules.donee_of(partnership, command.report)
        if not isinstance(donee, str):
            raise InvalidInput("use of funds", [donee])
        received = uow.use_of_funds.received_in(row.id, donee, command.report.year)
        found = rules.statement(partnership, command.report, donee, received)
        if isinstance(found, list):
            raise InvalidInput("use of funds", found)
        document = render(partnership, found, templates=templates, created=when)
        version = uow.partnerships.last_version(row, KIND) + 1
        add_version(uow, row, document, last=version - 1)
        uow.use_of_funds.add(
            row.id, donee=donee, year=found.year, version=version, spent=found.total_spent
        )
        uow.audit(
            "use_of_funds.reported", actor=SYSTEM, reference=row.reference, donee=donee,
            year=found.year, received=str(found.total_received), spent=str(found.total_spent),
            version=version, sha256=document.sha256,
        )  # fmt: skip
        messages = mails(partnership, found, document, reference=row.reference, now=when)
        enqueue_many(uow, messages)
        uow.commit()
    return UseOfFundsReported(
        command.reference, donee, found.year, found.total_received, found.total_spent,
        found.unspent, version, document.sha256, len(messages),
    )  # fmt: skip


def render(
    partnership: Partnership, found: rules.Statement, *, templates: Path, created: dt.datetime
) -> GeneratedDocument:
    lang = partnership.language.value
    context = rules.context(partnership, found)
    content = render_docx(
        template_path(templates, f"{lang}/use_of_funds.docx"),
        context,
        title=f"{KIND} {found.year} {partnership.reference}",
        language=lang,
        created=created.replace(microsecond=0),
    )
    return GeneratedDocument(
        kind=KIND,
        language=lang,
        filename=f"{partnership.reference}-use-of-funds-{found.year}.docx",
        media_type=DOCX,
        content=content,
        inputs={"use_of_funds": context},
        created_at=created,
    )


def recipients(partnership: Partnership, payers: list[str]) -> list[tuple[str, str]]:
    """The sponsors of the partners that paid, and the members of the steering committee
    (each at the address the file gives that person), once each."""
    known: dict[str, str] = {}
    for partner in partnership.partners:
        for person in (partner.sponsor, partner.referent, partner.signatory):
            email = getattr(person, "email", None)
            if person is not None and email:
                known.setdefault(" ".join(person.name.split()), str(email))
    for listed in partnership.people:
        if listed.email:
            known.setdefault(" ".join(listed.name.split()), str(listed.email))
    found = [
        (p.sponsor.name, str(p.sponsor.email))
        for p in partnership.partners
        if p.key in payers and p.sponsor is not None and p.sponsor.email
    ]
    for member in partnership.governance.steering_committee.members:
        name = " ".join(member.name.split())
        if name in known:
            found.append((name, known[name]))
    return list({email.lower(): (name, email) for name, email in found}.values())


def mails(
    partnership: Partnership,
    found: rules.Statement,
    document: GeneratedDocument,
    *,
    reference: str,
    now: dt.datetime,
) -> list[EmailMessage]:
    lang = partnership.language.value
    env = _environment(DEFAULT_TEMPLATES / lang)
    context = {
        **rules.context(partnership, found),
        "donee_name": partnership.partner(found.donee).name,
        "filename": document.filename,
        "sha256": document.sha256,
    }
    messages = []
    for i, (name, email) in enumerate(recipients(partnership, list(found.received))):
        text = {**context, "recipient_name": name}
        message = new_message()
        message["From"] = MAIL_FROM
        message["To"] = Address(display_name=name, addr_spec=email)
        subject = env.get_template(f"{KIND}.subject.j2").render(text)
        message["Subject"] = " ".join(subject.split())
        message["Date"] = format_datetime(now)
        message["Message-ID"] = (
            f"<{reference}.{KIND}.{found.year}.{document.sha256[:12]}.{i}@coopact>"
        )
        message["X-Coopact-Reference"] = reference
        message["Content-Language"] = lang
        message.set_content(env.get_template(f"{KIND}.txt.j2").render(text))
        message.add_attachment(
            document.content, maintype="application",
            subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
            filename=document.filename,
        )  # fmt: skip
        messages.append(message)
    return messages


def load_report(path: Path) -> UseOfFunds:
    """The use-of-funds file at ``path`` (YAML, read strictly like a partnership file), or
    InvalidInput naming each field in error."""
    from pydantic import ValidationError

    data = load_mapping(path)
    try:
        return UseOfFunds.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(str(path), problems_of(error)) from None
