"""What each party must pay or deliver, and when: the agreement's obligations of result.

A cash contribution is a sum that its giver pays to its receiver (:mod:`contracts.gifts`)
on dates read from its ``schedule`` (``3 versements annuels de 40 000 EUR``, ``2 annual
payments``, ``1 payment``: the first at the entry into force, the next on each
anniversary), or, when the schedule gives no dates, on the trigger it states. An in-kind or
skills contribution is delivered on the dates the steering committee sets, before the end
of the term. Pure: the agreement prints these values.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal

from coopact.contracts.gifts import gift_flows
from coopact.schemas import ContributionKind, Partnership, add_months

_COUNT = re.compile(
    r"^\s*(\d{1,2})\s+(?:(?:annual|yearly|equal)\s+)*"
    r"(?:versements?|paiements?|payments?|instalments?|installments?)\b"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
_ANNUAL = re.compile(r"annuel|annual|yearly|par an|per year", re.IGNORECASE)
_WORDS = re.compile(r"^\s*(un|une|one|a single)\s+(versement|paiement|payment)", re.IGNORECASE)


@dataclass(frozen=True)
class Payment:
    """A cash contribution as an obligation: who pays whom, how much, on which dates.

    ``due`` is empty when the schedule states no date (``trigger`` then says when)."""

    payer: str  # partner key
    payee: str  # partner key
    contribution: int
    amount: Decimal | None
    due: tuple[dt.date, ...]
    instalment: Decimal | None  # each instalment when they are equal, else None
    trigger: str | None


def instalment_dates(schedule: str | None, start: dt.date) -> tuple[dt.date, ...]:
    """The due dates a schedule states: N payments (annual when N > 1 or so stated), the
    first at ``start``, the next on each anniversary; () when it states no number."""
    if schedule is None:
        return (start,)
    if _WORDS.match(schedule):
        return (start,)
    found = _COUNT.match(schedule)
    if not found:
        return ()
    number = int(found.group(1))
    if number < 1 or number > 20:
        return ()
    if number > 1 and not _ANNUAL.search(schedule):
        return ()
    return tuple(add_months(start, 12 * k) for k in range(number))


def payments(partnership: Partnership) -> list[Payment]:
    """Every cash contribution paid by one partner to another, in the file's order."""
    found: list[Payment] = []
    for flow in gift_flows(partnership):
        if flow.kind is not ContributionKind.cash:
            continue
        contribution = partnership.contributions[flow.contribution]
        due = instalment_dates(contribution.schedule, partnership.start_date)
        instalment = None
        if contribution.instalments:  # dated instalments (schemas.payments): as stated
            due = tuple(s.due for s in contribution.instalments)
            amounts = {s.amount_eur for s in contribution.instalments}
            instalment = amounts.pop() if len(amounts) == 1 else None
        elif due and flow.amount is not None:
            each = flow.amount / len(due)
            if each == each.quantize(Decimal("0.01")):
                instalment = each
        found.append(
            Payment(
                payer=flow.giver,
                payee=flow.receiver,
                contribution=flow.contribution,
                amount=flow.amount,
                due=due,
                instalment=instalment,
                trigger=None if due else contribution.schedule,
            )
        )
    return found
