"""Valuations and cash share one gap-free receipt sequence per donee and year, also when
they are recorded at the same moment on PostgreSQL; a valuation changed by hand is named by
`audit verify`; the use-of-funds report is stored and re-hashed like any document."""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
from decimal import Decimal

from sqlalchemy import select, update

from coopact import services
from coopact.adapters.config import settings
from coopact.schemas.use_of_funds import UseOfFunds
from coopact.store import audit
from coopact.store.money_tables import TaxReceiptRow, UseOfFundsRow, ValuationRow
from coopact.store.uow import UnitOfWork
from coopact.usecases.report_use_of_funds import ReportUseOfFunds, report_use_of_funds
from tests.money_support import REF, SKILLS_INDEX, gifts_data, pay, register_signed, value


def test_payments_and_valuations_at_once_are_numbered_without_gap(pg_url: str) -> None:
    """Four payments and four valuations at once: eight receipts numbered 1 to 8."""
    uow = UnitOfWork.for_url(pg_url)
    register_signed(uow, gifts_data())
    errors: list[BaseException] = []

    def one(i: int) -> None:
        try:
            if i % 2:
                pay(UnitOfWork.for_url(pg_url), "greenfleet", "1000", "2027-05-02", f"VIR-{i}")
            else:
                value(
                    UnitOfWork.for_url(pg_url), "greenfleet", SKILLS_INDEX, "1000",
                    "2027-05-02", f"ATT-{i}",
                )  # fmt: skip
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with uow:
        rows = uow.session.scalars(select(TaxReceiptRow)).all()
    assert sorted(r.number for r in rows) == list(range(1, 9))
    assert sum(r.valuation_id is not None for r in rows) == 4


def test_a_valuation_changed_by_hand_is_named_by_audit_verify(sqlite_uow: UnitOfWork) -> None:
    from coopact.store.verification import check_tables

    register_signed(sqlite_uow, gifts_data())
    value(sqlite_uow, "greenfleet", SKILLS_INDEX, "12000", "2027-06-30", "ATT-1")
    with sqlite_uow:
        events = list(audit.events(sqlite_uow.session, None))
        assert not [p for p in check_tables(sqlite_uow.session, events) if "valuation" in p]
        assert not [p for p in check_tables(sqlite_uow.session, events) if "receipt" in p]
    with sqlite_uow:
        sqlite_uow.session.execute(update(ValuationRow).values(amount_cents=100))
        sqlite_uow.session.commit()
    with sqlite_uow:
        problems = check_tables(sqlite_uow.session, events)
    assert [p for p in problems if "valuation" in p] == [
        "valuation 1 of P-2027-002 (reference 'ATT-1') does not match the audit chain: added "
        "or changed by hand"
    ]


def test_the_use_of_funds_report_is_a_document_rehashed_like_any(sqlite_uow: UnitOfWork) -> None:
    register_signed(sqlite_uow, gifts_data())
    pay(sqlite_uow, "greenfleet", "30000", "2027-04-20", "VIR-1")
    report = UseOfFunds.model_validate(
        {"year": 2027, "spent": [{"objective": 1, "amount_eur": 20000}]}
    )
    done = report_use_of_funds(
        sqlite_uow, ReportUseOfFunds(REF, report), templates=settings().templates,
        now=dt.datetime(2028, 1, 10, tzinfo=dt.UTC),
    )  # fmt: skip
    assert (done.received, done.spent, done.unspent, done.mailed_to) == (30000, 20000, 10000, 3)
    from coopact.queries.money import funds_spent

    assert funds_spent(sqlite_uow, REF) == {"kitchens": Decimal("20000.00")}
    stored = services.document_content(sqlite_uow, REF, "use_of_funds")
    assert hashlib.sha256(stored.content).hexdigest() == done.sha256
    with sqlite_uow:
        [event] = audit.events(sqlite_uow.session, REF, actions=["use_of_funds.reported"])
    assert (event.payload["year"], event.payload["spent"]) == (2027, "20000.00")

    from coopact.store.verification import check_tables

    with sqlite_uow:
        events = list(audit.events(sqlite_uow.session, None))
        assert not [p for p in check_tables(sqlite_uow.session, events) if "use-of-funds" in p]
        sqlite_uow.session.execute(update(UseOfFundsRow).values(year=2026))
        sqlite_uow.session.commit()
    with sqlite_uow:
        problems = check_tables(sqlite_uow.session, events)
    assert [p for p in problems if "use-of-funds" in p] == [
        "use-of-funds report 2026 of P-2027-002 (version 1) does not match the audit chain: "
        "added or changed by hand"
    ]
