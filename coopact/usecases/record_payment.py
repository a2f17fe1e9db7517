"""Record a payment received (`coopact payment`): exactly once per bank reference, in the
audit chain, with its tax receipt when the payer is a donor that may claim the 238 bis
reduction. Refused, with nothing recorded, when the partnership is not signed, the partner
pays no cash, the amount is not a positive number, the reference is already recorded or the
amount exceeds what remains due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from coopact.contracts import money
from coopact.contracts.errors import Refused
from coopact.contracts.money_flows import CashFlows, cash_flows
from coopact.schemas import Partnership
from coopact.schemas.vocabulary import OfficeRole
from coopact.services._common import partnership_of
from coopact.store import pseudonyms
from coopact.store.uow import UnitOfWork
from coopact.usecases import money_event, tax_receipts
from coopact.usecases.money_event import Entry

__all__ = ["PaymentRecorded", "RecordPayment", "record_payment"]


@dataclass(frozen=True)
class RecordPayment:
    reference: str
    partner: str
    amount: str  # as typed: checked here (a positive number of euros and cents)
    paid_on: dt.date
    bank_reference: str
    recorded_by: str
    role: str

    @property
    def entry(self) -> Entry:
        return Entry(
            "payment", self.reference, self.amount, self.bank_reference, self.recorded_by,
            self.role,
        )  # fmt: skip


@dataclass(frozen=True)
class PaymentRecorded:
    reference: str
    partner: str
    receiver: str
    amount: Decimal
    remaining: Decimal
    receipt: tax_receipts.IssuedReceipt | None


def record_payment(
    uow: UnitOfWork, command: RecordPayment, *, templates: Path, now: dt.datetime | None = None
) -> PaymentRecorded:
    """Record ``command`` in one transaction (the partnership row locked); the receipt's
    mail is queued in it and leaves after the commit (:func:`coopact.services.mail.deliver`)."""
    entry = command.entry
    amount = money_event.checked_amount(
        entry, example="40000.00", key_words="the bank reference of the payment"
    )
    when = now or dt.datetime.now(dt.UTC)
    with uow:
        row = uow.partnerships.get_for_update(command.reference)
        partnership = partnership_of(row)
        paid, known = uow.payments.paid_and_known(row.id, entry.key.strip())
        money_event.check_recordable(row, partnership, entry, known)
        already = paid.get(command.partner, money.ZERO)
        problem = money.payment_problem(partnership, command.partner, amount, already)
        if problem is not None:
            raise Refused(f"{problem}; nothing was recorded")
        flows = cash_flows(partnership)
        receiver = _receiver(partnership, flows, paid, command.partner, when.date())
        recorded = uow.payments.add(
            row.id, payer=command.partner, receiver=receiver, amount=amount,
            paid_on=command.paid_on, bank_reference=entry.key.strip(), role=command.role,
            recorded_by=pseudonyms.pseudonym(uow.keyring, command.recorded_by),
        )  # fmt: skip
        _, receipt = money_event.record_once(
            uow, row, partnership, entry, recorded,
            receipted=flows.receipts(command.partner, receiver), templates=templates, now=when,
            payer=command.partner, receiver=receiver, amount=str(amount),
            paid_on=command.paid_on.isoformat(), bank_reference=entry.key.strip(),
        )  # fmt: skip
    remaining = money.cash_promised(partnership, command.partner) - already - amount
    return PaymentRecorded(command.reference, command.partner, receiver, amount, remaining, receipt)


def _receiver(
    partnership: Partnership, flows: CashFlows, paid: dict[str, Decimal], payer: str,
    today: dt.date,
) -> str:  # fmt: skip
    """Who receives the payment: the receiver of the payer's first instalment not fully
    paid, else of its first cash contribution."""
    schedule = money.states(money.instalments(partnership, flows.receivers), paid, today)
    first = next(
        i for i, c in enumerate(partnership.contributions)
        if c.partner == payer and c.kind.value == "cash" and i in flows.receivers
    )  # fmt: skip
    return money.first_open_receiver(schedule, payer, flows.receivers[first])


def person_of_pseudonym(uow: UnitOfWork, reference: str, role: str, pid: str) -> str | None:
    """The name, in the file's ``people``, of the person with role ``role`` whose pseudonymous
    id is ``pid`` (how a Prefect run, whose parameters name nobody, says who records)."""
    with uow:
        partnership = partnership_of(uow.partnerships.get(reference))
        try:
            wanted = OfficeRole(role)
        except ValueError:
            return None
        for person in partnership.people:
            if wanted in person.roles and pseudonyms.is_pseudonym_of(uow.keyring, pid, person.name):
                return person.name
    return None
