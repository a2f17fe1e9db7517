"""One way to write money, dates, counts and French spacing (contracts.formatting)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coopact.contracts.formatting import (
    count,
    every,
    format_amount,
    format_date,
    format_number,
    french_spacing,
    list_item,
    months,
    typography,
)

NBSP, NNBSP = "\u00a0", "\u202f"


def test_money_is_written_one_way_with_cents_and_no_break_spaces() -> None:
    assert format_amount(Decimal("120000"), "fr") == f"120{NNBSP}000,00{NBSP}€"
    assert format_amount(Decimal("120000"), "en") == "€120,000.00"
    assert format_amount(Decimal("0.005"), "fr") == f"0,01{NBSP}€"


def test_dates_are_in_words_and_never_break_once_rendered() -> None:
    assert format_date(dt.date(2027, 1, 1), "fr") == "1er janvier 2027"
    assert format_date(dt.date(2027, 1, 15), "en") == "15 January 2027"
    assert typography("le 1er janvier 2027", "fr") == f"le 1er{NBSP}janvier{NBSP}2027"
    assert typography("on 15 January 2027.", "en") == f"on 15{NBSP}January{NBSP}2027."


def test_counts_and_cadences_as_a_lawyer_writes_them() -> None:
    assert count(1, "vote", "votes", "en") == f"1{NBSP}vote"
    assert count(2, "vote", "votes", "en") == f"2{NBSP}votes"
    assert count(0, "voix", "voix", "fr") == f"0{NBSP}voix"
    assert count(1, "time", "times", "en") == f"1{NBSP}time"
    assert months(3, "en") == f"three{NBSP}months" and months(36, "fr") == f"36{NBSP}mois"
    assert every(2, "weeks", "fr") == "toutes les deux semaines"
    assert every(3, "months", "fr") == "tous les trois mois"
    assert every(1, "months", "en") == "every month"


def test_french_spacing_is_applied_once() -> None:
    text = "Référence : P-1 ; taux 25 % « oui » https://x.example 10:30 avenant n° 2"
    spaced = french_spacing(text)
    assert spaced == (
        f"Référence{NBSP}: P-1{NBSP}; taux 25{NBSP}% «{NBSP}oui{NBSP}» https://x.example 10:30"
        f" avenant n°{NBSP}2"
    )
    assert french_spacing(spaced) == spaced


def test_amounts_typed_by_hand_do_not_break() -> None:
    assert (
        typography("3 versements de 40 000 EUR", "en") == f"3 versements de 40{NNBSP}000{NBSP}EUR"
    )


def test_list_items_end_with_a_semicolon_then_a_stop() -> None:
    assert list_item("Premier", False, "fr") == "Premier ;"
    assert list_item("Dernier", True, "fr") == "Dernier."
    assert list_item("Already ended.", False, "en") == "Already ended."


def test_amounts_and_whole_numbers_are_written_as_babel_writes_them() -> None:
    """format_amount, format_number (whole numbers) and format_date write without Babel,
    for speed: the same characters as Babel's format_currency, format_decimal and
    format_date ("long") in both languages."""
    import random

    from babel.dates import format_date as babel_date
    from babel.numbers import format_currency, format_decimal

    draw = random.Random(25)
    amounts = [Decimal(v) for v in ("0", "-0.004", "0.005", "999.995", "-1234567.891", "1E+3")]
    amounts += [
        Decimal(draw.randint(-(10**12), 10**12)) / 10 ** draw.randint(0, 4) for _ in range(500)
    ]
    numbers = [0, 1, -1, 999, 1000, -1000, 10**15]
    numbers += [draw.randint(-(10**9), 10**9) for _ in range(500)]
    for language, locale in (("fr", "fr_FR"), ("en", "en_GB"), ("de", "fr_FR")):
        for amount in amounts:
            rounded = amount.quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
            babel = format_currency(rounded, "EUR", locale=locale)
            assert format_amount(amount, language) == babel
        for n in numbers:
            babel = format_decimal(n, locale=locale, decimal_quantization=False)
            assert format_number(n, language) == babel
        day = dt.date(1999, 12, 1)
        while day.year < 2031:
            babel = babel_date(day, "long", locale=locale)
            if language == "fr" and day.day == 1:
                babel = "1er" + babel[1:]
            assert format_date(day, language) == babel
            day += dt.timedelta(days=1)
