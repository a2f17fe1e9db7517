"""The exit statement: what each partner committed, what is due at the effective date,
and what must be handed back. Pure: no I/O.

Contributions are committed for the whole term. At the effective date of the exit, what
is due is the share of each valued contribution for the time elapsed (pro rata temporis);
what was already paid or delivered is confirmed by the partners when they acknowledge the
statement. In-kind contributions are returned, personal data returned or deleted as the
agreement's data clause says.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from schemas import Partnership


@dataclass(frozen=True)
class ExitLine:
    partner: str
    kind: str
    description: str
    committed: Decimal | None  # valued for the whole term; None when not valued
    due: Decimal | None  # pro rata temporis at the effective date


def elapsed_share(partnership: Partnership, effective_on: dt.date) -> Decimal:
    """The share of the term elapsed at ``effective_on`` (0 to 1)."""
    total = (partnership.end_date - partnership.start_date).days + 1
    done = (
        min(effective_on, partnership.end_date + dt.timedelta(days=1)) - partnership.start_date
    ).days
    return max(Decimal(0), min(Decimal(1), Decimal(done) / Decimal(total)))


def exit_lines(partnership: Partnership, effective_on: dt.date) -> list[ExitLine]:
    share = elapsed_share(partnership, effective_on)
    lines = []
    for c in partnership.contributions:
        value = c.valued_eur
        due = (
            (value * share).quantize(Decimal("0.01"), ROUND_HALF_UP) if value is not None else None
        )
        lines.append(ExitLine(c.partner, c.kind.value, c.description, value, due))
    return lines


def materials_to_return(partnership: Partnership) -> list[ExitLine]:
    """In-kind contributions: handed back to the partner who made them."""
    return [
        line for line in exit_lines(partnership, partnership.start_date) if line.kind == "in_kind"
    ]
