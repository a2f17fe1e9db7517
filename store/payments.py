"""SQL of money after the signature: payments, tax receipts and their numbering."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, case, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coopact.store.money_checks import CENTS, from_cents
from coopact.store.money_tables import PaymentRow, ReceiptCounterRow, TaxReceiptRow, ValuationRow
from coopact.store.tables import PartnershipRow


def to_cents(amount: Decimal) -> int:
    return int((amount * CENTS).to_integral_exact())


@dataclass(frozen=True)
class Recorded:
    """A payment or a valuation just recorded, as its tax receipt states it: ``source`` names
    the column of the receipt row that points to it (``payment_id``, ``valuation_id``)."""

    id: int
    source: str
    giver: str
    receiver: str
    amount: Decimal
    day: dt.date
    kind: str = "cash"
    certificate: str = ""


def _inserted(session: Session, row: Any) -> bool:
    """Insert ``row``; False when its unique reference is already taken (then the
    transaction is spoiled: the caller refuses and it rolls back)."""
    session.add(row)
    try:
        session.flush()
    except IntegrityError:
        return False
    return True


class PaymentRepository:
    """``uow.payments``: the payments received."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self, partnership_id: int, *, payer: str, receiver: str, amount: Decimal,
        paid_on: dt.date, bank_reference: str, role: str, recorded_by: str,
    ) -> Recorded | None:  # fmt: skip
        """Record a payment; None when its bank reference is already recorded."""
        row = PaymentRow(
            partnership_id=partnership_id, payer_key=payer, receiver_key=receiver,
            amount_cents=to_cents(amount), paid_on=paid_on, bank_reference=bank_reference,
            role=role, recorded_by=recorded_by,
        )  # fmt: skip
        if not _inserted(self.session, row):
            return None
        amount = from_cents(row.amount_cents)
        return Recorded(row.id, "payment_id", payer, receiver, amount, paid_on)

    def of(self, partnership_id: int) -> Sequence[PaymentRow]:
        return self.session.scalars(
            select(PaymentRow)
            .where(PaymentRow.partnership_id == partnership_id)
            .order_by(PaymentRow.paid_on, PaymentRow.id)
        ).all()

    def paid_by_payer(self, partnership_ids: Sequence[int]) -> dict[int, dict[str, Decimal]]:
        """Per partnership, the total received from each payer."""
        rows = self.session.execute(
            select(
                PaymentRow.partnership_id, PaymentRow.payer_key, func.sum(PaymentRow.amount_cents)
            )
            .where(PaymentRow.partnership_id.in_(list(partnership_ids)))
            .group_by(PaymentRow.partnership_id, PaymentRow.payer_key)
        ).all()
        result: dict[int, dict[str, Decimal]] = {}
        for pid, payer, cents in rows:
            result.setdefault(pid, {})[payer] = from_cents(int(cents))
        return result

    def paid_and_known(
        self, partnership_id: int, bank_reference: str
    ) -> tuple[dict[str, Decimal], bool]:
        """The total received from each payer, and whether ``bank_reference`` is already
        recorded: one statement (a payment's checks read both)."""
        known = func.max(case((PaymentRow.bank_reference == bank_reference, 1), else_=0))
        rows = self.session.execute(
            select(PaymentRow.payer_key, func.sum(PaymentRow.amount_cents), known)
            .where(PaymentRow.partnership_id == partnership_id)
            .group_by(PaymentRow.payer_key)
        ).all()
        paid = {payer: from_cents(int(cents)) for payer, cents, _ in rows}
        return paid, any(seen for _, _, seen in rows)

    def paid_to(self, partnership_id: int) -> dict[tuple[str, str], Decimal]:
        """The total received, per (payer, receiver): who owes whom the unspent cash."""
        rows = self.session.execute(
            select(PaymentRow.payer_key, PaymentRow.receiver_key, func.sum(PaymentRow.amount_cents))
            .where(PaymentRow.partnership_id == partnership_id)
            .group_by(PaymentRow.payer_key, PaymentRow.receiver_key)
        ).all()
        return {(payer, receiver): from_cents(int(cents)) for payer, receiver, cents in rows}

    def signed_partnerships(self, stages: Sequence[str]) -> Sequence[PartnershipRow]:
        return self.session.scalars(
            select(PartnershipRow)
            .where(PartnershipRow.stage.in_(list(stages)))
            .order_by(PartnershipRow.reference)
        ).all()


class ReceiptRepository:
    """``uow.receipts``: the tax receipts and each donee's gap-free numbering."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def next_number(self, donee: str, year: int) -> int:
        """The next number of ``donee``'s receipts of ``year``, its counter raised and locked
        until the transaction ends (the UPDATE's row lock on PostgreSQL; SQLite writers are
        serialised): one statement once the counter exists."""
        raised = self.session.execute(
            update(ReceiptCounterRow)
            .where(ReceiptCounterRow.donee == donee, ReceiptCounterRow.year == year)
            .values(last=ReceiptCounterRow.last + 1)
            .returning(ReceiptCounterRow.last)
        ).scalar()
        if raised is None:
            self._create_counter(donee, year)
            return self.next_number(donee, year)
        return int(raised)

    def _create_counter(self, donee: str, year: int) -> None:
        """The counter of a donee's first receipt of the year, created once even when two
        transactions try at the same moment (the loser's insert is ignored)."""
        table = cast(Table, ReceiptCounterRow.__table__)  # (typed FromClause by SQLAlchemy)
        values = {"donee": donee, "year": year, "last": 0}
        if self.session.get_bind().dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            self.session.execute(pg_insert(table).values(values).on_conflict_do_nothing())
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            self.session.execute(sqlite_insert(table).values(values).on_conflict_do_nothing())

    def add(self, recorded: Recorded, *, donee: str, year: int, number: int, version: int) -> None:
        self.session.add(
            TaxReceiptRow(
                donee=donee, year=year, number=number, document_version=version,
                **{recorded.source: recorded.id},
            )
        )  # fmt: skip

    def of_payments(self, partnership_id: int) -> dict[int, TaxReceiptRow]:
        """The receipts of a partnership's payments, by payment id."""
        rows = self.session.scalars(
            select(TaxReceiptRow)
            .join(PaymentRow, PaymentRow.id == TaxReceiptRow.payment_id)
            .where(PaymentRow.partnership_id == partnership_id)
        ).all()
        return {r.payment_id: r for r in rows if r.payment_id is not None}

    def of_valuations(self, partnership_id: int) -> dict[int, TaxReceiptRow]:
        """The receipts of a partnership's valuations, by valuation id."""
        rows = self.session.scalars(
            select(TaxReceiptRow)
            .join(ValuationRow, ValuationRow.id == TaxReceiptRow.valuation_id)
            .where(ValuationRow.partnership_id == partnership_id)
        ).all()
        return {r.valuation_id: r for r in rows if r.valuation_id is not None}
