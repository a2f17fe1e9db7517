"""Record a donor's certified valuation of a skills or in-kind gift (`coopact valuation`):
exactly once per reference, in the audit chain, with its tax receipt when the donor may
claim the 238 bis reduction (:mod:`contracts.valuation`, from the gift flows). Refused, with
nothing recorded, as a payment is: the partnership is not signed, the person is not a
treasurer or partnership officer of the file, the amount is not a positive number, the
reference is already recorded, the contribution is not a skills or in-kind gift of that
partner, or the amount exceeds what remains of the value the agreement states."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy.exc import IntegrityError

from coopact.contracts import money, valuation
from coopact.contracts.errors import InvalidInput, Problem, Refused
from coopact.contracts.lifecycle import Stage
from coopact.schemas import Partnership
from coopact.services._common import partnership_of
from coopact.store import people
from coopact.store.money_reports import ValuationRepository
from coopact.store.money_tables import ValuationRow
from coopact.store.payments import to_cents
from coopact.store.tables import PartnershipRow
from coopact.store.uow import UnitOfWork
from coopact.usecases import tax_receipts
from coopact.usecases.record_payment import ROLES, SIGNED, RecordPayment, _authorise


@dataclass(frozen=True)
class RecordValuation:
    reference: str
    partner: str  # the donor
    contribution: int  # its index in the file's contributions
    amount: str  # as typed: a positive number of euros and cents
    valued_on: dt.date
    certificate: str  # the reference of the donor's certified valuation
    recorded_by: str
    role: str


@dataclass(frozen=True)
class ValuationRecorded:
    reference: str
    partner: str
    receiver: str
    kind: str
    amount: Decimal
    receipt: tax_receipts.IssuedReceipt | None


def _checked_input(command: RecordValuation) -> Decimal:
    problems = []
    amount = money.parse_amount(command.amount)
    if amount is None:
        problems.append(
            Problem("--amount", f"{command.amount!r} is not a positive amount in euros (12000.00)")
        )
    if command.role not in ROLES:
        problems.append(Problem("--role", f"{command.role!r}: expected {' or '.join(ROLES)}"))
    if not command.certificate.strip():
        problems.append(
            Problem("--reference", "the reference of the donor's certified valuation is required")
        )
    if problems or amount is None:
        raise InvalidInput("valuation", problems)
    return amount


def record_valuation(
    uow: UnitOfWork, command: RecordValuation, *, templates: Path, now: dt.datetime | None = None
) -> ValuationRecorded:
    """Record ``command`` in one transaction (the partnership row locked); the receipt's mail
    is queued in it and leaves after the commit."""
    amount = _checked_input(command)
    when = now or dt.datetime.now(dt.UTC)
    certificate = command.certificate.strip()
    with uow:
        row = uow.partnerships.get_for_update(command.reference)
        partnership = partnership_of(row)
        repository = ValuationRepository(uow.session)
        _refusals(row, partnership, repository, command, amount)
        flow = valuation.valued_flow(partnership, command.contribution)
        assert flow is not None  # valuation_problem said so
        record = ValuationRow(
            partnership_id=row.id, giver_key=flow.giver, receiver_key=flow.receiver,
            contribution=command.contribution, kind=flow.kind.value,
            amount_cents=to_cents(amount), valued_on=command.valued_on, reference=certificate,
            recorded_by=people.pseudonym(uow.keyring, command.recorded_by), role=command.role,
        )  # fmt: skip
        try:
            repository.add(record)
        except IntegrityError:
            raise Refused(
                f"the valuation with reference {certificate!r} is already recorded"
            ) from None
        uow.audit(
            "valuation.recorded", actor=people.pseudonym(uow.keyring, command.recorded_by),
            reference=row.reference, valuation_id=record.id, giver=flow.giver,
            receiver=flow.receiver, contribution=command.contribution, kind=flow.kind.value,
            amount=str(amount), valued_on=command.valued_on.isoformat(), valuation=certificate,
            role=command.role,
        )  # fmt: skip
        receipt = None
        if valuation.receipted(partnership, flow):
            receipt = tax_receipts.issue_for_valuation(
                uow, row, partnership, record, templates=templates, now=when
            )
        uow.commit()
    return ValuationRecorded(
        command.reference, flow.giver, flow.receiver, flow.kind.value, amount, receipt
    )


def _refusals(
    row: PartnershipRow,
    partnership: Partnership,
    repository: ValuationRepository,
    command: RecordValuation,
    amount: Decimal,
) -> None:
    """Refuse what cannot be recorded (as a payment is refused)."""
    if Stage(row.stage) not in SIGNED:
        raise Refused(
            f"{command.reference} is {row.stage}: valuations are recorded once the "
            "agreement is signed, until the partnership is closed"
        )
    _authorise(partnership, _as_payment(command))
    certificate = command.certificate.strip()
    if repository.by_reference(row.id, certificate) is not None:
        raise Refused(
            f"the valuation with reference {certificate!r} is already recorded for "
            f"{command.reference}; nothing was recorded again"
        )
    valued = repository.valued(row.id, command.contribution)
    problem = valuation.valuation_problem(
        partnership, command.partner, command.contribution, amount, valued
    )
    if problem is not None:
        raise Refused(f"{problem}; nothing was recorded")


def _as_payment(command: RecordValuation) -> RecordPayment:
    """The same check of who records as for a payment (people, role)."""
    return RecordPayment(
        command.reference, command.partner, command.amount, command.valued_on,
        command.certificate, command.recorded_by, command.role,
    )  # fmt: skip
