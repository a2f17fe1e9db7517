"""How amounts, numbers and dates are written in the documents, in French and in English."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

NBSP = "\u00a0"
_MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def format_amount(amount: Decimal, language: str) -> str:
    """``120 000,00 EUR`` (no-break spaces) in French, ``EUR 120,000.00`` in English."""
    rounded = amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.2f}"
    if language == "fr":
        return text.replace(",", NBSP).replace(".", ",") + f"{NBSP}EUR"
    return f"EUR{NBSP}{text}"


def format_number(value: Decimal, language: str) -> str:
    """An indicator value without useless decimals: ``12,5`` / ``12.5``, ``40``."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",") if language == "fr" else text


def format_date(day: dt.date, language: str) -> str:
    """``15 janvier 2027`` (``1er`` for the first day) / ``15 January 2027``."""
    month = _MONTHS[language][day.month - 1]
    if language == "fr":
        return f"{'1er' if day.day == 1 else day.day} {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def plural(count: int, singular: str, many: str | None = None) -> str:
    """``count`` with its noun agreeing, for messages in English: ``plural(1, "warning")``
    -> ``"1 warning"``, ``plural(3, "time")`` -> ``"3 times"``, ``plural(0, "field")`` ->
    ``"0 fields"``. Pass ``many`` for an irregular plural."""
    many = many if many is not None else f"{singular}s"
    return f"{count} {singular if count == 1 else many}"
