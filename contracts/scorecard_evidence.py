"""The evidence of each element of the method scorecard: what the file states that
addresses it, each item met or not, in one sentence an officer reads (fr or en).

:mod:`contracts.scorecard` rates each element from these items and the findings behind it.
"""

from __future__ import annotations

from dataclasses import dataclass

from coopact.contracts import balance, dependency, smart
from coopact.contracts import vision_content as content
from coopact.contracts.balance_terms import DEFAULT_THRESHOLDS
from coopact.contracts.finding_texts import Severity
from coopact.contracts.formatting import count, format_amount
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


def _count(done: int, total: int) -> str:
    return f"{done}/{total}"


def element_evidence(
    partnership: Partnership, language: str, balance_accepted: bool
) -> dict[str, list[Evidence]]:
    """The evidence items of each element: (met, sentence in ``language``)."""
    p = partnership
    fr = language == "fr"

    def item(met: bool, french: str, english: str) -> Evidence:
        return Evidence(met, french if fr else english)

    n = len(p.partners)
    described = sum(1 for q in p.partners if q.stakes and q.constraints and q.red_lines)
    sponsors = sum(1 for q in p.partners if q.sponsor)
    referents = sum(1 for q in p.partners if q.referent and not is_nobody(q.referent.name))
    signatories = sum(1 for q in p.partners if q.signatory and q.signatory.authority)
    identified = sum(
        1 for q in p.partners if q.identifiers.siren or q.identifiers.siret or q.identifiers.rna
    )
    contributions = len(p.contributions)
    valued = sum(1 for c in p.contributions if c.valued_eur is not None)
    with_benefit = len({b.partner for b in p.benefits})
    measured_benefits = sum(1 for b in p.benefits if b.value_eur or b.indicator)
    milestones = len(p.milestones)
    with_indicator = sum(1 for m in p.milestones if m.indicator)
    gates = sum(1 for m in p.milestones if m.gate)
    smart_ok = len(
        {m.key for m in p.milestones}
        - {str(f.params.get("milestone")) for f in smart.smart_findings(p)}
    )
    committee = p.governance.steering_committee
    seated = len({m.partner for m in committee.members if m.votes > 0})  # a seat is a vote
    in_ritual = len({k for r in p.governance.rituals for k in r.participants})
    all_together = any(len(set(r.participants)) == n for r in p.governance.rituals)
    book = balance.ledger(p)
    alone = [line.name for line in book.partners if line.decides_alone]
    gaps = balance.power_imbalance(p)
    deps = dependency.dependencies(p)
    unsafe = [d.partner for d in deps if d.unsafe]
    ess = [q for q in p.partners if q.ess]
    ess_red_lines = sum(1 for q in ess if q.red_lines)

    service = [f for f in service_not_partnership(p) if f.severity is Severity.blocking]
    objectives = len(p.vision.shared_objectives)
    vague_objectives = {f.path for f in content.objective_not_measurable(p)}
    served = content.objectives_serving(p)
    balance_warnings = [f for f in balance.check(p) if f.severity is Severity.warning]
    rule = _RULES[language][committee.decision_rule.value]
    total = format_amount(book.total_contributions_eur, language)
    return {
        "construire": [
            item(
                bool(objectives and p.vision.beneficiaries),
                "Vision partagée : déclaration, "
                f"{count(objectives, 'objectif commun', 'objectifs communs', 'fr')}, "
                "bénéficiaires",
                "Shared vision: statement, "
                f"{count(objectives, 'shared objective', 'shared objectives', 'en')}, "
                "beneficiaries",
            ),
            item(
                described == n,
                f"Enjeux, contraintes et lignes rouges : {_count(described, n)} partenaires",
                f"Stakes, constraints and red lines: {_count(described, n)} partners",
            ),
            item(
                sponsors == n,
                f"Sponsors exécutifs : {_count(sponsors, n)}",
                f"Executive sponsors: {_count(sponsors, n)}",
            ),
        ],
        "equilibrer": [
            item(
                contributions > 0 and valued == contributions,
                f"Contributions valorisées : {total} ({_count(valued, contributions)})",
                f"Valued contributions: {total} ({_count(valued, contributions)})",
            ),
            item(
                with_benefit == n,
                f"Bénéfice attendu pour {_count(with_benefit, n)} partenaires",
                f"Expected benefit for {_count(with_benefit, n)} partners",
            ),
            item(
                bool(p.risks),
                f"Risques portés et attribués : {len(p.risks)}",
                f"Risks carried and owned: {len(p.risks)}",
            ),
        ],
        "formaliser": [
            item(
                True,
                "Partage des coûts, propriété intellectuelle, communication, données "
                "personnelles : écrits",
                "Costs, intellectual property, communication, personal data sharing: written",
            ),
            item(
                signatories == n,
                f"Signataires avec pouvoir : {_count(signatories, n)}",
                f"Signatories with authority: {_count(signatories, n)}",
            ),
            item(
                identified == n,
                f"Parties identifiées (SIREN, SIRET, RNA) : {_count(identified, n)}",
                f"Parties identified (SIREN, SIRET, RNA): {_count(identified, n)}",
            ),
        ],
        "demarrer": [
            item(
                referents == n,
                f"Référents nommés : {_count(referents, n)}",
                f"Named referents: {_count(referents, n)}",
            ),
            item(
                seated == n,
                f"Comité de pilotage tous les {committee.meets_every_months} mois, "
                f"{_count(seated, n)} partenaires avec voix",
                f"Steering committee every "
                f"{committee.meets_every_months} months, {_count(seated, n)} partners with a vote",
            ),
            item(
                milestones > 0 and gates > 0,
                f"Jalons : {milestones}, dont {gates} Go/noGo",
                f"Milestones: {milestones}, {gates} of them Go/noGo",
            ),
        ],
        "communiquer": [
            item(
                bool(p.governance.rituals),
                f"Rituels : {len(p.governance.rituals)}",
                f"Rituals: {len(p.governance.rituals)}",
            ),
            item(
                in_ritual == n,
                f"Partenaires présents dans un rituel : {_count(in_ritual, n)}",
                f"Partners in a ritual: {_count(in_ritual, n)}",
            ),
            item(
                bool(p.benefits) and measured_benefits == len(p.benefits),
                "Bénéfices comparables au ressenti (valeur ou indicateur) : "
                f"{_count(measured_benefits, len(p.benefits))}",
                "Benefits comparable with "
                f"what is perceived (value or indicator): "
                f"{_count(measured_benefits, len(p.benefits))}",
            ),
        ],
        "mutual_misunderstanding": [
            item(
                not content.statement_vague(p),
                "Déclaration : ce qui change, pour qui, où",
                "Statement: what changes, for whom, where",
            ),
            item(
                objectives > 0 and not vague_objectives,
                f"Objectifs mesurables : {_count(objectives - len(vague_objectives), objectives)}",
                f"Measurable objectives: {_count(objectives - len(vague_objectives), objectives)}",
            ),
            item(
                bool(p.vision.beneficiaries) and not content.beneficiaries_vague(p),
                "Bénéficiaires : un public sur un territoire",
                "Beneficiaries: a population in a territory",
            ),
            item(
                all(served.values()),
                "Enjeux servis par un objectif commun : "
                f"{_count(sum(1 for v in served.values() if v), n)} partenaires",
                "Stakes served by a shared objective: "
                f"{_count(sum(1 for v in served.values() if v), n)} partners",
            ),
        ],
        "social_value": [
            item(
                contributions > 0 and valued == contributions,
                f"Contributions valorisées : {_count(valued, contributions)}",
                f"Valued contributions: {_count(valued, contributions)}",
            ),
            item(
                bool(p.benefits) and measured_benefits == len(p.benefits),
                "Bénéfices avec valeur ou indicateur : "
                f"{_count(measured_benefits, len(p.benefits))}",
                f"Benefits with a value or an indicator: "
                f"{_count(measured_benefits, len(p.benefits))}",
            ),
            item(
                milestones > 0 and with_indicator == milestones,
                f"Jalons avec indicateur : {_count(with_indicator, milestones)}",
                f"Milestones with an indicator: {_count(with_indicator, milestones)}",
            ),
        ],
        "power_imbalance": [
            item(
                not alone,
                f"Règle de décision : {rule} ; "
                + (
                    "aucun partenaire ne décide seul"
                    if not alone
                    else f"décide seul : {', '.join(alone)}"
                ),
                f"Decision rule: {rule}; "
                + (
                    "no partner decides alone"
                    if not alone
                    else f"decides alone: {', '.join(alone)}"
                ),
            ),
            item(
                not gaps,
                "Voix en rapport avec les contributions",
                "Votes in line with contributions",
            ),
            item(
                not unsafe,
                "Partenaires ESS dépendants protégés (veto, règle, plan de sortie) : "
                f"{_count(len(deps) - len(unsafe), len(deps))}",
                "Dependent ESS partners "
                "protected (veto, rule, exit plan): "
                f"{_count(len(deps) - len(unsafe), len(deps))}",
            ),
        ],
        "wrong_partner": [
            item(
                not service,
                "Ce que l'entreprise finance sert la mission du partenaire ESS, pas une "
                "prestation pour ses clients",
                "What the company pays for serves the ESS partner's mission, not a service "
                "for its own customers",
            ),
            item(
                identified == n,
                f"Identifiants légaux : {_count(identified, n)}",
                f"Legal identifiers: {_count(identified, n)}",
            ),
            item(
                signatories == n,
                f"Pouvoir de signature établi : {_count(signatories, n)}",
                f"Authority to sign established: {_count(signatories, n)}",
            ),
        ],
        "fatigue": [
            item(
                bool(p.governance.rituals),
                f"Rituels à cadence fixe : {len(p.governance.rituals)}",
                f"Rituals at a set cadence: {len(p.governance.rituals)}",
            ),
            item(
                True,
                f"Revue Go/noGo tous les {p.reviews.every_months} mois",
                f"Go/noGo review every {p.reviews.every_months} months",
            ),
            item(
                milestones > 0 and with_indicator == milestones,
                f"Indicateurs à suivre : {_count(with_indicator, milestones)} jalons",
                f"Indicators to follow: {_count(with_indicator, milestones)} milestones",
            ),
        ],
        "mistrust": [
            item(
                bool(committee.deadlock),
                "Procédure en cas de blocage écrite",
                "Deadlock procedure written",
            ),
            item(
                seated == n,
                f"Partenaires votant au comité : {_count(seated, n)}",
                f"Partners voting on the committee: {_count(seated, n)}",
            ),
            item(
                all_together,
                "Un rituel réunit tous les partenaires",
                "A ritual brings all partners together",
            ),
        ],
        "unbalanced_compromise": [
            item(
                not balance_warnings or balance_accepted,
                f"Constats d’équilibre à accepter : {len(balance_warnings)}"
                + (" ; acceptés avec justification écrite" if balance_accepted else ""),
                f"Balance findings to accept: {len(balance_warnings)}"
                + ("; accepted with a written justification" if balance_accepted else ""),
            ),
            item(
                True,
                "Accepter un déséquilibre exige une justification écrite (au moins "
                f"{DEFAULT_THRESHOLDS.min_justification_chars} caractères), conservée",
                "Accepting an imbalance needs a written justification (at least "
                f"{DEFAULT_THRESHOLDS.min_justification_chars} characters), kept",
            ),
        ],
        "mission_drift": [
            item(
                bool(ess) and ess_red_lines == len(ess),
                "Lignes rouges des partenaires ESS : "
                f"{_count(ess_red_lines, len(ess))}, revérifiées à chaque revue",
                f"Red lines of the ESS partners: {_count(ess_red_lines, len(ess))}, re-checked "
                "at every review",
            ),
            item(
                not unsafe,
                "Indépendance des partenaires ESS garantie",
                "Independence of the ESS partners safeguarded",
            ),
        ],
        "smart": [
            item(
                milestones > 0 and smart_ok == milestones,
                f"Jalons SMART : {_count(smart_ok, milestones)}",
                f"SMART milestones: {_count(smart_ok, milestones)}",
            ),
            item(gates > 0, f"Jalons Go/noGo : {gates}", f"Go/noGo milestones: {gates}"),
        ],
    }
