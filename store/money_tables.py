"""The tables of money after the signature: payments received, valuations of skills and
in-kind gifts, tax receipts and their gap-free numbering, use-of-funds reports (revisions
``2026_12_05_money`` and ``2026_12_05_money2``). Registered on :data:`store.base.Base`;
every table gathered in :mod:`store.schema`."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from coopact.store.base import Base, utcnow


class PaymentRow(Base):
    """A payment received from a cash payer, recorded once per bank reference and
    partnership. ``amount_cents``: euros times 100, an integer (never a float)."""

    __tablename__ = "payments"
    __table_args__ = (UniqueConstraint("partnership_id", "bank_reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"), index=True)
    payer_key: Mapped[str] = mapped_column(String(32))
    receiver_key: Mapped[str] = mapped_column(String(32))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    paid_on: Mapped[dt.date]
    bank_reference: Mapped[str] = mapped_column(String(200))
    recorded_by: Mapped[str] = mapped_column(String(300))  # a pseudonymous id, never a name
    role: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReceiptCounterRow(Base):
    """The last tax-receipt number a donee issued in a year: locked and raised in the
    transaction that issues the next one, so that numbers have no gap and no repeat."""

    __tablename__ = "receipt_counters"

    donee: Mapped[str] = mapped_column(String(64), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class ValuationRow(Base):
    """A skills or in-kind gift valued by its donor (certified at cost: salaries and charges
    for skills), recorded once per reference and partnership; ``contribution`` is the index of
    the contribution in the file. ``amount_cents``: euros times 100."""

    __tablename__ = "valuations"
    __table_args__ = (UniqueConstraint("partnership_id", "reference"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"), index=True)
    giver_key: Mapped[str] = mapped_column(String(32))
    receiver_key: Mapped[str] = mapped_column(String(32))
    contribution: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    valued_on: Mapped[dt.date]
    reference: Mapped[str] = mapped_column(String(200))
    recorded_by: Mapped[str] = mapped_column(String(300))  # a pseudonymous id, never a name
    role: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class UseOfFundsRow(Base):
    """A donee's use-of-funds report for one year: its document is the ``use_of_funds``
    version named by ``document_version`` (a later report of the same year restates it)."""

    __tablename__ = "use_of_funds_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"), index=True)
    donee_key: Mapped[str] = mapped_column(String(32))
    year: Mapped[int] = mapped_column(Integer)
    document_version: Mapped[int] = mapped_column(Integer)
    spent_cents: Mapped[int] = mapped_column(BigInteger)  # the total spent that year
    reported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TaxReceiptRow(Base):
    """A tax receipt (reçu fiscal, art. 238 bis CGI) issued for one payment or one valuation;
    its document is the ``tax_receipt`` version named by ``document_version``."""

    __tablename__ = "tax_receipts"
    __table_args__ = (UniqueConstraint("donee", "year", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int | None] = mapped_column(ForeignKey("payments.id"), unique=True)
    # or, for a skills or in-kind gift, the donor's certified valuation it receipts
    valuation_id: Mapped[int | None] = mapped_column(ForeignKey("valuations.id"), unique=True)
    donee: Mapped[str] = mapped_column(String(64))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    document_version: Mapped[int] = mapped_column(Integer)


class MoneyNoticeRow(Base):
    """A call for funds (``call``) or a reminder (``reminder``) mailed for one instalment:
    each is sent once (the unique key), in the transaction that queues its mails."""

    __tablename__ = "money_notices"
    __table_args__ = (UniqueConstraint("partnership_id", "payer_key", "due_on", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(ForeignKey("partnerships.id"))
    payer_key: Mapped[str] = mapped_column(String(32))
    due_on: Mapped[dt.date]
    kind: Mapped[str] = mapped_column(String(16))
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
