"""SQL of the donor's certified valuations (skills and in-kind gifts), the donee's
use-of-funds reports and the calls for funds and reminders sent."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from coopact.store.money_checks import from_cents
from coopact.store.money_tables import MoneyNoticeRow, PaymentRow, UseOfFundsRow, ValuationRow
from coopact.store.payments import Recorded, _inserted, to_cents


class ValuationRepository:
    """``uow.valuations``: the donors' certified valuations of skills and in-kind gifts."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self, partnership_id: int, *, giver: str, receiver: str, contribution: int, kind: str,
        amount: Decimal, valued_on: dt.date, reference: str, role: str, recorded_by: str,
    ) -> Recorded | None:  # fmt: skip
        """Record a valuation; None when its reference is already recorded."""
        row = ValuationRow(
            partnership_id=partnership_id, giver_key=giver, receiver_key=receiver,
            contribution=contribution, kind=kind, amount_cents=to_cents(amount),
            valued_on=valued_on, reference=reference, recorded_by=recorded_by, role=role,
        )  # fmt: skip
        if not _inserted(self.session, row):
            return None
        return Recorded(
            row.id, "valuation_id", giver, receiver, from_cents(row.amount_cents), valued_on,
            kind=kind, certificate=reference,
        )  # fmt: skip

    def by_reference(self, partnership_id: int, reference: str) -> ValuationRow | None:
        return self.session.scalar(
            select(ValuationRow).where(
                ValuationRow.partnership_id == partnership_id,
                ValuationRow.reference == reference,
            )
        )

    def valued(self, partnership_id: int, contribution: int) -> Decimal:
        """What was valued so far of one contribution."""
        cents = self.session.scalar(
            select(func.coalesce(func.sum(ValuationRow.amount_cents), 0)).where(
                ValuationRow.partnership_id == partnership_id,
                ValuationRow.contribution == contribution,
            )
        )
        return from_cents(int(cents or 0))

    def of(self, partnership_id: int) -> Sequence[ValuationRow]:
        return self.session.scalars(
            select(ValuationRow)
            .where(ValuationRow.partnership_id == partnership_id)
            .order_by(ValuationRow.valued_on, ValuationRow.id)
        ).all()


class UseOfFundsRepository:
    """``uow.use_of_funds``: the donees' yearly reports, and the cash they account for."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def received_in(self, partnership_id: int, receiver: str, year: int) -> dict[str, Decimal]:
        """The cash ``receiver`` received in ``year``, per payer."""
        rows = self.session.execute(
            select(PaymentRow.payer_key, func.sum(PaymentRow.amount_cents))
            .where(
                PaymentRow.partnership_id == partnership_id,
                PaymentRow.receiver_key == receiver,
                extract("year", PaymentRow.paid_on) == year,
            )
            .group_by(PaymentRow.payer_key)
        ).all()
        return {payer: from_cents(int(cents)) for payer, cents in rows}

    def add(
        self, partnership_id: int, *, donee: str, year: int, version: int, spent: Decimal
    ) -> None:
        self.session.add(
            UseOfFundsRow(
                partnership_id=partnership_id, donee_key=donee, year=year,
                document_version=version, spent_cents=to_cents(spent),
            )
        )  # fmt: skip

    def spent(self, partnership_id: int) -> dict[str, Decimal]:
        """Per donee, the total spent over the years reported (a year's latest report
        restates its earlier ones)."""
        latest: dict[tuple[str, int], UseOfFundsRow] = {}
        for row in self.session.scalars(
            select(UseOfFundsRow)
            .where(UseOfFundsRow.partnership_id == partnership_id)
            .order_by(UseOfFundsRow.id)
        ):
            latest[(row.donee_key, row.year)] = row
        totals: dict[str, Decimal] = {}
        for (donee, _), row in latest.items():
            totals[donee] = totals.get(donee, Decimal(0)) + from_cents(row.spent_cents)
        return totals

    def reported_years(self, partnership_ids: Sequence[int]) -> dict[int, set[int]]:
        """Per partnership, the years a use-of-funds report was given for."""
        rows = self.session.execute(
            select(UseOfFundsRow.partnership_id, UseOfFundsRow.year)
            .where(UseOfFundsRow.partnership_id.in_(list(partnership_ids)))
            .distinct()
        ).all()
        found: dict[int, set[int]] = {}
        for pid, year in rows:
            found.setdefault(pid, set()).add(int(year))
        return found

    def received_years(self, partnership_ids: Sequence[int]) -> dict[int, set[int]]:
        """Per partnership, the years in which cash was received."""
        rows = self.session.execute(
            select(PaymentRow.partnership_id, PaymentRow.paid_on).where(
                PaymentRow.partnership_id.in_(list(partnership_ids))
            )
        ).all()
        found: dict[int, set[int]] = {}
        for pid, day in rows:
            found.setdefault(pid, set()).add(day.year)
        return found


class MoneyNoticeRepository:
    """``uow.money_notices``: the calls for funds and reminders sent, each once."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def sent(self, partnership_id: int) -> set[tuple[str, dt.date, str]]:
        """(payer, due date, kind) of each notice sent for a partnership."""
        rows = self.session.execute(
            select(MoneyNoticeRow.payer_key, MoneyNoticeRow.due_on, MoneyNoticeRow.kind).where(
                MoneyNoticeRow.partnership_id == partnership_id
            )
        ).all()
        return {(payer, due, kind) for payer, due, kind in rows}

    def add(self, partnership_id: int, *, payer: str, due_on: dt.date, kind: str) -> None:
        self.session.add(
            MoneyNoticeRow(partnership_id=partnership_id, payer_key=payer, due_on=due_on, kind=kind)
        )
