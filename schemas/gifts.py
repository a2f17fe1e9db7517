"""Who gives to whom (issue 21): a contribution goes from its ``partner`` to its ``to``;
donors and donees follow these directions (contracts.gifts), never the ESS flag.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopact.schemas.vocabulary import COMPANY_FORMS, GIFT_RECEIVER_FORMS, ContributionKind

if TYPE_CHECKING:
    from coopact.schemas.partnership import Partnership


def receiver_of(partnership: Partnership, index: int) -> str | None:
    """The key of the partner that receives contribution ``index``, or None when it is the
    giver's own work in the project (no one receives it).

    ``to`` when stated. Otherwise: the in-kind or skills contribution of a partner that is
    not a company is its own work in the project; any other contribution goes to the only
    other partner that can receive a gift (:data:`GIFT_RECEIVER_FORMS`), or, when none can,
    to the only other partner. Raises ValueError when more than one could receive it.
    """
    c = partnership.contributions[index]
    if c.to is not None:
        return c.to
    giver = partnership.partner(c.partner)
    if c.kind is not ContributionKind.cash and giver.legal_form not in COMPANY_FORMS:
        return None
    others = [p for p in partnership.partners if p.key != c.partner]
    candidates = [p for p in others if p.legal_form in GIFT_RECEIVER_FORMS] or others
    if len(candidates) != 1:
        raise ValueError(
            "state who receives this contribution (to: one of "
            + ", ".join(p.key for p in candidates)
            + ")"
        )
    return candidates[0].key


def receiver_problems(partnership: Partnership) -> list[tuple[int, str]]:
    problems: list[tuple[int, str]] = []
    keys = [p.key for p in partnership.partners]
    for i, c in enumerate(partnership.contributions):
        if c.to is not None and c.to not in keys:
            problems.append((i, f"unknown partner '{c.to}' (partners are: {', '.join(keys)})"))
        elif c.to is not None and c.to == c.partner:
            problems.append((i, "a partner never gives to itself: name another partner"))
        else:
            try:
                receiver_of(partnership, i)
            except ValueError as ambiguous:
                problems.append((i, str(ambiguous)))
    return problems
