"""The exit, as the agreement's termination article defines it, once. Pure: no I/O.

- A no go of the comité de pilotage ends the agreement ``no_go_notice_months`` after the
  decision, never after the term; a notice or the end of the term ends it at the term.
- The legal representatives notify the end in the forms of the notices article.
- Consequences (the restitution the article states, nothing else): cash paid and not yet
  committed at the effective date is returned to its payer within ``RESTITUTION_DAYS``, on
  a statement of expenses; cash spent as agreed stays with its receiver; contributions in
  kind and in skills already provided are never refunded nor turned into sums to pay. A
  mécénat gift returned is no longer a gift: the receipt issued for it is rectified.

The exit statement applies these rules to each contribution (:func:`exit_lines`) and, from
what was recorded, computes the cash to return (:func:`restitutions`): what each payer paid
each receiver, less the receiver's spending reported in its use-of-funds reports, shared
among its payers in proportion to what each paid.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from coopact.contracts.formatting import months
from coopact.contracts.gifts import receipt_flows
from coopact.schemas import Partnership, add_months, receiver_of

RESTITUTION_DAYS = 60
"""The delay to return cash paid and not committed; the termination article states it."""

NO_GO = "no_go"
NOTICE = "notice"
END_OF_TERM = "end_of_term"

RESTITUTION_WORDS = {"fr": "soixante jours", "en": "sixty days"}


@dataclass(frozen=True)
class ExitLine:
    """One contribution and what the termination article makes of it at the end."""

    partner: str  # who gave it
    kind: str  # cash | in_kind | skills
    description: str
    committed: Decimal | None  # valued for the whole term; None when not valued
    receiver: str | None  # who received it, when the file says so or only one can
    refundable: bool  # cash: the part paid and not committed is returned
    receipt: bool = False  # a 238 bis receipt was promised for it (contracts.gifts)


def effective_date(partnership: Partnership, cause: str, decided_on: dt.date) -> dt.date:
    """No go: ``no_go_notice_months`` after the committee's decision, and never after the
    term; a notice or the end of the term: the last day of the term."""
    if cause == NO_GO:
        later = add_months(decided_on, partnership.no_go_notice_months)
        return min(later, partnership.end_date)
    return partnership.end_date


def exit_lines(partnership: Partnership) -> list[ExitLine]:
    """Each contribution with what the end makes of it: who received it (the gift flows,
    :mod:`contracts.gifts`), whether a 238 bis receipt was promised for it."""
    receipts = {flow.contribution for flow in receipt_flows(partnership)}
    lines = []
    for index, c in enumerate(partnership.contributions):
        try:
            receiver = receiver_of(partnership, index)
        except ValueError:  # the file is refused before: never reached for a stored file
            receiver = None
        lines.append(
            ExitLine(
                partner=c.partner,
                kind=c.kind.value,
                description=c.description,
                committed=c.valued_eur,
                receiver=receiver,
                refundable=c.kind.value == "cash",
                receipt=index in receipts,
            )
        )
    return lines


@dataclass(frozen=True)
class Restitution:
    """What one payer paid one receiver in cash, and what the receiver returns of it."""

    payer: str
    receiver: str
    descriptions: tuple[str, ...]  # the cash contributions of the file it pays
    paid: Decimal  # recorded payments
    spent: Decimal  # its share of the receiver's reported spending
    unspent: Decimal  # to return to the payer
    receipt: bool  # a 238 bis receipt was promised for it: a rectified receipt follows
    shared: bool  # the receiver was paid by several payers: spending shared pro rata


CENT = Decimal("0.01")
ZERO = Decimal(0)


def restitutions(
    partnership: Partnership,
    paid: Mapping[tuple[str, str], Decimal],
    spent: Mapping[str, Decimal],
) -> list[Restitution]:
    """Per (payer, receiver) of the file's cash contributions (file order), then of any other
    payment recorded: the cash paid (``paid``, recorded payments), the share of the
    receiver's reported spending (``spent``, per receiver, never above what it received)
    borne by it, in proportion to what each payer paid (the last payer takes the rounding
    cent), and the unspent rest, returned to the payer. In-kind and skills never count."""
    pairs: dict[tuple[str, str], list[ExitLine]] = {}
    for line in exit_lines(partnership):
        if line.refundable and line.receiver is not None:
            pairs.setdefault((line.partner, line.receiver), []).append(line)
    for pair in sorted(paid):
        pairs.setdefault(pair, [])
    found = []
    for receiver in dict.fromkeys(r for _, r in pairs):
        payers = [(p, lines) for (p, r), lines in pairs.items() if r == receiver]
        amounts = {p: paid.get((p, receiver), ZERO) for p, _ in payers}
        received = sum(amounts.values(), ZERO)
        used = min(spent.get(receiver, ZERO), received)
        shares = {
            p: (used * a / received).quantize(CENT, ROUND_HALF_UP) for p, a in amounts.items() if a
        }
        if shares:  # the rounding cent to the last payer that paid
            last = list(shares)[-1]
            shares[last] = used - sum((v for k, v in shares.items() if k != last), ZERO)
        for payer, lines in payers:
            share = shares.get(payer, ZERO)
            found.append(Restitution(
                payer, receiver, tuple(line.description for line in lines), amounts[payer],
                share, amounts[payer] - share, any(line.receipt for line in lines),
                len(shares) > 1,
            ))  # fmt: skip
    return found


def restitution_words(language: str) -> str:
    return RESTITUTION_WORDS.get(language, RESTITUTION_WORDS["en"])


def exit_terms(partnership: Partnership) -> dict[str, str]:
    """What the agreement's termination article prints of the exit."""
    language = partnership.language.value
    return {
        "no_go_notice": months(partnership.no_go_notice_months, language),
        "restitution": restitution_words(language),
    }
