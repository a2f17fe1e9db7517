"""Who gives what to whom: the gift flows of a partnership, from the file's directions.

Each contribution of the partnership file goes from its ``partner`` (the giver) to its
``to`` (the receiver; by default the only partner that can receive it, see
:func:`schemas.receiver_of`). A contribution that no one receives (the in-kind or skills
work of a non-company in its own project) is not a flow. Donors and donees follow these
flows, never the ESS flag; a partner never gives to itself (the file is refused).

The API, for the agreement and for payments and tax receipts::

    gift_flows(partnership) -> list[GiftFlow]   # every flow, in the file's order
    donors(partnership) -> list[Partner]        # partners giving a flow (returns aside)
    donees(partnership) -> list[Partner]        # partners receiving a flow (returns aside)
    receipt_flows(partnership) -> list[GiftFlow]  # the flows a 238 bis receipt is promised for
    given_by(partnership, key) / received_by(partnership, key) -> Decimal  # valued totals
    can_issue_receipt(partner) -> bool          # its legal form can, as a rule, issue one

``GiftFlow.reduction_238bis`` is true when the giver is a company (it can claim the
reduction of article 238 bis CGI): only such a donor is promised a receipt, only in a
mécénat (or an act whose money is a gift, ``tax_regime: gift``), and only by a receiver
that can issue one. ``GiftFlow.returned`` marks a flow given back to a company that funds
the giver (a service to a funder): a counterpart, never a gift. Pure: no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from coopact.schemas import (
    COMPANY_FORMS,
    GIFT_RECEIVER_FORMS,
    ContributionKind,
    Partner,
    Partnership,
    PartnershipKind,
    TaxRegime,
    receiver_of,
)


@dataclass(frozen=True)
class GiftFlow:
    """One contribution going from one partner to another.

    ``giver`` and ``receiver`` are partner keys; ``contribution`` is the index of the
    contribution in ``partnership.contributions``; ``kind`` is cash, in_kind or skills;
    ``amount`` is its value in EUR (cash: amount_eur; in kind: value_eur; skills: hours x
    hourly value), ``None`` when the file states no value; ``reduction_238bis`` is true when
    the giver is a company, which can claim the reduction of article 238 bis CGI;
    ``returned`` is true when the flow goes back to a company that gives to the giver (a
    service to a funder: a counterpart, never a gift; such a flow makes no donor or donee).
    """

    giver: str
    receiver: str
    contribution: int
    kind: ContributionKind
    amount: Decimal | None
    reduction_238bis: bool
    returned: bool = False


def gift_flows(partnership: Partnership) -> list[GiftFlow]:
    """Every contribution that one partner gives to another, in the file's order."""
    flows: list[GiftFlow] = []
    for index, contribution in enumerate(partnership.contributions):
        receiver = receiver_of(partnership, index)
        if receiver is None or receiver == contribution.partner:
            continue
        giver = partnership.partner(contribution.partner)
        flows.append(
            GiftFlow(
                giver=giver.key,
                receiver=receiver,
                contribution=index,
                kind=contribution.kind,
                amount=contribution.valued_eur,
                reduction_238bis=giver.legal_form in COMPANY_FORMS,
            )
        )
    funders = {(f.giver, f.receiver) for f in flows}
    return [
        replace(
            f,
            returned=not f.reduction_238bis
            and partnership.partner(f.receiver).legal_form in COMPANY_FORMS
            and (f.receiver, f.giver) in funders,
        )
        for f in flows
    ]


def donors(partnership: Partnership) -> list[Partner]:
    """The partners that give at least one contribution to another partner, returns aside
    (file order)."""
    keys = {f.giver for f in gift_flows(partnership) if not f.returned}
    return [p for p in partnership.partners if p.key in keys]


def donees(partnership: Partnership) -> list[Partner]:
    """The partners that receive at least one contribution from another, returns aside
    (file order)."""
    keys = {f.receiver for f in gift_flows(partnership) if not f.returned}
    return [p for p in partnership.partners if p.key in keys]


def can_issue_receipt(partner: Partner) -> bool:
    """Whether the partner's legal form can, as a rule, issue a 238 bis receipt."""
    return partner.legal_form in GIFT_RECEIVER_FORMS


def receipt_flows(partnership: Partnership) -> list[GiftFlow]:
    """The flows for which the receiver promises a tax receipt (art. 238 bis CGI): in a
    mécénat, or in an act whose money is a gift (``tax_regime: gift``), a company gives and
    the receiver's legal form can issue a receipt."""
    gifts = partnership.kind is PartnershipKind.mecenat or partnership.tax_regime is TaxRegime.gift
    if not gifts or partnership.kind is PartnershipKind.parrainage:
        return []
    return [
        f
        for f in gift_flows(partnership)
        if f.reduction_238bis and can_issue_receipt(partnership.partner(f.receiver))
    ]


def given_by(partnership: Partnership, key: str) -> Decimal:
    """What partner ``key`` gives to others, valued in EUR (unvalued flows count 0)."""
    return sum(
        (f.amount or Decimal(0) for f in gift_flows(partnership) if f.giver == key), Decimal(0)
    )


def received_by(partnership: Partnership, key: str) -> Decimal:
    """What partner ``key`` receives from others, valued in EUR (unvalued flows count 0)."""
    return sum(
        (f.amount or Decimal(0) for f in gift_flows(partnership) if f.receiver == key),
        Decimal(0),
    )
