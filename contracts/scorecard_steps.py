"""The evidence of the five steps of the method (construire, équilibrer, formaliser,
démarrer, communiquer): what the file states for each, item by item (fr or en)."""

from __future__ import annotations

from coopact.contracts.formatting import count
from coopact.contracts.scorecard_facts import Evidence, Facts, ratio


def step_evidence(f: Facts) -> dict[str, list[Evidence]]:
    """The evidence items of each step of the method, in the method's order."""
    return {
        "construire": _construire(f),
        "equilibrer": _equilibrer(f),
        "formaliser": _formaliser(f),
        "demarrer": _demarrer(f),
        "communiquer": _communiquer(f),
    }


def _construire(f: Facts) -> list[Evidence]:
    """A shared vision; each partner's stakes, constraints and red lines; its sponsor."""
    return [
        f.item(
            bool(f.objectives and f.p.vision.beneficiaries),
            "Vision partagée : déclaration, "
            f"{count(f.objectives, 'objectif commun', 'objectifs communs', 'fr')}, "
            "bénéficiaires",
            "Shared vision: statement, "
            f"{count(f.objectives, 'shared objective', 'shared objectives', 'en')}, "
            "beneficiaries",
        ),
        f.item(
            f.described == f.n,
            f"Enjeux, contraintes et lignes rouges : {ratio(f.described, f.n)} partenaires",
            f"Stakes, constraints and red lines: {ratio(f.described, f.n)} partners",
        ),
        f.item(
            f.sponsors == f.n,
            f"Sponsors exécutifs : {ratio(f.sponsors, f.n)}",
            f"Executive sponsors: {ratio(f.sponsors, f.n)}",
        ),
    ]


def _equilibrer(f: Facts) -> list[Evidence]:
    """The contributions valued, a benefit for each partner, the risks owned."""
    return [
        f.item(
            f.contributions > 0 and f.valued == f.contributions,
            f"Contributions valorisées : {f.total} ({ratio(f.valued, f.contributions)})",
            f"Valued contributions: {f.total} ({ratio(f.valued, f.contributions)})",
        ),
        f.item(
            f.with_benefit == f.n,
            f"Bénéfice attendu pour {ratio(f.with_benefit, f.n)} partenaires",
            f"Expected benefit for {ratio(f.with_benefit, f.n)} partners",
        ),
        f.item(
            bool(f.p.risks),
            f"Risques portés et attribués : {len(f.p.risks)}",
            f"Risks carried and owned: {len(f.p.risks)}",
        ),
    ]


def _formaliser(f: Facts) -> list[Evidence]:
    """The sharing written, the signatories' authority, the parties identified."""
    return [
        f.item(
            True,
            "Partage des coûts, propriété intellectuelle, communication, données "
            "personnelles : écrits",
            "Costs, intellectual property, communication, personal data sharing: written",
        ),
        f.item(
            f.signatories == f.n,
            f"Signataires avec pouvoir : {ratio(f.signatories, f.n)}",
            f"Signatories with authority: {ratio(f.signatories, f.n)}",
        ),
        f.item(
            f.identified == f.n,
            f"Parties identifiées (SIREN, SIRET, RNA) : {ratio(f.identified, f.n)}",
            f"Parties identified (SIREN, SIRET, RNA): {ratio(f.identified, f.n)}",
        ),
    ]


def _demarrer(f: Facts) -> list[Evidence]:
    """The referents named, the comité de pilotage seated, the milestones and Go/noGo."""
    return [
        f.item(
            f.referents == f.n,
            f"Référents nommés : {ratio(f.referents, f.n)}",
            f"Named referents: {ratio(f.referents, f.n)}",
        ),
        f.item(
            f.seated == f.n,
            f"Comité de pilotage tous les {f.meets_every_months} mois, "
            f"{ratio(f.seated, f.n)} partenaires avec voix",
            f"Steering committee every "
            f"{f.meets_every_months} months, {ratio(f.seated, f.n)} partners with a vote",
        ),
        f.item(
            f.milestones > 0 and f.gates > 0,
            f"Jalons : {f.milestones}, dont {f.gates} Go/noGo",
            f"Milestones: {f.milestones}, {f.gates} of them Go/noGo",
        ),
    ]


def _communiquer(f: Facts) -> list[Evidence]:
    """The rituals, every partner in one, the benefits comparable with what is felt."""
    benefits = len(f.p.benefits)
    return [
        f.item(
            bool(f.p.governance.rituals),
            f"Rituels : {len(f.p.governance.rituals)}",
            f"Rituals: {len(f.p.governance.rituals)}",
        ),
        f.item(
            f.in_ritual == f.n,
            f"Partenaires présents dans un rituel : {ratio(f.in_ritual, f.n)}",
            f"Partners in a ritual: {ratio(f.in_ritual, f.n)}",
        ),
        f.item(
            bool(f.p.benefits) and f.measured_benefits == benefits,
            "Bénéfices comparables au ressenti (valeur ou indicateur) : "
            f"{ratio(f.measured_benefits, benefits)}",
            "Benefits comparable with "
            f"what is perceived (value or indicator): "
            f"{ratio(f.measured_benefits, benefits)}",
        ),
    ]
