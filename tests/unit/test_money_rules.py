"""The pure rules of money: amounts as typed, instalment statuses, notices, words."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from coopact.contracts import money
from coopact.contracts.receipt import amount_in_words


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("40000", Decimal("40000.00")),
        ("40000.5", Decimal("40000.50")),
        ("40 000,50", Decimal("40000.50")),
        ("0", None),
        ("-5", None),
        ("0.001", None),
        ("NaN", None),
        ("Infinity", None),
        ("trente mille", None),
        ("", None),
    ],
)
def test_an_amount_is_a_positive_number_of_euros_and_cents(typed: str, expected: object) -> None:
    assert money.parse_amount(typed) == expected


def _step(due: str, amount: int, payer: str = "greenfleet") -> money.Instalment:
    return money.Instalment(payer, "kitchens", dt.date.fromisoformat(due), Decimal(amount), 0)


def test_payments_settle_the_instalments_in_the_order_they_fall_due() -> None:
    schedule = [_step("2027-04-15", 30000), _step("2027-10-15", 30000), _step("2028-04-15", 20000)]
    rows = money.states(schedule, {"greenfleet": Decimal(40000)}, dt.date(2027, 10, 16))
    assert [(r.paid, r.status.value) for r in rows] == [
        (Decimal(30000), "paid"),
        (Decimal(10000), "partly_paid"),
        (Decimal(0), "due"),
    ]
    assert money.states(schedule, {}, dt.date(2027, 4, 15))[0].status is money.Status.due
    assert money.states(schedule, {}, dt.date(2027, 4, 16))[0].status is money.Status.late


def test_a_call_before_the_date_a_reminder_after_nothing_once_paid() -> None:
    schedule = [_step("2027-04-15", 30000)]
    unpaid = money.states(schedule, {}, dt.date(2027, 3, 30))
    assert money.notices_due(unpaid, dt.date(2027, 3, 30), 15) == []
    assert [n for n, _ in money.notices_due(unpaid, dt.date(2027, 3, 31), 15)] == [
        money.Notice.call
    ]
    assert [n for n, _ in money.notices_due(unpaid, dt.date(2027, 4, 16), 15)] == [
        money.Notice.reminder
    ]
    paid = money.states(schedule, {"greenfleet": Decimal(30000)}, dt.date(2027, 4, 16))
    assert money.notices_due(paid, dt.date(2027, 4, 16), 15) == []


@pytest.mark.parametrize(
    ("amount", "language", "words"),
    [
        ("30000", "fr", "trente mille euros"),
        ("1", "fr", "un euro"),
        ("80000.01", "fr", "quatre-vingt mille euros et un centime"),
        ("0.50", "en", "fifty cents"),
        ("1234.56", "en", "one thousand, two hundred and thirty-four euros and fifty-six cents"),
    ],
)
def test_amounts_in_words(amount: str, language: str, words: str) -> None:
    assert amount_in_words(Decimal(amount), language) == words


def test_receipt_numbers() -> None:
    assert money.receipt_number(2027, 1) == "TRE-2027-0001"
    assert money.receipt_number(2028, 1234) == "TRE-2028-1234"


def test_the_unspent_cash_is_returned_to_each_payer_in_proportion_to_what_it_paid() -> None:
    """Greenfleet paid 40 000 EUR and Roots 30 000 EUR to Solidarity Kitchens, which reported
    47 500 EUR spent: 22 500 EUR unspent, shared 4/7 and 3/7 (the rounding cent to the last
    payer); the skills and equipment never become sums."""
    from coopact.contracts.exit import restitutions
    from coopact.schemas import Partnership
    from tests.money_support import gifts_data

    partnership = Partnership.model_validate(gifts_data())
    paid = {("greenfleet", "kitchens"): Decimal(40000), ("roots", "kitchens"): Decimal(30000)}
    found = restitutions(partnership, paid, {"kitchens": Decimal(47500)})
    assert [(r.payer, r.paid, r.spent, r.unspent, r.receipt, r.shared) for r in found] == [
        ("greenfleet", Decimal(40000), Decimal("27142.86"), Decimal("12857.14"), True, True),
        ("roots", Decimal(30000), Decimal("20357.14"), Decimal("9642.86"), False, True),
    ]
    nothing = restitutions(partnership, {}, {"kitchens": Decimal(100)})
    assert [(r.payer, r.paid, r.unspent) for r in nothing] == [
        ("greenfleet", 0, 0), ("roots", 0, 0),
    ]  # fmt: skip
    assert all(r.spent == 0 for r in nothing)
