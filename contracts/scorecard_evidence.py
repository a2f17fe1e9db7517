"""The evidence of each element of the method scorecard: what the file states that
addresses it, each item met or not, in one sentence an officer reads (fr or en).

:mod:`contracts.scorecard` rates each element from these items and the findings behind it.
The steps of the method are worded in :mod:`contracts.scorecard_steps`, the pitfalls here;
the counts they state come from :mod:`contracts.scorecard_facts`.
"""

from __future__ import annotations

from coopact.contracts import vision_content as content
from coopact.contracts.balance_terms import DEFAULT_THRESHOLDS
from coopact.contracts.scorecard_facts import Evidence, Facts, facts_of, ratio
from coopact.contracts.scorecard_steps import step_evidence
from coopact.schemas import Partnership


def element_evidence(
    partnership: Partnership, language: str, balance_accepted: bool
) -> dict[str, list[Evidence]]:
    """The evidence items of each element: (met, sentence in ``language``)."""
    f = facts_of(partnership, language)
    return {
        **step_evidence(f),
        "mutual_misunderstanding": _mutual_misunderstanding(f),
        "social_value": _social_value(f),
        "power_imbalance": _power_imbalance(f),
        "wrong_partner": _wrong_partner(f),
        "fatigue": _fatigue(f),
        "mistrust": _mistrust(f),
        "unbalanced_compromise": _unbalanced_compromise(f, balance_accepted),
        "mission_drift": _mission_drift(f),
        "smart": _smart(f),
    }


def _mutual_misunderstanding(f: Facts) -> list[Evidence]:
    """A statement, measurable objectives and beneficiaries precise enough; each partner's
    stakes served by a shared objective."""
    measurable = f.objectives - f.vague
    return [
        f.item(
            not content.statement_vague(f.p),
            "Déclaration : ce qui change, pour qui, où",
            "Statement: what changes, for whom, where",
        ),
        f.item(
            f.objectives > 0 and not f.vague,
            f"Objectifs mesurables : {ratio(measurable, f.objectives)}",
            f"Measurable objectives: {ratio(measurable, f.objectives)}",
        ),
        f.item(
            bool(f.p.vision.beneficiaries) and not content.beneficiaries_vague(f.p),
            "Bénéficiaires : un public sur un territoire",
            "Beneficiaries: a population in a territory",
        ),
        f.item(
            f.all_served,
            f"Enjeux servis par un objectif commun : {ratio(f.served, f.n)} partenaires",
            f"Stakes served by a shared objective: {ratio(f.served, f.n)} partners",
        ),
    ]


def _social_value(f: Facts) -> list[Evidence]:
    """The contributions valued, the benefits and the milestones measured."""
    benefits = len(f.p.benefits)
    return [
        f.item(
            f.contributions > 0 and f.valued == f.contributions,
            f"Contributions valorisées : {ratio(f.valued, f.contributions)}",
            f"Valued contributions: {ratio(f.valued, f.contributions)}",
        ),
        f.item(
            bool(f.p.benefits) and f.measured_benefits == benefits,
            f"Bénéfices avec valeur ou indicateur : {ratio(f.measured_benefits, benefits)}",
            f"Benefits with a value or an indicator: {ratio(f.measured_benefits, benefits)}",
        ),
        f.item(
            f.milestones > 0 and f.with_indicator == f.milestones,
            f"Jalons avec indicateur : {ratio(f.with_indicator, f.milestones)}",
            f"Milestones with an indicator: {ratio(f.with_indicator, f.milestones)}",
        ),
    ]


def _power_imbalance(f: Facts) -> list[Evidence]:
    """Nobody deciding alone, votes in line with contributions, dependent ESS partners
    protected."""
    protected = ratio(f.dependent - f.unsafe, f.dependent)
    return [
        f.item(
            not f.alone,
            f"Règle de décision : {f.rule} ; "
            + (
                "aucun partenaire ne décide seul"
                if not f.alone
                else f"décide seul : {', '.join(f.alone)}"
            ),
            f"Decision rule: {f.rule}; "
            + (
                "no partner decides alone"
                if not f.alone
                else f"decides alone: {', '.join(f.alone)}"
            ),
        ),
        f.item(
            not f.imbalanced,
            "Voix en rapport avec les contributions",
            "Votes in line with contributions",
        ),
        f.item(
            not f.unsafe,
            f"Partenaires ESS dépendants protégés (veto, règle, plan de sortie) : {protected}",
            f"Dependent ESS partners protected (veto, rule, exit plan): {protected}",
        ),
    ]


def _wrong_partner(f: Facts) -> list[Evidence]:
    """A partnership rather than a service; the parties identified, their signatories'
    authority established."""
    return [
        f.item(
            not f.service,
            "Ce que l'entreprise finance sert la mission du partenaire ESS, pas une "
            "prestation pour ses clients",
            "What the company pays for serves the ESS partner's mission, not a service "
            "for its own customers",
        ),
        f.item(
            f.identified == f.n,
            f"Identifiants légaux : {ratio(f.identified, f.n)}",
            f"Legal identifiers: {ratio(f.identified, f.n)}",
        ),
        f.item(
            f.signatories == f.n,
            f"Pouvoir de signature établi : {ratio(f.signatories, f.n)}",
            f"Authority to sign established: {ratio(f.signatories, f.n)}",
        ),
    ]


def _fatigue(f: Facts) -> list[Evidence]:
    """Rituals at a set cadence, a Go/noGo review, indicators to follow."""
    return [
        f.item(
            bool(f.p.governance.rituals),
            f"Rituels à cadence fixe : {len(f.p.governance.rituals)}",
            f"Rituals at a set cadence: {len(f.p.governance.rituals)}",
        ),
        f.item(
            True,
            f"Revue Go/noGo tous les {f.p.reviews.every_months} mois",
            f"Go/noGo review every {f.p.reviews.every_months} months",
        ),
        f.item(
            f.milestones > 0 and f.with_indicator == f.milestones,
            f"Indicateurs à suivre : {ratio(f.with_indicator, f.milestones)} jalons",
            f"Indicators to follow: {ratio(f.with_indicator, f.milestones)} milestones",
        ),
    ]


def _mistrust(f: Facts) -> list[Evidence]:
    """A deadlock procedure, every partner voting, a ritual bringing them all together."""
    return [
        f.item(
            f.deadlock,
            "Procédure en cas de blocage écrite",
            "Deadlock procedure written",
        ),
        f.item(
            f.seated == f.n,
            f"Partenaires votant au comité : {ratio(f.seated, f.n)}",
            f"Partners voting on the committee: {ratio(f.seated, f.n)}",
        ),
        f.item(
            f.all_together,
            "Un rituel réunit tous les partenaires",
            "A ritual brings all partners together",
        ),
    ]


def _unbalanced_compromise(f: Facts, balance_accepted: bool) -> list[Evidence]:
    """The balance findings accepted, and only with a written justification."""
    return [
        f.item(
            not f.balance_warnings or balance_accepted,
            f"Constats d’équilibre à accepter : {f.balance_warnings}"
            + (" ; acceptés avec justification écrite" if balance_accepted else ""),
            f"Balance findings to accept: {f.balance_warnings}"
            + ("; accepted with a written justification" if balance_accepted else ""),
        ),
        f.item(
            True,
            "Accepter un déséquilibre exige une justification écrite (au moins "
            f"{DEFAULT_THRESHOLDS.min_justification_chars} caractères), conservée",
            "Accepting an imbalance needs a written justification (at least "
            f"{DEFAULT_THRESHOLDS.min_justification_chars} characters), kept",
        ),
    ]


def _mission_drift(f: Facts) -> list[Evidence]:
    """The ESS partners' red lines written and re-checked, their independence safe."""
    return [
        f.item(
            bool(f.ess) and f.ess_red_lines == f.ess,
            "Lignes rouges des partenaires ESS : "
            f"{ratio(f.ess_red_lines, f.ess)}, revérifiées à chaque revue",
            f"Red lines of the ESS partners: {ratio(f.ess_red_lines, f.ess)}, re-checked "
            "at every review",
        ),
        f.item(
            not f.unsafe,
            "Indépendance des partenaires ESS garantie",
            "Independence of the ESS partners safeguarded",
        ),
    ]


def _smart(f: Facts) -> list[Evidence]:
    """SMART milestones, Go/noGo among them."""
    return [
        f.item(
            f.milestones > 0 and f.smart_ok == f.milestones,
            f"Jalons SMART : {ratio(f.smart_ok, f.milestones)}",
            f"SMART milestones: {ratio(f.smart_ok, f.milestones)}",
        ),
        f.item(f.gates > 0, f"Jalons Go/noGo : {f.gates}", f"Go/noGo milestones: {f.gates}"),
    ]
