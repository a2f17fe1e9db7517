"""Équilibrer, power and dependency: the ESS partner's independence from its main funder.

Comparing vote shares with contribution shares lets the partner who pays most hold most of
the votes without a word. The method's concern is the other side: an ESS organisation that
depends on one funder for most of the partnership's resources (or a large part of its own
budget) and holds a minority of the votes can be led away from its mission. That is
acceptable only with a safeguard:

- the committee decides by consensus or unanimity (no decision without the ESS partner);
- a **mission veto**: the ESS partner is listed in
  ``governance.steering_committee.mission_veto`` (its agreement is required on any decision
  touching its mission or its red lines);
- a **dependency-exit plan** stated on the partner (``dependency_exit_plan``).

Dependency is measured two ways, thresholds in :class:`contracts.balance_terms.BalanceThresholds`:
the main funder's share of the partnership's valued resources (``dependency_share``), and,
when the partner states its ``annual_budget_eur``, the funder's contributions per year
(their valued total divided by the term in years) as a share of that budget
(``budget_dependency_share``).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from coopact.contracts.balance_terms import (
    DEFAULT_THRESHOLDS,
    DEPENDENCY,
    BalanceThresholds,
    percent,
)
from coopact.contracts.finding_texts import Factor, Severity
from coopact.contracts.findings import Finding
from coopact.contracts.formatting import format_amount
from coopact.schemas import DecisionRule, Partnership

_BUDGET = {
    "fr": ", soit environ {pct} % de son budget annuel ({yearly} par an sur {budget} ; seuil : "
    "{threshold} %)",
    "en": ", about {pct}% of its annual budget ({yearly} a year of {budget}; threshold: "
    "{threshold}%)",
}
_RULES = {
    "fr": {"consensus": "consensus", "majority": "majorité", "unanimity": "unanimité"},
    "en": {"consensus": "consensus", "majority": "majority", "unanimity": "unanimity"},
}


@dataclass(frozen=True)
class Dependency:
    """One ESS partner's dependency on its main funder, and the safeguards it holds.

    ``safeguards`` holds ``"rule"`` (consensus or unanimity), ``"veto"`` (mission veto) and
    ``"exit_plan"``, in that order, for those present.
    """

    partner_key: str
    partner: str
    funder_key: str | None
    funder: str | None
    funder_eur: Decimal
    total_eur: Decimal
    resource_share: Decimal | None
    yearly_eur: Decimal | None
    annual_budget_eur: Decimal | None
    budget_share: Decimal | None
    votes: int
    total_votes: int
    minority: bool
    safeguards: tuple[str, ...]
    dependent: bool

    @property
    def unsafe(self) -> bool:
        """Dependent, in a minority of votes, and without any safeguard: a finding."""
        return self.dependent and self.minority and not self.safeguards


def dependencies(
    partnership: Partnership, thresholds: BalanceThresholds = DEFAULT_THRESHOLDS
) -> list[Dependency]:
    """The dependency of each ESS partner on its main funder, in the file's order."""
    committee = partnership.governance.steering_committee
    total_votes = sum(m.votes for m in committee.members)
    valued: dict[str, Decimal] = {p.key: Decimal(0) for p in partnership.partners}
    for c in partnership.contributions:
        if c.valued_eur is not None:
            valued[c.partner] += c.valued_eur
    total = sum(valued.values(), Decimal(0))
    years = Decimal(partnership.duration_months) / 12
    found = []
    for p in partnership.partners:
        if not p.ess:
            continue
        others = [q for q in partnership.partners if q.key != p.key and valued[q.key] > 0]
        funder = max(others, key=lambda q: valued[q.key], default=None)
        funder_eur = valued[funder.key] if funder else Decimal(0)
        share = funder_eur / total if funder and total > 0 else None
        yearly = funder_eur / years if funder else None
        budget = p.annual_budget_eur
        budget_share = yearly / budget if yearly is not None and budget else None
        votes = sum(m.votes for m in committee.members if m.partner == p.key)
        safeguards = []
        if committee.decision_rule in (DecisionRule.consensus, DecisionRule.unanimity):
            safeguards.append("rule")
        if p.key in (committee.mission_veto or []):
            safeguards.append("veto")
        if p.dependency_exit_plan:
            safeguards.append("exit_plan")
        dependent = (share is not None and share >= thresholds.dependency_share) or (
            budget_share is not None and budget_share >= thresholds.budget_dependency_share
        )
        found.append(
            Dependency(
                partner_key=p.key,
                partner=p.name,
                funder_key=funder.key if funder else None,
                funder=funder.name if funder else None,
                funder_eur=funder_eur,
                total_eur=total,
                resource_share=share,
                yearly_eur=yearly,
                annual_budget_eur=budget,
                budget_share=budget_share,
                votes=votes,
                total_votes=total_votes,
                minority=2 * votes < total_votes,
                safeguards=tuple(safeguards),
                dependent=dependent,
            )
        )
    return found


def _both(amount: Decimal, name: str) -> dict[str, str]:
    return {f"{name}_fr": format_amount(amount, "fr"), f"{name}_en": format_amount(amount, "en")}


def dependency_without_safeguard(
    partnership: Partnership, thresholds: BalanceThresholds = DEFAULT_THRESHOLDS
) -> list[Finding]:
    """An ESS partner depending on one funder beyond a threshold holds a minority of the
    votes without a safeguard (consensus or unanimity, a mission veto, an exit plan)."""
    rule = partnership.governance.steering_committee.decision_rule.value
    found = []
    for d in dependencies(partnership, thresholds):
        if not d.unsafe or d.funder is None:
            continue
        budget = {"budget_fr": "", "budget_en": ""}
        if d.budget_share is not None and d.yearly_eur is not None and d.annual_budget_eur:
            for language in ("fr", "en"):
                budget[f"budget_{language}"] = _BUDGET[language].format(
                    pct=percent(d.budget_share),
                    yearly=format_amount(d.yearly_eur, language),
                    budget=format_amount(d.annual_budget_eur, language),
                    threshold=percent(thresholds.budget_dependency_share),
                )
        index = next(i for i, p in enumerate(partnership.partners) if p.key == d.partner_key)
        found.append(
            Finding(
                code=DEPENDENCY,
                severity=Severity.warning,
                factor=Factor.equilibrer,
                path=f"partners[{index}]",
                params={
                    "ess": d.partner,
                    "funder": d.funder,
                    "share_pct": percent(d.resource_share) if d.resource_share else 0,
                    "threshold_pct": percent(thresholds.dependency_share),
                    "votes": d.votes,
                    "total_votes": d.total_votes,
                    "rule_fr": _RULES["fr"][rule],
                    "rule_en": _RULES["en"][rule],
                    **_both(d.funder_eur, "funder_eur"),
                    **_both(d.total_eur, "total_eur"),
                    **budget,
                },
            )
        )
    return found
