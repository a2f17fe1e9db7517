"""One way to write money, dates, counts and French spacing (contracts.formatting)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coopact.contracts.formatting import (
    count,
    every,
    format_amount,
    format_date,
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
