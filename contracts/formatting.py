"""How amounts, numbers, dates and counts are written, in French and in English: one place.

Every document and message formats through these functions (Babel's CLDR data, or for
amounts, whole numbers and dates in words, the same characters written here without loading
Babel), so money reads the same everywhere: ``120 000,00 €`` in French (narrow no-break space
between thousands, no-break space before the sign), ``€120,000.00`` in English. French
typography (no-break spaces before ``: ; ? ! %`` and inside « »), is applied once, at
rendering, by :func:`french_spacing`.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import ROUND_HALF_UP, Decimal

# Babel is imported by the functions that format with it: `coopact status` counts its
# findings with plural() and should not load the CLDR machinery to do so.

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space (thousands in French)
_LOCALE = {"fr": "fr_FR", "en": "en_GB"}

_SMALL = {
    "fr": ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
           "onze", "douze"],
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
           "eleven", "twelve"],
}  # fmt: skip


def _locale(language: str) -> str:
    return _LOCALE.get(language, "fr_FR")


def format_amount(amount: Decimal, language: str) -> str:
    """``120 000,00 €`` (fr) or ``€120,000.00`` (en): always with cents, no-break spaces.

    Written here, the same characters as Babel's ``format_currency`` in fr_FR and en_GB
    (tests/unit/test_formatting.py holds them equal): `status REF` writes one amount in its
    scorecard, and importing Babel and its CLDR data for it took some 60 ms."""
    rounded = Decimal(amount).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    if not rounded.is_finite():
        from babel.numbers import format_currency

        return str(format_currency(rounded, "EUR", locale=_locale(language)))
    sign = "-" if rounded.is_signed() else ""
    digits = f"{abs(rounded):,.2f}"
    if _locale(language) == "fr_FR":
        return f"{sign}{digits.replace(',', NNBSP).replace('.', ',')}{NBSP}€"
    return f"{sign}€{digits}"


def format_number(value: Decimal | int | float, language: str) -> str:
    """A number without useless decimals, grouped: ``12,5`` / ``12.5``, ``1 200`` / ``1,200``
    (a whole number written here, as Babel writes it: see :func:`format_amount`)."""
    if type(value) is int:
        grouped = f"{value:,}"
        return grouped.replace(",", NNBSP) if _locale(language) == "fr_FR" else grouped

    from babel.numbers import format_decimal

    if isinstance(value, Decimal):
        value = value.normalize()
    return str(format_decimal(value, locale=_locale(language), decimal_quantization=False))


@functools.lru_cache(maxsize=4096)
def format_date(day: dt.date, language: str) -> str:
    """A date in words: ``1er janvier 2027``, ``15 janvier 2027`` / ``15 January 2027``
    (remembered: `status` writes the dates of tens of thousands of findings)."""
    month = _MONTHS[_locale(language)][day.month - 1]
    text = f"{day.day} {month} {day.year}"  # Babel's "long" format, without loading Babel
    if language == "fr" and day.day == 1:
        text = "1er" + text[1:]
    return text  # kept whole on a line by typography() at rendering


# The months as Babel's "long" date writes them (tests/unit/test_formatting.py).
_MONTHS = {
    "fr_FR": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"],
    "en_GB": ["January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December"],
}  # fmt: skip


def in_words(n: int, language: str) -> str:
    """Small counts in words, as a lawyer writes them (``deux``, ``three``); digits above 12."""
    words = _SMALL.get(language, _SMALL["fr"])
    return words[n] if 0 <= n < len(words) else format_number(n, language)


def count(n: int, singular: str, plural: str, language: str = "fr", *, words: bool = False) -> str:
    """``1 vote``, ``2 votes``, ``0 vote`` in French (zero takes the singular in French).

    ``words=True`` writes small numbers in words (``trois mois``).
    """
    one = n in (0, 1) if language == "fr" else n == 1
    number = in_words(n, language) if words else format_number(n, language)
    return f"{number}{NBSP}{singular if one else plural}"


def months(n: int, language: str) -> str:
    """A duration: ``trois mois`` / ``three months``, ``36 mois`` / ``36 months``."""
    return (
        count(n, "mois", "mois", "fr", words=True)
        if language == "fr"
        else count(n, "month", "months", "en", words=True)
    )


def every(n: int, unit: str, language: str) -> str:
    """A cadence: ``chaque mois``, ``tous les trois mois``, ``toutes les deux semaines``,
    ``every month``, ``every two weeks``. ``unit`` is ``months`` or ``weeks``."""
    if language == "fr":
        if n == 1:
            return {"months": "chaque mois", "weeks": "chaque semaine"}[unit]
        word = in_words(n, "fr")
        return {"months": f"tous les {word} mois", "weeks": f"toutes les {word} semaines"}[unit]
    if n == 1:
        return {"months": "every month", "weeks": "every week"}[unit]
    return f"every {in_words(n, 'en')} {unit}"


def percent(part: Decimal, whole: Decimal, language: str) -> str:
    """``12,5 %`` / ``12.5%`` (one decimal at most)."""
    if whole == 0:
        value = Decimal(100)
    else:
        value = (part / whole * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    number = format_number(value, language)
    return f"{number}{NBSP}%" if language == "fr" else f"{number}%"


_BEFORE = re.compile(r"[ \t]+([:;?!%»])")  # a space before : ; ? ! % » becomes no-break
_BEFORE_BARE = re.compile(r"(?<=[\w)»])([;?!])(?=\s|$)")  # ";" glued to a word: add one
_AFTER_QUOTE = re.compile("«[ \t\u00a0]*")
_NUMERO = re.compile(r"\b([nN]°)[ \t]+(?=\w)")  # "n° 3": the number stays with its sign
_PERCENT_BARE = re.compile(r"(?<=\d)%")


def french_spacing(text: str) -> str:
    """French typography: a no-break space before ``: ; ? ! % »``, after ``«`` and ``n°``.

    Idempotent (an existing no-break space is kept), and harmless on URLs and times
    (``https://``, ``10:30`` have no space around the colon and are left alone).
    """
    text = _BEFORE.sub(NBSP + r"\1", text)
    text = _BEFORE_BARE.sub(NBSP + r"\1", text)
    text = _PERCENT_BARE.sub(NBSP + "%", text)
    text = _NUMERO.sub(r"\1" + NBSP, text)
    return _AFTER_QUOTE.sub("«" + NBSP, text)


def ensure_stop(text: str) -> str:
    """A sentence ends with a stop: ``.`` added unless it ends with ``. ! ? …`` or ``:``."""
    stripped = text.rstrip()
    if not stripped or stripped[-1] in ".!?…:;":
        return stripped
    if stripped[-1] in "»”)\"'" and len(stripped) > 1 and stripped[-2] in ".!?…":
        return stripped
    return stripped + "."


_GROUP = re.compile(r"(?<=\d) (?=\d{3}\b)")  # "40 000" typed by hand: a narrow no-break space
_CURRENCY = re.compile(r"(?<=\d) (?=(?:€|EUR|euros?)\b|€)")


_MONTH_NAMES = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
_DATE = re.compile(rf"\b(\d{{1,2}}|1er) ({_MONTH_NAMES}) (\d{{4}})\b")


def typography(text: str, language: str) -> str:
    """What rendering applies to every text: numbers, amounts and dates kept whole on a line
    (``40 000 EUR`` typed with ordinary spaces gets no-break ones, ``15 janvier 2027`` too),
    and French spacing in French."""
    text = _DATE.sub(rf"\1{NBSP}\2{NBSP}\3", text)
    text = _GROUP.sub(NNBSP, text)
    text = _CURRENCY.sub(NBSP, text)
    return french_spacing(text) if language == "fr" else text


def list_end(last: bool, language: str) -> str:
    """How an item of a list ends, as a French lawyer writes it: `` ;`` then ``.`` for the
    last (``;`` / ``.`` in English)."""
    if last:
        return "."
    return " ;" if language == "fr" else ";"


def list_item(text: str, last: bool, language: str) -> str:
    """A free text as an item of a list, ended as the list calls for; a text that already
    ends with a punctuation mark is kept as written."""
    value = str(text)
    if value.rstrip()[-1:] in tuple(".;:!?…"):
        return value
    return value + list_end(last, language)


def plural(count: int, singular: str, many: str | None = None) -> str:
    """``count`` with its noun agreeing, for messages in English: ``plural(1, "warning")``
    -> ``"1 warning"``, ``plural(3, "time")`` -> ``"3 times"``, ``plural(0, "field")`` ->
    ``"0 fields"``. Pass ``many`` for an irregular plural."""
    many = many if many is not None else f"{singular}s"
    return f"{count} {singular if count == 1 else many}"
