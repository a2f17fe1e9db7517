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

from coopact.contracts import valuation
from coopact.contracts.errors import Refused
from coopact.services._common import partnership_of
from coopact.store import pseudonyms
from coopact.store.uow import UnitOfWork
from coopact.usecases import money_event, tax_receipts
from coopact.usecases.money_event import Entry


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

    @property
    def entry(self) -> Entry:
        return Entry(
            "valuation", self.reference, self.amount, self.certificate, self.recorded_by,
            self.role,
        )  # fmt: skip


@dataclass(frozen=True)
class ValuationRecorded:
    reference: str
    partner: str
    receiver: str
    kind: str
    amount: Decimal
    receipt: tax_receipts.IssuedReceipt | None


def record_valuation(
    uow: UnitOfWork, command: RecordValuation, *, templates: Path, now: dt.datetime | None = None
) -> ValuationRecorded:
    """Record ``command`` in one transaction (the partnership row locked); the receipt's mail
    is queued in it and leaves after the commit."""
    entry = command.entry
    amount = money_event.checked_amount(
        entry, example="12000.00", key_words="the reference of the donor's certified valuation"
    )
    when = now or dt.datetime.now(dt.UTC)
    certificate = entry.key.strip()
    with uow:
        row = uow.partnerships.get_for_update(command.reference)
        partnership = partnership_of(row)
        known = uow.valuations.by_reference(row.id, certificate) is not None
        money_event.check_recordable(row, partnership, entry, known)
        valued = uow.valuations.valued(row.id, command.contribution)
        problem = valuation.valuation_problem(
            partnership, command.partner, command.contribution, amount, valued
        )
        if problem is not None:
            raise Refused(f"{problem}; nothing was recorded")
        flow = valuation.valued_flow(partnership, command.contribution)
        assert flow is not None  # valuation_problem said so
        recorded = uow.valuations.add(
            row.id, giver=flow.giver, receiver=flow.receiver, contribution=command.contribution,
            kind=flow.kind.value, amount=amount, valued_on=command.valued_on,
            reference=certificate, role=command.role,
            recorded_by=pseudonyms.pseudonym(uow.keyring, command.recorded_by),
        )  # fmt: skip
        _, receipt = money_event.record_once(
            uow, row, partnership, entry, recorded,
            receipted=valuation.receipted(partnership, flow), templates=templates, now=when,
            giver=flow.giver, receiver=flow.receiver, contribution=command.contribution,
            kind=flow.kind.value, amount=str(amount), valued_on=command.valued_on.isoformat(),
            valuation=certificate,
        )  # fmt: skip
    return ValuationRecorded(
        command.reference, flow.giver, flow.receiver, flow.kind.value, amount, receipt
    )
