"""`coopact audit verify`'s money checks: payments, tax receipts, valuations and use-of-funds
reports held against the audit chain, each row that does not say what the chain says named.

Core on the clauses of :mod:`coopact.store.core_tables` (no ORM): run on the read side's
connection as on a unit of work's session."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from coopact.store.core_tables import payments, tax_receipts, use_of_funds, valuations

CENTS = Decimal(100)


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / CENTS).quantize(Decimal("0.01"))


def check_payments(conn: Any, events: Sequence[Any], references: dict[int, str]) -> list[str]:
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
    for row in conn.execute(select(payments).order_by(payments.c.id)):
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
    for receipt in conn.execute(select(tax_receipts).order_by(tax_receipts.c.id)):
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
    return problems + check_valuations(conn, events, references)


def check_valuations(conn: Any, events: Sequence[Any], references: dict[int, str]) -> list[str]:
    """Valuation rows that do not say what the audit chain says (``valuation.recorded``)."""
    recorded = {
        e.payload.get("valuation_id"): e.payload for e in events if e.action == "valuation.recorded"
    }
    problems = []
    for row in conn.execute(select(valuations).order_by(valuations.c.id)):
        said = recorded.get(row.id) or {}
        mine = (
            row.giver_key,
            row.contribution,
            str(from_cents(row.amount_cents)),
            row.valued_on.isoformat(),
            row.reference,
        )
        theirs = tuple(
            said.get(k) for k in ("giver", "contribution", "amount", "valued_on", "valuation")
        )
        if mine != theirs:
            problems.append(
                f"valuation {row.id} of {references.get(row.partnership_id, '?')} (reference "
                f"{row.reference!r}) does not match the audit chain: added or changed by hand"
            )
    return problems + _check_reports(conn, events, references)


def _check_reports(conn: Any, events: Sequence[Any], references: dict[int, str]) -> list[str]:
    """Use-of-funds rows the chain never reported (``use_of_funds.reported``)."""
    said = {
        (e.reference, e.payload.get("donee"), e.payload.get("year"), e.payload.get("version"))
        for e in events
        if e.action == "use_of_funds.reported"
    }
    problems = []
    for row in conn.execute(select(use_of_funds).order_by(use_of_funds.c.id)):
        ref = references.get(row.partnership_id, "?")
        if (ref, row.donee_key, row.year, row.document_version) not in said:
            problems.append(
                f"use-of-funds report {row.year} of {ref} (version {row.document_version}) does "
                "not match the audit chain: added or changed by hand"
            )
    return problems
