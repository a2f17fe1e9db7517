"""The exit, as the agreement's termination article defines it, once. Pure: no I/O.

- A no go of the comité de pilotage ends the agreement ``no_go_notice_months`` after the
  decision, never after the term; a notice or the end of the term ends it at the term.
- The legal representatives notify the end in the forms of the notices article.
- Consequences (the restitution the article states, nothing else): cash paid and not yet
  committed at the effective date is returned to its payer within ``RESTITUTION_DAYS``, on
  a statement of expenses; cash spent as agreed stays with its receiver; contributions in
  kind and in skills already provided are never refunded nor turned into sums to pay. A
  mécénat gift returned is no longer a gift: the receipt issued for it is rectified.

The exit statement applies these rules to each contribution (:func:`exit_lines`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from contracts.formatting import months
from contracts.mecenat import donees
from schemas import Partnership, PartnershipKind, add_months

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


def effective_date(partnership: Partnership, cause: str, decided_on: dt.date) -> dt.date:
    """No go: ``no_go_notice_months`` after the committee's decision, and never after the
    term; a notice or the end of the term: the last day of the term."""
    if cause == NO_GO:
        later = add_months(decided_on, partnership.no_go_notice_months)
        return min(later, partnership.end_date)
    return partnership.end_date


def receiver_of(partnership: Partnership, giver: str, to: str | None = None) -> str | None:
    """Who receives a contribution: the file's ``to`` when stated, else the only other
    partner; None when several could."""
    if to:
        return to
    others = [p.key for p in partnership.partners if p.key != giver]
    if len(others) != 1 and partnership.kind is PartnershipKind.mecenat:
        others = [p.key for p in donees(partnership) if p.key != giver]  # the gift's receiver
    return others[0] if len(others) == 1 else None


def exit_lines(partnership: Partnership) -> list[ExitLine]:
    """Each contribution with what the end makes of it."""
    return [
        ExitLine(
            partner=c.partner,
            kind=c.kind.value,
            description=c.description,
            committed=c.valued_eur,
            receiver=receiver_of(partnership, c.partner, getattr(c, "to", None)),
            refundable=c.kind.value == "cash",
        )
        for c in partnership.contributions
    ]


def restitution_words(language: str) -> str:
    return RESTITUTION_WORDS.get(language, RESTITUTION_WORDS["en"])


def exit_terms(partnership: Partnership) -> dict[str, str]:
    """What the agreement's termination article prints of the exit."""
    language = partnership.language.value
    return {
        "no_go_notice": months(partnership.no_go_notice_months, language),
        "restitution": restitution_words(language),
    }
