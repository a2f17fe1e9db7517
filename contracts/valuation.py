"""Skills and in-kind gifts after the signature, as rules: which contribution a donor's
certified valuation may be recorded for, when it is refused, and whether it is receipted.

A valuation is recorded for a skills or in-kind contribution that one partner gives to
another (:func:`contracts.gifts.gift_flows`, never the ESS flag); its tax receipt is issued
only where :func:`contracts.gifts.receipt_flows` promises one (a company donor in a mécénat,
to a receiver that can issue it). Skills are valued at cost (salaries and social charges of
the staff made available), an in-kind gift at its cost price; the donor certifies the value.
Pure: what was valued so far is given.
"""

from __future__ import annotations

from decimal import Decimal

from coopact.contracts.gifts import GiftFlow, gift_flows, receipt_flows
from coopact.schemas import Partnership
from coopact.schemas.vocabulary import ContributionKind

CENT = Decimal("0.01")
VALUED_KINDS = (ContributionKind.skills, ContributionKind.in_kind)


def valued_flow(partnership: Partnership, contribution: int) -> GiftFlow | None:
    """The gift flow of contribution ``contribution`` when it is a skills or in-kind gift
    from one partner to another (a counterpart returned to a funder is not a gift)."""
    for flow in gift_flows(partnership):
        if flow.contribution == contribution and flow.kind in VALUED_KINDS:
            return None if flow.returned else flow
    return None


def receipted(partnership: Partnership, flow: GiftFlow) -> bool:
    """Whether the valuation of ``flow`` gets a tax receipt (art. 238 bis CGI)."""
    return any(f.contribution == flow.contribution for f in receipt_flows(partnership))


def _listed(partnership: Partnership) -> str:
    found = [
        f"{f.contribution} ({partnership.partner(f.giver).key}, {f.kind.value})"
        for f in gift_flows(partnership)
        if f.kind in VALUED_KINDS and not f.returned
    ]
    return ", ".join(found) or "none"


def valuation_problem(
    partnership: Partnership, giver: str, contribution: int, amount: Decimal, valued: Decimal
) -> str | None:
    """Why a valuation of ``amount`` by ``giver`` of contribution ``contribution`` (its index
    in the file) cannot be recorded, ``valued`` being what was already recorded for it."""
    count = len(partnership.contributions)
    if not 0 <= contribution < count:
        return (
            f"the file has no contributions[{contribution}] (valued gifts: {_listed(partnership)})"
        )
    stated = partnership.contributions[contribution]
    if stated.kind is ContributionKind.cash:
        return (
            f"contributions[{contribution}] is a cash contribution: a payment is recorded with "
            "`coopact payment`"
        )
    if stated.partner != giver:
        return f"contributions[{contribution}] is given by '{stated.partner}', not by '{giver}'"
    if valued_flow(partnership, contribution) is None:
        return (
            f"contributions[{contribution}] is not a gift to another partner (its giver's own "
            f"work in the project, or a service returned to a funder); valued gifts: "
            f"{_listed(partnership)}"
        )
    ceiling = None if stated.valued_eur is None else stated.valued_eur.quantize(CENT)
    if ceiling is not None and valued + amount > ceiling:
        return (
            f"{amount} EUR exceeds what remains of the value the agreement states for "
            f"contributions[{contribution}] ({ceiling - valued} EUR of {ceiling} EUR, "
            f"{valued} EUR already valued)"
        )
    return None
