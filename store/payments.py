"""SQL of money after the signature: payments, tax receipts and their numbering."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from coopact.store.money_tables import PaymentRow, ReceiptCounterRow, TaxReceiptRow
from coopact.store.tables import PartnershipRow

CENTS = Decimal(100)


def to_cents(amount: Decimal) -> int:
    return int((amount * CENTS).to_integral_exact())


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / CENTS).quantize(Decimal("0.01"))


class PaymentRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, row: PaymentRow) -> PaymentRow:
        self.session.add(row)
        self.session.flush()
        return row

    def by_reference(self, partnership_id: int, bank_reference: str) -> PaymentRow | None:
        return self.session.scalar(
            select(PaymentRow).where(
                PaymentRow.partnership_id == partnership_id,
                PaymentRow.bank_reference == bank_reference,
            )
        )

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

    def signed_partnerships(self, stages: Sequence[str]) -> Sequence[PartnershipRow]:
        return self.session.scalars(
            select(PartnershipRow)
            .where(PartnershipRow.stage.in_(list(stages)))
            .order_by(PartnershipRow.reference)
        ).all()

    def next_receipt_number(self, donee: str, year: int) -> int:
        """The next number of ``donee``'s receipts of ``year``, its counter locked until the
        transaction ends (a row lock on PostgreSQL; SQLite writers are serialised)."""
        counter = self.session.scalar(
            select(ReceiptCounterRow)
            .where(ReceiptCounterRow.donee == donee, ReceiptCounterRow.year == year)
            .with_for_update()
        )
        if counter is None:
            self._create_counter(donee, year)
            return self.next_receipt_number(donee, year)
        self.session.execute(
            update(ReceiptCounterRow)
            .where(ReceiptCounterRow.donee == donee, ReceiptCounterRow.year == year)
            .values(last=ReceiptCounterRow.last + 1)
        )
        return (
            self.session.scalar(
                select(ReceiptCounterRow.last)
                .where(ReceiptCounterRow.donee == donee, ReceiptCounterRow.year == year)
                .execution_options(populate_existing=True)
            )
            or 0
        )

    def _create_counter(self, donee: str, year: int) -> None:
        """The counter of a donee's first receipt of the year, created once even when two
        transactions try at the same moment (the loser's insert is ignored)."""
        table = ReceiptCounterRow.__table__
        values = {"donee": donee, "year": year, "last": 0}
        if self.session.get_bind().dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as pg_insert

            self.session.execute(pg_insert(table).values(values).on_conflict_do_nothing())
        else:
            from sqlalchemy.dialects.sqlite import insert as sqlite_insert

            self.session.execute(sqlite_insert(table).values(values).on_conflict_do_nothing())

    def add_receipt(self, row: TaxReceiptRow) -> None:
        self.session.add(row)
        self.session.flush()

    def receipts(self, partnership_id: int) -> dict[int, TaxReceiptRow]:
        """The receipts of a partnership's payments, by payment id."""
        rows = self.session.scalars(
            select(TaxReceiptRow)
            .join(PaymentRow, PaymentRow.id == TaxReceiptRow.payment_id)
            .where(PaymentRow.partnership_id == partnership_id)
        ).all()
        return {r.payment_id: r for r in rows if r.payment_id is not None}


def check_payments(
    session: Session, events: Sequence[Any], references: dict[int, str]
) -> list[str]:
    """Payment rows that do not say what the audit chain says (``payment.recorded``: payer,
    amount, date, bank reference), and receipts the chain never issued; each named."""
    recorded = {
        e.payload.get("payment_id"): e.payload for e in events if e.action == "payment.recorded"
    }
    issued = {
        (
            ("valuation", e.payload.get("valuation_id"))
            if e.payload.get("valuation_id") is not None
            else ("payment", e.payload.get("payment_id"))
        ): e.payload
        for e in events
        if e.action == "tax_receipt.issued"
    }
    problems = []
    for row in session.scalars(select(PaymentRow).order_by(PaymentRow.id)):
        ref = references.get(row.partnership_id, "?")
        said = recorded.get(row.id)
        mine = (
            row.payer_key,
            str(from_cents(row.amount_cents)),
            row.paid_on.isoformat(),
            row.bank_reference,
        )
        if said is None or mine != (
            said.get("payer"),
            said.get("amount"),
            said.get("paid_on"),
            said.get("bank_reference"),
        ):
            problems.append(
                f"payment {row.id} of {ref} (reference {row.bank_reference!r}) does not match the "
                "audit chain: added or changed by hand"
            )
    for receipt in session.scalars(select(TaxReceiptRow).order_by(TaxReceiptRow.id)):
        said = issued.get(
            ("valuation", receipt.valuation_id)
            if receipt.valuation_id is not None
            else ("payment", receipt.payment_id)
        )
        if said is None or said.get("number", "").split("-")[-1] != f"{receipt.number:04d}":
            problems.append(
                f"tax receipt {receipt.year}-{receipt.number:04d} of {receipt.donee} does not "
                "match the audit chain: added or changed by hand"
            )
    from coopact.store.money_reports import check_valuations

    return problems + check_valuations(session, events, references)
