"""Social value hard to evaluate: what is not valued stays "not valued", with a way to value it.

A contribution or a benefit without a value is never counted as zero (zero would say it is
worth nothing, which is how social value gets underestimated). The balance report shows it
as not valued and names a valuation approach suited to its nature, so that the partners can
agree on one:

- time (skills): hours at a market rate, what an equivalent provider would charge;
- in kind: the replacement cost, what the partnership would pay to obtain it otherwise;
- cash: the amount and its schedule, as paid;
- an expected benefit, an outcome: an indicator with a baseline and a target, measured at
  each review (or a value in EUR when it has a market equivalent).
"""

from __future__ import annotations

from dataclasses import dataclass

from coopact.schemas import ContributionKind, Partnership

APPROACHES = {
    "market_rate": (
        "temps au prix du marché (heures × taux horaire d’un prestataire équivalent)",
        "time at a market rate (hours × the hourly rate of an equivalent provider)",
    ),
    "replacement_cost": (
        "coût de remplacement (ce qu’il faudrait payer pour l’obtenir autrement)",
        "replacement cost (what it would cost to obtain it otherwise)",
    ),
    "amount": (
        "montant versé et échéancier",
        "amount paid and its schedule",
    ),
    "indicator": (
        "résultat mesuré par un indicateur (valeur de départ, cible, suivi à chaque revue)",
        "outcome measured by an indicator (baseline, target, followed at each review)",
    ),
}

_BY_KIND = {
    ContributionKind.skills: "market_rate",
    ContributionKind.in_kind: "replacement_cost",
    ContributionKind.cash: "amount",
}


def approach_text(approach: str, language: str) -> str:
    fr, en = APPROACHES[approach]
    return fr if language == "fr" else en


@dataclass(frozen=True)
class Unvalued:
    """A contribution or a benefit left without a value, and how it could be valued."""

    what: str  # "contribution" | "benefit"
    index: int
    partner_key: str
    description: str
    approach: str  # a key of APPROACHES


def unvalued(partnership: Partnership) -> list[Unvalued]:
    """Contributions without a value in EUR, then benefits with neither a value nor an
    indicator, each with the approach suited to its nature, in the file's order."""
    found = [
        Unvalued("contribution", i, c.partner, c.description, _BY_KIND[c.kind])
        for i, c in enumerate(partnership.contributions)
        if c.valued_eur is None
    ]
    found += [
        Unvalued("benefit", i, b.partner, b.description, "indicator")
        for i, b in enumerate(partnership.benefits)
        if b.value_eur is None and b.indicator is None
    ]
    return found
