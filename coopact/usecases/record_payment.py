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

from sqlalchemy.exc import IntegrityError

from coopact.contracts import money
from coopact.contracts.errors import InvalidInput, Problem, Refused
from coopact.contracts.lifecycle import Stage
from coopact.contracts.money_flows import CashFlows, cash_flows
from coopact.contracts.roles import same_person
from coopact.schemas import Partnership
from coopact.schemas.partnership import OfficeRole
from coopact.services._common import partnership_of
from coopact.store import people
from coopact.store.money_tables import PaymentRow
from coopact.store.payments import PaymentRepository, to_cents
from coopact.store.tables import PartnershipRow
from coopact.store.uow import UnitOfWork
from coopact.usecases import tax_receipts

# A payment is recorded once the agreement is signed, until the partnership is closed.
SIGNED = frozenset(
    {
        Stage.signed, Stage.active, Stage.in_review, Stage.in_renewal, Stage.amending,
        Stage.amendment_signing, Stage.terminated,
    }
)  # fmt: skip
ROLES = (OfficeRole.partnership_officer.value, OfficeRole.treasurer.value)


@dataclass(frozen=True)
class RecordPayment:
    reference: str
    partner: str
    amount: str  # as typed: checked here (a positive number of euros and cents)
    paid_on: dt.date
    bank_reference: str
    recorded_by: str
    role: str


@dataclass(frozen=True)
class PaymentRecorded:
    reference: str
    partner: str
    receiver: str
    amount: Decimal
    remaining: Decimal
    receipt: tax_receipts.IssuedReceipt | None


def _checked_input(command: RecordPayment) -> Decimal:
    problems = []
    amount = money.parse_amount(command.amount)
    if amount is None:
        problems.append(
            Problem("--amount", f"{command.amount!r} is not a positive amount in euros (40000.00)")
        )
    if command.role not in ROLES:
        problems.append(Problem("--role", f"{command.role!r}: expected {' or '.join(ROLES)}"))
    if not command.bank_reference.strip():
        problems.append(Problem("--reference", "the bank reference of the payment is required"))
    if problems or amount is None:
        raise InvalidInput("payment", problems)
    return amount


def record_payment(
    uow: UnitOfWork, command: RecordPayment, *, templates: Path, now: dt.datetime | None = None
) -> PaymentRecorded:
    """Record ``command`` in one transaction (the partnership row locked); the receipt's
    mail is queued in it and leaves after the commit (:func:`coopact.services.mail.deliver`)."""
    amount = _checked_input(command)
    when = now or dt.datetime.now(dt.UTC)
    with uow:
        row = uow.partnerships.get_for_update(command.reference)
        partnership = partnership_of(row)
        repository = PaymentRepository(uow.session)
        paid = _refusals(row, partnership, repository, command, amount)
        already = paid.get(command.partner, money.ZERO)
        bank_reference = command.bank_reference.strip()
        flows = cash_flows(partnership)
        receiver = _receiver(partnership, flows, paid, command.partner, when.date())
        payment = PaymentRow(
            partnership_id=row.id, payer_key=command.partner, receiver_key=receiver,
            amount_cents=to_cents(amount), paid_on=command.paid_on,
            bank_reference=bank_reference, role=command.role,
            recorded_by=people.pseudonym(uow.keyring, command.recorded_by),
        )  # fmt: skip
        try:
            repository.add(payment)
        except IntegrityError:
            raise Refused(
                f"the payment with reference {bank_reference!r} is already recorded"
            ) from None
        uow.audit(
            "payment.recorded", actor=people.pseudonym(uow.keyring, command.recorded_by),
            reference=row.reference, payment_id=payment.id, payer=command.partner,
            receiver=receiver, amount=str(amount), paid_on=command.paid_on.isoformat(),
            bank_reference=bank_reference, role=command.role,
        )  # fmt: skip
        receipt = None
        if flows.receipts(command.partner, receiver):
            receipt = tax_receipts.issue(
                uow, row, partnership, payment, templates=templates, now=when
            )
        uow.commit()
    remaining = money.cash_promised(partnership, command.partner) - already - amount
    return PaymentRecorded(command.reference, command.partner, receiver, amount, remaining, receipt)


def _refusals(
    row: PartnershipRow,
    partnership: Partnership,
    repository: PaymentRepository,
    command: RecordPayment,
    amount: Decimal,
) -> dict[str, Decimal]:
    """Refuse what cannot be recorded; return what each payer paid so far."""
    if Stage(row.stage) not in SIGNED:
        raise Refused(
            f"{command.reference} is {row.stage}: payments are recorded once the agreement "
            "is signed, until the partnership is closed"
        )
    _authorise(partnership, command)
    bank_reference = command.bank_reference.strip()
    if repository.by_reference(row.id, bank_reference) is not None:
        raise Refused(
            f"the payment with reference {bank_reference!r} is already recorded for "
            f"{command.reference}; nothing was recorded again (`coopact money "
            f"{command.reference}` shows it)"
        )
    paid = repository.paid_by_payer([row.id]).get(row.id, {})
    already = paid.get(command.partner, money.ZERO)
    problem = money.payment_problem(partnership, command.partner, amount, already)
    if problem is not None:
        raise Refused(f"{problem}; nothing was recorded")
    return paid


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


def _authorise(partnership: Partnership, command: RecordPayment) -> None:
    """The person recording is listed in the file's people with the role given."""
    role = OfficeRole(command.role)
    listed = [p for p in partnership.people if role in p.roles]
    if not any(same_person(p.name, command.recorded_by) for p in listed):
        raise Refused(
            f"{command.recorded_by} is not listed as a {role.value.replace('_', ' ')} in the "
            "partnership file (people): a payment is recorded by a partnership officer or a "
            "treasurer of the file"
        )


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
            if wanted in person.roles and people.is_pseudonym_of(uow.keyring, pid, person.name):
                return person.name
    return None
