"""Issue the tax receipt of a payment (reçu fiscal, art. 238 bis CGI) inside the transaction
that records the payment: numbered from the donee's counter of the year (locked: no gap, no
repeat), rendered from ``templates/<lang>/tax_receipt.docx``, stored as a ``tax_receipt``
document version, recorded in the audit chain and mailed to the donor's signatory (the mail
queue: it leaves once the transaction commits)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from coopact.contracts.formatting import format_amount, format_date
from coopact.contracts.money import receipt_number
from coopact.contracts.receipt import ReceivedGift, donee_identity, receipt_context
from coopact.documents import render_docx, template_path
from coopact.notify import DEFAULT_TEMPLATES, _environment, new_message
from coopact.schemas import Partnership
from coopact.schemas.partnership import Partner
from coopact.services._common import MAIL_FROM, SYSTEM
from coopact.services.acts import add_version
from coopact.services.mail import enqueue
from coopact.stages.base import GeneratedDocument
from coopact.store.money_tables import PaymentRow, TaxReceiptRow
from coopact.store.payments import PaymentRepository
from coopact.store.tables import PartnershipRow
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
    row: PartnershipRow,
    partnership: Partnership,
    payment: PaymentRow,
    *,
    templates: Path,
    now: dt.datetime,
) -> IssuedReceipt:
    """The receipt of ``payment`` (already flushed), within the caller's transaction."""
    donor = partnership.partner(payment.payer_key)
    donee = partnership.partner(payment.receiver_key)
    year = payment.paid_on.year
    identity = donee_identity(donee)
    repository = PaymentRepository(uow.session)
    number = repository.next_receipt_number(identity, year)
    from coopact.store.payments import from_cents

    gift = ReceivedGift(
        donor=donor,
        donee=donee,
        amount=from_cents(payment.amount_cents),
        paid_on=payment.paid_on,
        number=receipt_number(year, number),
        issued_on=now.date(),
    )
    document = render(partnership, gift, templates=templates, created=now)
    versions = uow.partnerships.document_versions(row, KIND)
    version = max((d.version for d in versions), default=0) + 1
    add_version(uow, row, document, last=version - 1)
    repository.add_receipt(
        TaxReceiptRow(
            payment_id=payment.id,
            donee=identity,
            year=year,
            number=number,
            document_version=version,
        )
    )
    uow.audit(
        "tax_receipt.issued", actor=SYSTEM, reference=row.reference, number=gift.number,
        payment_id=payment.id, donee=identity, version=version, sha256=document.sha256,
    )  # fmt: skip
    message = receipt_mail(partnership, gift, document, reference=row.reference, now=now)
    if message is not None:
        enqueue(uow.session, message)
    return IssuedReceipt(gift.number, version, document.sha256, int(message is not None))


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
) -> EmailMessage | None:
    """The receipt mailed to the donor's signatory, attached; None without an address."""
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
        "filename": document.filename,
        "sha256": document.sha256,
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
