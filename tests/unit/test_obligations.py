"""Payments as obligations of result (contracts.obligations): due dates read from the
schedule, the first at the entry into force, the next on each anniversary."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from coopact.contracts.obligations import instalment_dates, payments
from coopact.schemas import Partnership

ROOT = Path(__file__).resolve().parents[2]
START = dt.date(2027, 1, 15)


@pytest.mark.parametrize(
    ("schedule", "dates"),
    [
        ("3 versements annuels de 40 000 EUR", ((2027, 1, 15), (2028, 1, 15), (2029, 1, 15))),
        ("2 annual payments of 40 000 EUR", ((2027, 1, 15), (2028, 1, 15))),
        ("1 payment of 30 000 EUR", ((2027, 1, 15),)),
        ("Un versement à la signature", ((2027, 1, 15),)),
        (None, ((2027, 1, 15),)),
    ],
)
def test_the_schedule_gives_the_due_dates(schedule: str | None, dates: tuple[Any, ...]) -> None:
    assert instalment_dates(schedule, START) == tuple(dt.date(*d) for d in dates)


@pytest.mark.parametrize(
    "schedule", ["4 versements trimestriels", "À la remise du rapport intermédiaire", "0 payment"]
)
def test_a_schedule_without_dates_is_a_trigger(schedule: str) -> None:
    assert instalment_dates(schedule, START) == ()


def test_each_payment_goes_from_payer_to_payee_in_equal_instalments() -> None:
    data = yaml.safe_load((ROOT / "tests/data/mecenat.three.en.yaml").read_text())
    found = payments(Partnership.model_validate(data))
    assert [(p.payer, p.payee, p.amount, p.instalment, len(p.due)) for p in found] == [
        ("greenfleet", "kitchens", Decimal(80000), Decimal(40000), 2),
        ("roots", "kitchens", Decimal(30000), Decimal(30000), 1),
    ]


def test_a_schedule_without_dates_keeps_its_words_as_the_trigger() -> None:
    data = yaml.safe_load((ROOT / "coopact/examples/partnership.example.yaml").read_text())
    data["contributions"][0]["schedule"] = "À la remise du rapport intermédiaire"
    (payment,) = payments(Partnership.model_validate(data))
    assert payment.due == ()
    assert payment.trigger == "À la remise du rapport intermédiaire"
