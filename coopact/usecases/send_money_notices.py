"""Calls for funds and reminders (the daily `money-due` flow, `coopact money-due`): for each
signed partnership, a call for funds to the payer some days before each instalment (the
amount, the date, the bank details, the reference to quote) and a reminder once it is late;
the partnership officers of the file are copied. Each notice is sent once per instalment
(``money_notices``), recorded in the audit chain, its mails queued in the same transaction
(they leave after the commit: :func:`coopact.services.mail.deliver`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from coopact.adapters.documents.money_calendar import DEFAULT_DAYS_BEFORE
from coopact.adapters.mail.message import new_message
from coopact.adapters.mail.notify import DEFAULT_TEMPLATES, _environment
from coopact.contracts import money
from coopact.contracts.formatting import format_amount, format_date
from coopact.contracts.money_flows import cash_flows
from coopact.schemas import Partnership
from coopact.schemas.vocabulary import OfficeRole
from coopact.services import links, schedule_links
from coopact.services._common import MAIL_FROM, SYSTEM, partnership_of
from coopact.services.mail import enqueue_many
from coopact.store.uow import UnitOfWork
from coopact.usecases.money_event import SIGNED

TEMPLATE = {money.Notice.call: "call_for_funds", money.Notice.reminder: "payment_reminder"}


@dataclass(frozen=True)
class SendMoneyNotices:
    today: dt.date
    days_before: int = DEFAULT_DAYS_BEFORE


@dataclass(frozen=True)
class NoticesSent:
    calls: int
    reminders: int
    mails: int


def send_money_notices(uow: UnitOfWork, command: SendMoneyNotices) -> NoticesSent:
    """Every notice due on ``command.today``, one transaction a partnership."""
    with uow:
        signed = uow.payments.signed_partnerships([s.value for s in SIGNED])
        references = [r.reference for r in signed]
    counts = {money.Notice.call: 0, money.Notice.reminder: 0}
    mails = 0
    for reference in references:
        sent, queued = _one(uow, reference, command)
        for kind in sent:
            counts[kind] += 1
        mails += queued
    return NoticesSent(counts[money.Notice.call], counts[money.Notice.reminder], mails)


def _one(
    uow: UnitOfWork, reference: str, command: SendMoneyNotices
) -> tuple[list[money.Notice], int]:
    with uow:
        row = uow.partnerships.get_for_update(reference)
        partnership = partnership_of(row)
        flows = cash_flows(partnership)
        schedule = money.instalments(partnership, flows.receivers)
        if not schedule:
            return [], 0
        paid = uow.payments.paid_by_payer([row.id]).get(row.id, {})
        rows = money.states(schedule, paid, command.today)
        done = uow.money_notices.sent(row.id)
        sent: list[money.Notice] = []
        messages: list[EmailMessage] = []
        now = dt.datetime.now(dt.UTC)
        base = links.public_url()
        for kind, state in money.notices_due(rows, command.today, command.days_before):
            step = state.instalment
            if (step.payer, step.due, kind.value) in done:
                continue
            done.add((step.payer, step.due, kind.value))
            urls = {
                email.lower(): schedule_links.link_for(
                    uow, row, step.payer, (name, email), base=base, actor=SYSTEM, now=now
                )
                for name, email in _recipients(partnership, step.payer)
            }
            mails = notice_mails(partnership, reference, kind, state, now, urls)
            uow.money_notices.add(row.id, payer=step.payer, due_on=step.due, kind=kind.value)
            uow.audit(
                f"money.{kind.value}_sent", actor=SYSTEM, reference=reference, payer=step.payer,
                due_on=step.due.isoformat(), amount=str(step.amount), recipients=len(mails),
            )  # fmt: skip
            messages += mails
            sent.append(kind)
        if sent:
            enqueue_many(uow, messages)
            uow.commit()
        return sent, len(messages)


def _recipients(partnership: Partnership, payer: str) -> list[tuple[str, str]]:
    partner = partnership.partner(payer)
    people = [partner.referent, partner.sponsor]
    found = [(p.name, str(p.email)) for p in people if p is not None and p.email]
    return list({email.lower(): (name, email) for name, email in found}.values())


def _officers(partnership: Partnership) -> list[tuple[str, str]]:
    return [
        (p.name, str(p.email))
        for p in partnership.people
        if OfficeRole.partnership_officer in p.roles and p.email
    ]


def notice_mails(
    partnership: Partnership,
    reference: str,
    kind: money.Notice,
    state: money.InstalmentState,
    now: dt.datetime,
    urls: Mapping[str, str | None] | None = None,
) -> list[EmailMessage]:
    """One mail per person of the payer to write to (referent, sponsor), the partnership
    officers in copy; each with its personal schedule link (``urls``, by address) when
    one could be signed."""
    lang = partnership.language.value
    env = _environment(DEFAULT_TEMPLATES / lang)
    step = state.instalment
    receiver = partnership.partner(step.receiver)
    bank = receiver.bank
    context = {
        "reference": reference,
        "title": partnership.title,
        "payer_name": partnership.partner(step.payer).name,
        "receiver_name": receiver.name,
        "amount": format_amount(step.amount, lang),
        "paid": format_amount(state.paid, lang) if state.paid else "",
        "remaining": format_amount(step.amount - state.paid, lang),
        "due": format_date(step.due, lang),
        "iban": bank.iban_printed if bank else "",
        "bic": bank.bic if bank else "",
        "quote": money.transfer_reference(reference, step.payer, step.due),
    }
    subject = env.get_template(f"{TEMPLATE[kind]}.subject.j2")
    body = env.get_template(f"{TEMPLATE[kind]}.txt.j2")
    officers = _officers(partnership)
    messages = []
    for i, (name, email) in enumerate(_recipients(partnership, step.payer)):
        message = new_message()
        message["From"] = MAIL_FROM
        message["To"] = Address(display_name=name, addr_spec=email)
        if officers:
            message["Cc"] = [Address(display_name=n, addr_spec=e) for n, e in officers]
        text = {**context, "recipient_name": name,
                "schedule_link": (urls or {}).get(email.lower()) or ""}  # fmt: skip
        message["Subject"] = " ".join(subject.render(text).split())
        message["Date"] = format_datetime(now)
        message["Message-ID"] = (
            f"<{reference}.{kind.value}.{step.payer}.{step.due:%Y%m%d}.{i}@coopact>"
        )
        message["X-Coopact-Reference"] = reference
        message["Content-Language"] = lang
        message.set_content(body.render(text))
        messages.append(message)
    return messages
