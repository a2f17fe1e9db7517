"""A partner's schedule by personal link: its referent (its sponsor when the file names no
referent; any person of the payer a call for funds or a receipt is mailed to) sees, without
an account, that partner's own instalments with their status and totals, the tax receipts
issued to it (downloaded, re-hashed when read), and the bank details and references to
quote for what remains due.

A schedule link is a personal link (:mod:`coopact.services.links`: signed, expiring,
revoked by a newer one, refused attempts audited and throttled) of the pseudo-gate
``money_schedule``, role ``referent``, round 1, bound to the partner. It is valid
:data:`DAYS` days (a schedule runs for years, a call for funds goes out two weeks ahead);
a mail reuses the person's link while it has more than :data:`RENEW_WITHIN_DAYS` days
left, and the partnership officer sends a fresh one from the money page.
"""

from __future__ import annotations

import datetime as dt
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from coopact.adapters.mail import sender as notify_sender
from coopact.adapters.mail.message import new_message
from coopact.adapters.mail.notify import DEFAULT_TEMPLATES, _environment, format_day
from coopact.contracts import money
from coopact.contracts.deciders import Recipient
from coopact.contracts.errors import Refused
from coopact.contracts.lifecycle import Gate
from coopact.contracts.roles import Role
from coopact.schemas import Partnership
from coopact.schemas.parties import Partner
from coopact.services import links
from coopact.services._common import MAIL_FROM, partnership_of
from coopact.services.mail import enqueue_many
from coopact.store.keys import Keyring, SecretUnavailable
from coopact.store.records import DecisionLinkRow, PartnershipRow
from coopact.store.uow import UnitOfWork

MONEY = "money_schedule"  # the links' pseudo-gate
REFERENT = "referent"
ROUND = 1
DAYS = 60
RENEW_WITHIN_DAYS = 21
RECEIPT_KIND = "tax_receipt"


def keyring_or_none(uow: UnitOfWork) -> Keyring | None:
    """The keyring that signs links (the unit of work's); None when none is configured
    (the mails then go without a link)."""
    try:
        return uow.keyring
    except SecretUnavailable:
        return None


def reader(partner: Partner) -> tuple[str, str] | None:
    """Who receives a partner's schedule link from the officer: its referent, else its
    sponsor, with an address."""
    for person in (partner.referent, partner.sponsor):
        if person is not None and person.email:
            return person.name, str(person.email)
    return None


def _new(
    row: PartnershipRow, partner: str, name: str, email: str, keyring: Keyring, now: dt.datetime
) -> DecisionLinkRow:
    recipient = Recipient(name, email, Role.sponsor, partner)
    link = links.new_link(row, Gate.review, ROUND, recipient, keyring, days=DAYS, now=now)
    link.gate, link.role = MONEY, REFERENT
    return link


def link_for(
    uow: UnitOfWork,
    row: PartnershipRow,
    partner: str,
    person: tuple[str, str],
    *,
    base: str,
    actor: str,
    now: dt.datetime,
    fresh: bool = False,
) -> str | None:
    """The URL of ``person``'s schedule link for ``partner``, inside the caller's
    transaction: their current link while it has days left (unless ``fresh``), else a new
    one (the earlier revoked, the new one audited). None without a keyring."""
    keyring = keyring_or_none(uow)
    if keyring is None:
        return None
    name, email = person
    if not fresh:
        horizon = now + dt.timedelta(days=RENEW_WITHIN_DAYS)
        for old in reversed(uow.links.open_of([row.id], [MONEY])):
            if (
                old.partner_key == partner
                and (old.email or "").lower() == email.lower()
                and links._aware(old.expires_at) > horizon
                and keyring.knows(old.key_id)
            ):
                return links.url_of(keyring, row.reference, old, base)
    link = _new(row, partner, name, email, keyring, now)
    links.record_link(uow, row, link, actor=actor, now=now)
    return links.url_of(keyring, row.reference, link, base)


def send_link(
    uow: UnitOfWork, reference: str, partner: str, *, actor: str, now: dt.datetime | None = None
) -> str:
    """A fresh schedule link mailed to ``partner``'s referent (its sponsor without one),
    queued in this transaction with the audit event; the name of the person written to.
    Refused, nothing recorded, when the partner has no one with an address or pays nothing."""
    now = now or dt.datetime.now(dt.UTC)
    with uow:
        row = uow.partnerships.get_for_update(reference)
        partnership = partnership_of(row)
        keys = {p.key for p in partnership.partners}
        if partner not in keys or not money.pays_cash(partnership, partner):
            raise Refused(f"'{partner}' pays no cash contribution in {reference}: no schedule")
        person = reader(partnership.partner(partner))
        if person is None:
            raise Refused(
                f"{partnership.partner(partner).name} has no referent or sponsor with an email "
                "address in the file: add one (partners[].referent.email), then send the link"
            )
        url = link_for(uow, row, partner, person, base=links.public_url(), actor=actor, now=now,
                       fresh=True)  # fmt: skip
        if url is None:
            raise Refused("no secret key is configured: no personal link can be signed")
        message = link_mail(partnership, reference, partner, person, url, now)
        enqueue_many(uow, [message])
        uow.audit("money.schedule_link_sent", actor=actor, reference=reference, partner=partner)
        uow.commit()
    return person[0]


def link_mail(
    partnership: Partnership,
    reference: str,
    partner: str,
    person: tuple[str, str],
    url: str,
    now: dt.datetime,
    *,
    templates: Path = DEFAULT_TEMPLATES,
) -> EmailMessage:
    lang = partnership.language.value
    env = _environment(templates / lang)
    officer = notify_sender.officer_of(partnership)
    context = {
        "reference": reference,
        "title": partnership.title,
        "recipient_name": person[0],
        "partner_name": partnership.partner(partner).name,
        "link": url,
        "link_expires": format_day(now + dt.timedelta(days=DAYS), lang),
        **notify_sender.context(officer),
    }
    message = new_message()
    message["From"] = notify_sender.sender(officer, MAIL_FROM)
    message["To"] = Address(display_name=person[0], addr_spec=person[1])
    subject = env.get_template("schedule_link.subject.j2").render(context)
    message["Subject"] = " ".join(subject.split())
    message["Date"] = format_datetime(now)
    message["Message-ID"] = make_msgid(domain="coopact")
    message["X-Coopact-Reference"] = reference
    message["Content-Language"] = lang
    notify_sender.sign(message, officer)
    message.set_content(env.get_template("schedule_link.txt.j2").render(context))
    return message
