"""Équilibrer: who brings what, who carries which risk, who decides, who gains what.

The ledger values each partner's contributions in EUR (cash amount, in-kind value, skills
hours x hourly value), counts the risks it carries (and their exposure when stated), its
votes at the comité de pilotage and the benefits it expects. From it come the shares each
partner holds, and the findings: power far from contribution, a partner able to decide
alone, a partner with nothing to gain, social value left unvalued. Every threshold is in
:class:`BalanceThresholds`.

Accepting a balance with warnings is allowed, but never silently: :func:`acceptance_problem`
refuses an approval without a written justification (the "unbalanced compromise" risk).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from coopact.contracts.balance_terms import DEFAULT_THRESHOLDS, BalanceThresholds, percent
from coopact.contracts.dependency import dependency_without_safeguard
from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.contracts.justification import justification_problem
from coopact.schemas import ContributionKind, DecisionRule, Partnership

POWER_IMBALANCE = message(
    "balance.power_imbalance",
    fr="{partner} détient {votes} voix sur {total_votes} au comité de pilotage ({vote_pct} %) "
    "mais apporte {contribution_pct} % des contributions valorisées : un écart de "
    "{gap_pct} points.",
    en="{partner} holds {votes} of {total_votes} votes on the steering committee ({vote_pct}%) "
    "but brings {contribution_pct}% of the valued contributions: a gap of {gap_pct} points.",
)
DECIDES_ALONE = message(
    "balance.decides_alone",
    fr="{partner} peut décider seul au comité de pilotage ({votes} voix sur {total_votes}, "
    "règle de décision : {rule}).",
    en="{partner} can decide alone on the steering committee ({votes} of {total_votes} votes, "
    "decision rule: {rule}).",
)
NO_BENEFIT = message(
    "balance.no_benefit",
    fr="Aucun bénéfice attendu n’est indiqué pour {partner} : le partenariat doit être "
    "mutuellement bénéfique.",
    en="No expected benefit is stated for {partner}: the partnership must benefit every partner.",
)
CONTRIBUTION_NOT_VALUED = message(
    "balance.contribution_not_valued",
    fr="La contribution « {description} » de {partner} n’est pas valorisée en euros : sa "
    "valeur, souvent sociale, risque d’être sous-estimée.",
    en="The contribution “{description}” of {partner} is not valued in EUR: its value, often "
    "social, is likely to be underestimated.",
)
BENEFIT_NOT_VALUED = message(
    "balance.benefit_not_valued",
    fr="Le bénéfice attendu « {description} » de {partner} n’a ni valeur en euros ni "
    "indicateur : personne ne pourra dire s’il a été obtenu.",
    en="The expected benefit “{description}” of {partner} has neither a value in EUR nor an "
    "indicator: nobody will be able to tell whether it was obtained.",
)


@dataclass(frozen=True)
class PartnerLedger:
    """One partner's line of the ledger. Shares are None when nothing is there to share."""

    key: str
    name: str
    contributions: int
    contributions_eur: Decimal
    unvalued_contributions: int
    risks: int
    exposure_eur: Decimal
    votes: int
    benefits: tuple[str, ...]
    contribution_share: Decimal | None
    risk_share: Decimal | None
    vote_share: Decimal | None
    decides_alone: bool


@dataclass(frozen=True)
class Ledger:
    partners: tuple[PartnerLedger, ...]
    decision_rule: DecisionRule
    total_contributions_eur: Decimal
    total_risks: int
    total_exposure_eur: Decimal
    total_votes: int
    risk_basis: str  # "exposure" when every risk states its exposure, else "count"


def _share(part: Decimal, total: Decimal) -> Decimal | None:
    return part / total if total > 0 else None


def can_decide_alone(votes: int, total_votes: int, rule: DecisionRule) -> bool:
    """Whether a partner holding ``votes`` of ``total_votes`` can decide without the others.

    Majority: more than half of the votes. Consensus and unanimity: only by holding them all.
    """
    if votes <= 0:
        return False
    if rule is DecisionRule.majority:
        return 2 * votes > total_votes
    return votes == total_votes


def ledger(partnership: Partnership) -> Ledger:
    """The balance ledger of ``partnership``, one line per partner, in the file's order."""
    committee = partnership.governance.steering_committee
    total_eur = sum(
        (c.valued_eur for c in partnership.contributions if c.valued_eur is not None),
        Decimal(0),
    )
    total_votes = sum(m.votes for m in committee.members)
    by_exposure = bool(partnership.risks) and all(
        r.exposure_eur is not None for r in partnership.risks
    )
    total_exposure = sum((r.exposure_eur or Decimal(0) for r in partnership.risks), Decimal(0))
    if by_exposure and total_exposure == 0:
        by_exposure = False
    lines = []
    for p in partnership.partners:
        mine = [c for c in partnership.contributions if c.partner == p.key]
        valued = [c.valued_eur for c in mine if c.valued_eur is not None]
        risks = [r for r in partnership.risks if r.owner == p.key]
        exposure = sum((r.exposure_eur or Decimal(0) for r in risks), Decimal(0))
        votes = sum(m.votes for m in committee.members if m.partner == p.key)
        contributions_eur = sum(valued, Decimal(0))
        risk_share = (
            _share(exposure, total_exposure)
            if by_exposure
            else _share(Decimal(len(risks)), Decimal(len(partnership.risks)))
        )
        lines.append(
            PartnerLedger(
                key=p.key,
                name=p.name,
                contributions=len(mine),
                contributions_eur=contributions_eur,
                unvalued_contributions=len(mine) - len(valued),
                risks=len(risks),
                exposure_eur=exposure,
                votes=votes,
                benefits=tuple(b.description for b in partnership.benefits if b.partner == p.key),
                # Brings something, none of it valued: not valued, never a share of zero.
                contribution_share=(
                    _share(contributions_eur, total_eur) if valued or not mine else None
                ),
                risk_share=risk_share,
                vote_share=_share(Decimal(votes), Decimal(total_votes)),
                decides_alone=can_decide_alone(votes, total_votes, committee.decision_rule),
            )
        )
    return Ledger(
        partners=tuple(lines),
        decision_rule=committee.decision_rule,
        total_contributions_eur=total_eur,
        total_risks=len(partnership.risks),
        total_exposure_eur=total_exposure,
        total_votes=total_votes,
        risk_basis="exposure" if by_exposure else "count",
    )


def _finding(code: str, path: str, **params: object) -> Finding:
    return Finding(
        code=code, severity=Severity.warning, factor=Factor.equilibrer, path=path, params=params
    )


def power_imbalance(
    partnership: Partnership, thresholds: BalanceThresholds = DEFAULT_THRESHOLDS
) -> list[Finding]:
    """A partner holds more power than it brings.

    It holds more than an equal share of the votes (more than 1/n with n partners), and its
    vote share exceeds its share of the valued contributions by ``power_gap`` or more. The
    imbalance is reported once, on the partner that holds the power; the partners that
    bring more than their votes weigh are its other side.
    """
    book = ledger(partnership)
    equal_share = Decimal(1) / len(book.partners)
    found = []
    for line in book.partners:
        if line.vote_share is None or line.contribution_share is None:
            continue  # nothing valued or nobody votes: the other findings say so
        gap = line.vote_share - line.contribution_share
        if line.vote_share > equal_share and gap >= thresholds.power_gap:
            found.append(
                _finding(
                    POWER_IMBALANCE,
                    "governance.steering_committee.members",
                    partner=line.name,
                    votes=line.votes,
                    total_votes=book.total_votes,
                    vote_pct=percent(line.vote_share),
                    contribution_pct=percent(line.contribution_share),
                    gap_pct=percent(gap),
                )
            )
    return found


def decides_alone(partnership: Partnership) -> list[Finding]:
    """A partner can take the committee's decisions alone under its decision rule."""
    book = ledger(partnership)
    return [
        _finding(
            DECIDES_ALONE,
            "governance.steering_committee.decision_rule",
            partner=line.name,
            votes=line.votes,
            total_votes=book.total_votes,
            rule=book.decision_rule.value,
        )
        for line in book.partners
        if line.decides_alone
    ]


def no_benefit(partnership: Partnership) -> list[Finding]:
    """Every partner expects at least one benefit: the partnership is mutually beneficial."""
    with_benefit = {b.partner for b in partnership.benefits}
    return [
        _finding(NO_BENEFIT, "benefits", partner=p.name)
        for p in partnership.partners
        if p.key not in with_benefit
    ]


_VALUE_FIELD = {
    ContributionKind.cash: "amount_eur",
    ContributionKind.in_kind: "value_eur",
}


def contribution_not_valued(partnership: Partnership) -> list[Finding]:
    """Every contribution is valued in EUR (skills: hours and hourly value both stated)."""
    found = []
    for i, c in enumerate(partnership.contributions):
        if c.valued_eur is not None:
            continue
        field = _VALUE_FIELD.get(c.kind) or ("hours" if c.hours is None else "hourly_value_eur")
        found.append(
            _finding(
                CONTRIBUTION_NOT_VALUED,
                f"contributions[{i}].{field}",
                partner=partnership.partner(c.partner).name,
                description=c.description,
            )
        )
    return found


def benefit_not_valued(partnership: Partnership) -> list[Finding]:
    """Every expected benefit has a value in EUR or an indicator to measure it."""
    return [
        _finding(
            BENEFIT_NOT_VALUED,
            f"benefits[{i}]",
            partner=partnership.partner(b.partner).name,
            description=b.description,
        )
        for i, b in enumerate(partnership.benefits)
        if b.value_eur is None and b.indicator is None
    ]


def check(
    partnership: Partnership, thresholds: BalanceThresholds = DEFAULT_THRESHOLDS
) -> list[Finding]:
    """Every balance finding, in rule order."""
    return [
        *power_imbalance(partnership, thresholds),
        *decides_alone(partnership),
        *dependency_without_safeguard(partnership, thresholds),
        *no_benefit(partnership),
        *contribution_not_valued(partnership),
        *benefit_not_valued(partnership),
    ]


def acceptance_problem(
    findings: Sequence[Finding],
    outcome: str,
    reason: str,
    thresholds: BalanceThresholds = DEFAULT_THRESHOLDS,
) -> str | None:
    """Why approving the balance is refused, or None when it may be recorded.

    Only an approval is examined. A blocking balance finding cannot be accepted at all; a
    warning can, with a reason of at least ``min_justification_chars`` characters that says
    why the partners accept the imbalance (otherwise it is an unbalanced compromise).
    """
    return justification_problem(
        [f for f in findings if f.factor is Factor.equilibrer],
        outcome,
        reason,
        what="the balance",
        min_chars=thresholds.min_justification_chars,
        why="why the partners accept it",
    )
