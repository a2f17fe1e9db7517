"""The financial terms the agreement states for each scheduled cash contribution: who pays
whom, each instalment's date and amount, the payment term, the receiver's bank details.
The context of the money block of the contributions clause (``payments``); pure."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from coopact.contracts.formatting import count, format_amount, format_date
from coopact.contracts.money_flows import cash_flows
from coopact.schemas import Partnership
from coopact.schemas.payments import DEFAULT_PAYMENT_TERM_DAYS
from coopact.schemas.vocabulary import ContributionKind

_AND = {"fr": " et ", "en": " and "}
_ON = {"fr": "{amount} le {day}", "en": "{amount} on {day}"}
_WORDS = {"fr": ("versement", "versements", "jour", "jours"),
          "en": ("instalment", "instalments", "day", "days")}  # fmt: skip


def _joined(items: list[str], language: str) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + _AND[language] + items[-1]


def payment_terms(partnership: Partnership) -> dict[str, Any]:
    """``{"schedules": [...]}``: one entry per cash contribution with instalments."""
    lang = partnership.language.value
    one, many, day, days = _WORDS[lang]
    receivers = cash_flows(partnership).receivers
    schedules = []
    for i, c in enumerate(partnership.contributions):
        if c.kind is not ContributionKind.cash or not c.instalments or i not in receivers:
            continue
        receiver = partnership.partner(receivers[i])
        term = c.payment_term_days if c.payment_term_days is not None else DEFAULT_PAYMENT_TERM_DAYS
        bank = receiver.bank
        schedules.append(
            {
                "payer": partnership.partner(c.partner).name,
                "receiver": receiver.name,
                "description": c.description,
                "total": format_amount(c.amount_eur or Decimal(0), lang),
                "count": count(len(c.instalments), one, many, lang, words=True),
                "steps": _joined(
                    [
                        _ON[lang].format(
                            amount=format_amount(s.amount_eur, lang), day=format_date(s.due, lang)
                        )
                        for s in c.instalments
                    ],
                    lang,
                ),
                "term": count(term, day, days, lang, words=True),
                # stated in the file and not the agreement's 30 days: printed as an exception
                "term_stated": term != DEFAULT_PAYMENT_TERM_DAYS,
                "bank": [{"iban": bank.iban_printed, "bic": bank.bic}] if bank else [],
            }
        )
    return {"schedules": schedules}
