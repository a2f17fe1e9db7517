"""What a partner's schedule link shows (:mod:`coopact.services.schedule_links`): the
schedule `coopact money` reads (:func:`coopact.queries.money.money_of`) narrowed to the
link's partner — its instalments with their status, its totals, the tax receipts issued to
it — in the partnership's language (amounts and dates by Babel), with the receiver's bank
details and the reference to quote for each instalment still due. Never another partner's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from coopact.contracts import money
from coopact.contracts.formatting import format_amount, format_date
from coopact.queries.money import money_of
from coopact.schemas import Partnership
from coopact.services._common import partnership_of
from coopact.services.schedule_links import RECEIPT_KIND
from coopact.store.records import DecisionLinkRow, DocumentRow
from coopact.store.uow import UnitOfWork


@dataclass(frozen=True)
class Step:
    due: str
    amount: str
    paid: str
    status: str  # due, late, partly_paid, paid (shown in words by the catalogues)
    receiver: str
    quote: str  # the reference to quote, while something remains due


@dataclass(frozen=True)
class Transfer:
    receiver: str
    iban: str
    bic: str


@dataclass(frozen=True)
class Receipt:
    number: str
    given_on: str
    amount: str
    filename: str
    sha256: str


@dataclass(frozen=True)
class Schedule:
    """One partner's part of the money, in the partnership's language."""

    reference: str
    title: str
    partner: str
    steps: list[Step]
    promised: str
    paid: str
    remaining: str
    late: str
    accounts: list[Transfer] = field(default_factory=list)
    receipts: list[Receipt] = field(default_factory=list)


def schedule_of(uow: UnitOfWork, link: DecisionLinkRow, today: dt.date) -> Schedule:
    """The schedule of the link's partner only, on ``today``."""
    with uow:
        row = uow.links.partnership(link)
        documents = {d.filename: d for d in uow.partnerships.documents(row, RECEIPT_KIND)}
    view = money_of(uow, row.reference, today)
    partnership = partnership_of(row)
    key = str(link.partner_key)
    lang = partnership.language.value
    steps, accounts = [], {}
    for item in view.instalments:
        if item["partner"] != key:
            continue
        receiver = partnership.partner(item["receiver"])
        due = dt.date.fromisoformat(item["due"])
        still_due = item["status"] != money.Status.paid.value
        if still_due and receiver.bank is not None:
            accounts[receiver.key] = Transfer(
                receiver.name, receiver.bank.iban_printed, receiver.bank.bic
            )
        steps.append(
            Step(
                format_date(due, lang), _eur(item["amount_eur"], lang),
                _eur(item["paid_eur"], lang), item["status"], receiver.name,
                money.transfer_reference(row.reference, key, due) if still_due else "",
            )
        )  # fmt: skip
    totals = next((t for t in view.totals if t["partner"] == key), {})
    promised, paid, remaining, late = (
        _eur(totals.get(f"{k}_eur", "0"), lang) for k in ("promised", "paid", "remaining", "late")
    )
    return Schedule(
        row.reference, row.title, partnership.partner(key).name, steps,
        promised, paid, remaining, late, accounts=list(accounts.values()),
        receipts=_receipts(partnership, key, view.payments + view.valuations, documents),
    )  # fmt: skip


def _eur(amount: str, lang: str) -> str:
    return format_amount(Decimal(amount), lang)


def _receipts(
    partnership: Partnership,
    key: str,
    given: list[dict[str, Any]],
    documents: dict[str, DocumentRow],
) -> list[Receipt]:
    """The receipts issued for the partner's payments and valued gifts, with their stored
    documents."""
    lang = partnership.language.value
    found = []
    for gift in given:
        number = gift.get("receipt")
        document = documents.get(f"{partnership.reference}-{number}.docx")
        if gift["partner"] != key or not number or document is None:
            continue
        day = dt.date.fromisoformat(gift.get("paid_on") or gift["valued_on"])
        found.append(
            Receipt(
                number, format_date(day, lang), _eur(gift["amount_eur"], lang),
                document.filename, document.sha256,
            )
        )  # fmt: skip
    return sorted(found, key=lambda r: r.number)


def receipt_document(uow: UnitOfWork, link: DecisionLinkRow, number: str) -> DocumentRow | None:
    """The document of receipt ``number`` when it was issued to the link's partner, read
    from the store (re-hashed, as every document read is); None for any other."""
    shown = {r.number: r for r in schedule_of(uow, link, dt.date.today()).receipts}
    if number not in shown:
        return None
    with uow:
        row = uow.links.partnership(link)
        for document in uow.partnerships.documents(row, RECEIPT_KIND):
            if document.sha256 == shown[number].sha256:
                return document
    return None
