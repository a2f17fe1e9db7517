"""What the evidence of the method scorecard counts in a partnership file (computed once),
and the evidence item: met or not, in one sentence in the scorecard's language.

:mod:`contracts.scorecard_steps` and :mod:`contracts.scorecard_evidence` word the items.
"""

from __future__ import annotations

from dataclasses import dataclass

from coopact.contracts import balance, dependency, smart
from coopact.contracts import vision_content as content
from coopact.contracts.finding_texts import Severity
from coopact.contracts.formatting import format_amount
from coopact.contracts.power import is_nobody
from coopact.contracts.qualification import service_not_partnership
from coopact.schemas import Partnership

_RULES = {
    "fr": {"consensus": "consensus", "majority": "majorité", "unanimity": "unanimité"},
    "en": {"consensus": "consensus", "majority": "majority", "unanimity": "unanimity"},
}


@dataclass(frozen=True)
class Evidence:
    met: bool
    text: str


def ratio(done: int, total: int) -> str:
    """``done/total``."""
    return f"{done}/{total}"


@dataclass(frozen=True)
class Facts:
    """The counts the evidence items state, of one partnership, in one language."""

    p: Partnership
    language: str
    n: int  # partners
    described: int  # partners with stakes, constraints and red lines
    sponsors: int
    referents: int  # named (not a placeholder)
    signatories: int  # with their authority stated
    identified: int  # with a SIREN, a SIRET or an RNA number
    contributions: int
    valued: int  # contributions valued
    with_benefit: int  # partners expecting a benefit
    measured_benefits: int  # benefits with a value or an indicator
    milestones: int
    with_indicator: int  # milestones with an indicator
    gates: int  # Go/noGo milestones
    smart_ok: int  # milestones with no SMART finding
    meets_every_months: int  # the comité de pilotage's cadence
    deadlock: bool  # its deadlock procedure written
    seated: int  # partners with a vote on the comité
    in_ritual: int  # partners in a ritual
    all_together: bool  # a ritual brings all partners together
    alone: list[str]  # partners who decide alone
    imbalanced: bool  # votes out of line with contributions
    dependent: int  # dependent ESS partners
    unsafe: int  # of them, not protected
    ess: int  # ESS partners
    ess_red_lines: int  # of them, with red lines
    service: bool  # a blocking "service, not partnership" finding
    objectives: int  # shared objectives
    vague: int  # of them, not measurable
    served: int  # partners whose stakes a shared objective serves
    all_served: bool
    balance_warnings: int
    rule: str  # the comité's decision rule, in words
    total: str  # the contributions' total value, formatted

    def item(self, met: bool, french: str, english: str) -> Evidence:
        """An evidence item, in the scorecard's language."""
        return Evidence(met, french if self.language == "fr" else english)


def facts_of(p: Partnership, language: str) -> Facts:
    """The counts of ``p`` the evidence items state, in ``language``."""
    n = len(p.partners)
    committee = p.governance.steering_committee
    book = balance.ledger(p)
    deps = dependency.dependencies(p)
    ess = [q for q in p.partners if q.ess]
    served = content.objectives_serving(p)
    milestone_keys = {m.key for m in p.milestones}
    return Facts(
        p=p,
        language=language,
        n=n,
        described=sum(1 for q in p.partners if q.stakes and q.constraints and q.red_lines),
        sponsors=sum(1 for q in p.partners if q.sponsor),
        referents=sum(1 for q in p.partners if q.referent and not is_nobody(q.referent.name)),
        signatories=sum(1 for q in p.partners if q.signatory and q.signatory.authority),
        identified=sum(
            1 for q in p.partners if q.identifiers.siren or q.identifiers.siret or q.identifiers.rna
        ),
        contributions=len(p.contributions),
        valued=sum(1 for c in p.contributions if c.valued_eur is not None),
        with_benefit=len({b.partner for b in p.benefits}),
        measured_benefits=sum(1 for b in p.benefits if b.value_eur or b.indicator),
        milestones=len(p.milestones),
        with_indicator=sum(1 for m in p.milestones if m.indicator),
        gates=sum(1 for m in p.milestones if m.gate),
        smart_ok=len(
            milestone_keys - {str(f.params.get("milestone")) for f in smart.smart_findings(p)}
        ),
        meets_every_months=committee.meets_every_months,
        deadlock=bool(committee.deadlock),
        seated=len({m.partner for m in committee.members if m.votes > 0}),  # a seat is a vote
        in_ritual=len({k for r in p.governance.rituals for k in r.participants}),
        all_together=any(len(set(r.participants)) == n for r in p.governance.rituals),
        alone=[line.name for line in book.partners if line.decides_alone],
        imbalanced=bool(balance.power_imbalance(p)),
        dependent=len(deps),
        unsafe=len([d.partner for d in deps if d.unsafe]),
        ess=len(ess),
        ess_red_lines=sum(1 for q in ess if q.red_lines),
        service=any(f.severity is Severity.blocking for f in service_not_partnership(p)),
        objectives=len(p.vision.shared_objectives),
        vague=len({f.path for f in content.objective_not_measurable(p)}),
        served=sum(1 for v in served.values() if v),
        all_served=all(served.values()),
        balance_warnings=len([f for f in balance.check(p) if f.severity is Severity.warning]),
        rule=_RULES[language][committee.decision_rule.value],
        total=format_amount(book.total_contributions_eur, language),
    )
