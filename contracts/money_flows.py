"""Who receives each cash contribution, and which payers may claim the 238 bis reduction:
read from the donor/donee model of :mod:`contracts.gifts` (never from the ESS flag)."""

from __future__ import annotations

from dataclasses import dataclass

from schemas import Partnership


@dataclass(frozen=True)
class CashFlows:
    receivers: dict[int, str]  # contribution index -> receiving partner key
    receipted_payers: frozenset[str]  # payers whose gifts the donee receipts (238 bis)


def cash_flows(partnership: Partnership) -> CashFlows:
    """PLACEHOLDER until contracts.gifts is merged."""
    receivers = {}
    for i, c in enumerate(partnership.contributions):
        to = getattr(c, "to", None)
        if to is None:
            to = next(p.key for p in partnership.partners if p.key != c.partner and p.ess)
        receivers[i] = to
    companies = {"sas", "sasu", "sa", "sarl", "eurl", "sca", "snc"}
    payers = frozenset(
        p.key for p in partnership.partners if p.legal_form.value in companies
    )
    return CashFlows(receivers, payers)
