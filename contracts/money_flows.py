"""Who receives each cash contribution, and which gifts the receiver receipts (238 bis):
read from the donor/donee model of :mod:`contracts.gifts`, never from the ESS flag."""

from __future__ import annotations

from dataclasses import dataclass

from coopact.contracts.gifts import gift_flows, receipt_flows
from coopact.schemas import Partnership
from coopact.schemas.vocabulary import ContributionKind


@dataclass(frozen=True)
class CashFlows:
    receivers: dict[int, str]  # cash contribution index -> receiving partner key
    receipted: frozenset[tuple[str, str]]  # (giver, receiver) whose cash gifts are receipted

    def receipts(self, giver: str, receiver: str) -> bool:
        """Whether a cash payment from ``giver`` to ``receiver`` gets a tax receipt."""
        return (giver, receiver) in self.receipted


def cash_flows(partnership: Partnership) -> CashFlows:
    """The cash flows of the file: receivers by contribution, and the receipted pairs (a
    company giving in a mécénat to a partner whose form can issue a receipt)."""
    cash = [f for f in gift_flows(partnership) if f.kind is ContributionKind.cash]
    receipted = frozenset(
        (f.giver, f.receiver) for f in receipt_flows(partnership) if f.kind is ContributionKind.cash
    )
    return CashFlows({f.contribution: f.receiver for f in cash}, receipted)
