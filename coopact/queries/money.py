"""What `coopact money` shows: each instalment with what was paid of it and its status, and
the totals per payer, for one partnership or the whole portfolio."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from coopact.contracts import money
from coopact.contracts.money_flows import cash_flows
from coopact.services._common import partnership_of
from coopact.store.money_checks import from_cents
from coopact.store.uow import UnitOfWork
from coopact.usecases.money_event import SIGNED


@dataclass(frozen=True)
class MoneyView:
    reference: str
    title: str
    stage: str
    instalments: list[dict[str, Any]]
    totals: list[dict[str, Any]]
    payments: list[dict[str, Any]]
    valuations: list[dict[str, Any]] = field(default_factory=list)  # skills, in kind


def _eur(value: Decimal) -> str:
    return str(value.quantize(Decimal("0.01")))


def view_of(row: Any, paid: dict[str, Decimal], payments: list[Any], today: dt.date,
            receipts: dict[int, Any]) -> MoneyView:  # fmt: skip
    partnership = partnership_of(row)
    names = {p.key: p.name for p in partnership.partners}
    flows = cash_flows(partnership)
    rows = money.states(money.instalments(partnership, flows.receivers), paid, today)
    instalments = [
        {
            "partner": r.instalment.payer,
            "partner_name": names[r.instalment.payer],
            "receiver": r.instalment.receiver,
            "due": r.instalment.due.isoformat(),
            "amount_eur": _eur(r.instalment.amount),
            "paid_eur": _eur(r.paid),
            "status": r.status.value,
        }
        for r in rows
    ]
    totals = [
        {
            "partner": t.payer,
            "partner_name": names[t.payer],
            "promised_eur": _eur(t.promised),
            "paid_eur": _eur(t.paid),
            "remaining_eur": _eur(t.remaining),
            "late_eur": _eur(t.late),
        }
        for t in money.totals(partnership, rows, paid)
    ]
    listed = [
        {
            "partner": p.payer_key,
            "receiver": p.receiver_key,
            "amount_eur": _eur(from_cents(p.amount_cents)),
            "paid_on": p.paid_on.isoformat(),
            "reference": p.bank_reference,
            "receipt": money.receipt_number(receipts[p.id].year, receipts[p.id].number)
            if p.id in receipts
            else None,
        }
        for p in payments
    ]
    return MoneyView(row.reference, row.title, row.stage, instalments, totals, listed)


def money_of(uow: UnitOfWork, reference: str, today: dt.date) -> MoneyView:
    with uow:
        row = uow.partnerships.get(reference)
        paid = uow.payments.paid_by_payer([row.id]).get(row.id, {})
        payments = list(uow.payments.of(row.id))
        view = view_of(row, paid, payments, today, uow.receipts.of_payments(row.id))
        return replace(view, valuations=_valuations(uow, row.id))


def _valuations(uow: UnitOfWork, partnership_id: int) -> list[dict[str, Any]]:
    """The donors' certified valuations of skills and in-kind gifts, with their receipts."""
    receipts = uow.receipts.of_valuations(partnership_id)
    return [
        {
            "partner": v.giver_key,
            "receiver": v.receiver_key,
            "contribution": v.contribution,
            "kind": v.kind,
            "amount_eur": _eur(from_cents(v.amount_cents)),
            "valued_on": v.valued_on.isoformat(),
            "reference": v.reference,
            "receipt": money.receipt_number(receipts[v.id].year, receipts[v.id].number)
            if v.id in receipts
            else None,
        }
        for v in uow.valuations.of(partnership_id)
    ]


def portfolio(uow: UnitOfWork, today: dt.date) -> Iterator[MoneyView]:
    """Every signed partnership with cash to follow (instalments or cash payers)."""
    with uow:
        rows = uow.payments.signed_partnerships([s.value for s in SIGNED])
        paid = uow.payments.paid_by_payer([r.id for r in rows])
        for row in rows:
            view = view_of(row, paid.get(row.id, {}), [], today, {})
            if view.instalments or view.totals:
                yield view


def as_json(view: MoneyView) -> dict[str, Any]:
    return {
        "reference": view.reference,
        "title": view.title,
        "stage": view.stage,
        "instalments": view.instalments,
        "totals": view.totals,
        "payments": view.payments,
        "valuations": view.valuations,
    }


CSV_COLUMNS = ("reference", "partner", "receiver", "due", "amount_eur", "paid_eur", "status")


def funds_spent(uow: UnitOfWork, reference: str) -> dict[str, Decimal]:
    """What each donee reported spent (`coopact use-of-funds`), all years together, the
    latest report of a year standing for it (for the exit statement's unspent cash)."""
    with uow:
        row = uow.partnerships.get(reference)
        return uow.use_of_funds.spent(row.id)


def cash_received(uow: UnitOfWork, reference: str) -> dict[str, Decimal]:
    """The cash received so far from each payer of a partnership (for the exit statement's
    unspent cash: what was paid, not what was promised)."""
    with uow:
        row = uow.partnerships.get(reference)
        return uow.payments.paid_by_payer([row.id]).get(row.id, {})
