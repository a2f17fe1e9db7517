"""The facts a clause file's conditions may name (``when: [has_gates]``), all in one place.

A legal officer states when a clause applies with names, never with code; :func:`facts`
computes every named fact from the partnership, and :data:`FACTS` says in a sentence what
each one means (the template lint lists them when a clause file names an unknown one).
"""

from __future__ import annotations

from coopact.contracts.gifts import receipt_flows
from coopact.schemas import ContributionKind, Partnership, Renewal

FACTS: dict[str, str] = {
    "has_gates": "at least one milestone is a Go/noGo decision point (milestones[].gate)",
    "has_risks": "the file lists shared risks (risks)",
    "has_benefits": "the file lists expected benefits (benefits)",
    "has_counterparts": "the file states at least one counterpart (counterparts)",
    "has_financial_contribution": "a partner contributes money (contributions[].kind: cash)",
    "has_in_kind_contribution": "a partner contributes in kind (contributions[].kind: in_kind)",
    "has_skills_contribution": "a partner contributes skills (contributions[].kind: skills)",
    "donee_may_be_eligible_238bis": "a mécénat in which a company gives to a donee whose "
    "legal form can, as a rule, issue a tax receipt under article 238 bis CGI (association, "
    "fondation, fonds de dotation, public body)",
    "tacit_renewal": "the agreement renews tacitly (renewal: tacit)",
    "has_esus_partner": "a partner holds the ESUS approval (partners[].esus)",
    "more_than_two_partners": "three partners or more sign the agreement",
    "has_confidentiality_text": "the file says what is confidential (sharing.confidentiality)",
    "has_quorum": "the steering committee has a quorum (governance.steering_committee.quorum)",
    "has_mission_veto": "some partners hold a mission veto "
    "(governance.steering_committee.mission_veto)",
    "has_rituals": "the governance lists rituals (governance.rituals)",
}


def facts(partnership: Partnership) -> dict[str, bool]:
    """Every fact of :data:`FACTS`, true or false for this partnership."""
    p = partnership
    kinds = {c.kind for c in p.contributions}
    committee = p.governance.steering_committee
    return {
        "has_gates": any(m.gate for m in p.milestones),
        "has_risks": bool(p.risks),
        "has_benefits": bool(p.benefits),
        "has_counterparts": bool(p.counterparts),
        "has_financial_contribution": ContributionKind.cash in kinds,
        "has_in_kind_contribution": ContributionKind.in_kind in kinds,
        "has_skills_contribution": ContributionKind.skills in kinds,
        "donee_may_be_eligible_238bis": bool(receipt_flows(p)),
        "tacit_renewal": p.renewal is Renewal.tacit,
        "has_esus_partner": any(x.esus is not None for x in p.partners),
        "more_than_two_partners": len(p.partners) > 2,
        "has_confidentiality_text": bool(p.sharing.confidentiality),
        "has_quorum": committee.quorum is not None,
        "has_mission_veto": bool(committee.mission_veto),
        "has_rituals": bool(p.governance.rituals),
    }
