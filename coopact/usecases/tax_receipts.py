"""Issue the tax receipt of a payment or valuation (reçu fiscal, art. 238 bis CGI) inside the
transaction that records it: numbered from the donee's counter of the year (locked: no gap, no
repeat), rendered from ``templates/<lang>/tax_receipt.docx``, stored as a ``tax_receipt``
document version, recorded in the audit chain and mailed to the donor's signatory (the mail
queue: it leaves once the transaction commits)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from coopact.adapters.documents.word import render_docx, template_path
from coopact.adapters.mail.message import new_message
from coopact.adapters.mail.notify import DEFAULT_TEMPLATES, _environment
from coopact.contracts.formatting import format_amount, format_date
from coopact.contracts.money import receipt_number
from coopact.contracts.receipt import NATURE, ReceivedGift, donee_identity, receipt_context
from coopact.schemas import Partnership
from coopact.schemas.parties import Partner
from coopact.services import links, schedule_links
from coopact.services._common import MAIL_FROM, SYSTEM
from coopact.services.mail import enqueue
from coopact.services.stored_documents import add_version
from coopact.stages.base import GeneratedDocument
from coopact.store.payments import Recorded
from coopact.store.uow import UnitOfWork

KIND = "tax_receipt"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class IssuedReceipt:
    number: str
    version: int
    sha256: str
    mailed_to: int  # 0 when the donor's signatory has no address


def issue(
    uow: UnitOfWork,
    row: Any,
    partnership: Partnership,
    recorded: Recorded,
    *,
    templates: Path,
    now: dt.datetime,
) -> IssuedReceipt:
    """The receipt of a payment or of a skills or in-kind gift valued by its donor (already
    recorded), within the caller's transaction: numbered from the donee's counter of the
    year (locked), rendered, stored, audited and mailed; a valuation's receipt states its
    nature and its valuation at cost."""
    gift = ReceivedGift(
        donor=partnership.partner(recorded.giver), donee=partnership.partner(recorded.receiver),
        amount=recorded.amount, paid_on=recorded.day, number="", issued_on=now.date(),
        kind=recorded.kind, certificate=recorded.certificate,
    )  # fmt: skip
    year = gift.paid_on.year
    identity = donee_identity(gift.donee)
    number = uow.receipts.next_number(identity, year)
    gift = replace(gift, number=receipt_number(year, number))
    document = render(partnership, gift, templates=templates, created=now)
    last = uow.partnerships.last_version(row, KIND)
    add_version(uow, row, document, last=last)
    uow.receipts.add(recorded, donee=identity, year=year, number=number, version=last + 1)
    uow.audit(
        "tax_receipt.issued", actor=SYSTEM, reference=row.reference, number=gift.number,
        donee=identity, version=last + 1, sha256=document.sha256,
        **{recorded.source: recorded.id},
    )  # fmt: skip
    recipient = _recipient(gift.donor)
    url = (
        schedule_links.link_for(
            uow, row, recorded.giver, recipient, base=links.public_url(), actor=SYSTEM, now=now
        )
        if recipient is not None
        else None
    )
    message = receipt_mail(
        partnership, gift, document, reference=row.reference, now=now, schedule_link=url
    )
    if message is not None:
        enqueue(uow, message)
    return IssuedReceipt(gift.number, last + 1, document.sha256, int(message is not None))


def render(
    partnership: Partnership, gift: ReceivedGift, *, templates: Path, created: dt.datetime
) -> GeneratedDocument:
    lang = partnership.language.value
    context = receipt_context(partnership, gift)
    content = render_docx(
        template_path(templates, f"{lang}/tax_receipt.docx"),
        context,
        title=f"{gift.number} {partnership.reference}",
        language=lang,
        created=created.replace(microsecond=0),
    )
    return GeneratedDocument(
        kind=KIND,
        language=lang,
        filename=f"{partnership.reference}-{gift.number}.docx",
        media_type=DOCX,
        content=content,
        inputs={"receipt": context},
        created_at=created,
    )


def _recipient(donor: Partner) -> tuple[str, str] | None:
    """The donor's signatory and the address to write to (the signatory's, else that of the
    sponsor when the sponsor is the same person)."""
    signatory = donor.signatory
    if signatory is None:
        return None
    if signatory.email:
        return signatory.name, signatory.email
    sponsor = donor.sponsor
    if sponsor and sponsor.email and " ".join(sponsor.name.split()) == signatory.name:
        return signatory.name, sponsor.email
    return None


def receipt_mail(
    partnership: Partnership,
    gift: ReceivedGift,
    document: GeneratedDocument,
    *,
    reference: str,
    now: dt.datetime,
    schedule_link: str | None = None,
) -> EmailMessage | None:
    """The receipt mailed to the donor's signatory, attached, with their personal link to
    the donor's schedule (``schedule_link``); None without an address."""
    recipient = _recipient(gift.donor)
    if recipient is None:
        return None
    lang = partnership.language.value
    env = _environment(DEFAULT_TEMPLATES / lang)
    context = {
        "recipient_name": recipient[0],
        "reference": reference,
        "title": partnership.title,
        "donee_name": gift.donee.name,
        "donor_name": gift.donor.name,
        "amount": format_amount(gift.amount, lang),
        "paid_on": format_date(gift.paid_on, lang),
        "number": gift.number,
        "nature": NATURE[lang].get(gift.kind, ""),
        "filename": document.filename,
        "sha256": document.sha256,
        "schedule_link": schedule_link or "",
    }
    message = new_message()
    message["From"] = MAIL_FROM
    message["To"] = Address(display_name=recipient[0], addr_spec=recipient[1])
    subject = env.get_template("tax_receipt.subject.j2").render(context)
    message["Subject"] = " ".join(subject.split())
    message["Date"] = format_datetime(now)
    message["Message-ID"] = f"<{reference}.{gift.donee.key}.{gift.number}.receipt@coopact>"
    message["X-Coopact-Reference"] = reference
    message["Content-Language"] = lang
    message.set_content(env.get_template("tax_receipt.txt.j2").render(context))
    message.add_attachment(
        document.content,
        maintype="application",
        subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
        filename=document.filename,
    )
    return message
