"""The sums an exit returns, as the exit statement states them: computed from the payments
recorded and the spending reported (:func:`contracts.exit.restitutions`), or, when the
payments were not read, the agreement's rule applied to each cash contribution."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from functools import partial

from coopact.contracts.exit import (
    RESTITUTION_DAYS,
    Restitution,
    exit_lines,
    restitution_words,
    restitutions,
)
from coopact.contracts.formatting import format_date
from coopact.schemas import Partnership
from coopact.stages import presentation
from coopact.stages.exit_words import WORDS


def sums_to_return(
    partnership: Partnership,
    decided_on: dt.date,
    effective_on: dt.date,
    paid: Mapping[tuple[str, str], Decimal] | None,
    spent: Mapping[str, Decimal] | None,
) -> list[str]:
    """The statement's paragraphs on the cash to return: from the payments recorded when
    ``paid`` was read (None: not read), else one paragraph per cash contribution."""
    language = partnership.language.value
    words = WORDS.get(language, WORDS["en"])
    names = {p.key: p.name for p in partnership.partners}
    deadline = effective_on + dt.timedelta(days=RESTITUTION_DAYS)
    if paid is not None:
        return _recorded_sums(partnership, decided_on, effective_on, paid, spent, deadline)
    lines = [line for line in exit_lines(partnership) if line.refundable]
    found = [
        words["cash_line"].format(
            description=line.description,
            giver=names[line.partner],
            receiver=names[line.receiver] if line.receiver else words["receiver_unknown"],
            effective=format_date(effective_on, language),
            days=restitution_words(language),
            deadline=format_date(deadline, language),
        )
        for line in lines
    ]
    if not found:
        return [words["no_cash"]]
    if any(line.receipt for line in lines):  # receipts promised for sums now returned
        found.append(words["receipts"])
    return found


def _recorded_sums(
    partnership: Partnership,
    decided_on: dt.date,
    effective_on: dt.date,
    paid: Mapping[tuple[str, str], Decimal],
    spent: Mapping[str, Decimal] | None,
    deadline: dt.date,
) -> list[str]:
    """The sums to return computed from the payments recorded and the spending reported:
    one paragraph per payer and receiver (:func:`contracts.exit.restitutions`)."""
    language = partnership.language.value
    words = WORDS.get(language, WORDS["en"])
    found = restitutions(partnership, paid or {}, spent or {})
    if not found:
        return [words["no_cash"]]
    paragraphs = [_restitution(partnership, r, decided_on, effective_on, deadline) for r in found]
    shared = {r.receiver for r in found if r.shared}
    paragraphs += [
        words["shared"].format(receiver=partnership.partner(k).name) for k in sorted(shared)
    ]
    if any(r.receipt and r.unspent > 0 for r in found):
        paragraphs.append(words["receipts"])
    paragraphs.append(
        words["later"].format(
            stated=format_date(decided_on, language),
            days=restitution_words(language),
            effective=format_date(effective_on, language),
            deadline=format_date(deadline, language),
        )
    )
    return paragraphs


def _restitution(
    partnership: Partnership,
    r: Restitution,
    decided_on: dt.date,
    effective_on: dt.date,
    deadline: dt.date,
) -> str:
    """One payer's payments to one receiver: paid, spent, and what is returned by when."""
    language = partnership.language.value
    words = WORDS.get(language, WORDS["en"])
    euros = partial(presentation.euros, language=language)
    key = "cash_none" if r.paid == 0 else "cash_returned" if r.unspent > 0 else "cash_spent"
    return words[key].format(
        description="; ".join(r.descriptions) or words["payments"],
        giver=partnership.partner(r.payer).name, receiver=partnership.partner(r.receiver).name,
        paid=euros(r.paid), spent=euros(r.spent), unspent=euros(r.unspent),
        stated=format_date(decided_on, language), days=restitution_words(language),
        effective=format_date(effective_on, language),
        deadline=format_date(deadline, language),
    )  # fmt: skip
