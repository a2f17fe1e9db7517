"""The method scorecard of one partnership, in the manner of the TPI Partnering Agreement
Scorecard: each of the method's 14 elements rated absent, partial or covered.

The 14 elements are the five success factors (Construire, Équilibrer, Formaliser, Démarrer,
Communiquer), the six difficulties (mutual misunderstanding, social value hard to evaluate,
power imbalance, wrong choice of partner, fatigue over time, mistrust), the two risks
(unbalanced compromise, loss of legitimacy and mission drift) and SMART milestones.

Each element lists its **evidence** (what the file states that addresses it, each item met
or not) and the **findings** behind it: those the rules find on the file now, plus those
stored by the stages (the agreement's, the last review's), so the card is recomputed at
every review. The rating:

- **absent**: no evidence item is met, or a blocking finding stands on the element;
- **covered**: every evidence item is met and no finding stands on it (whatever its
  severity: an element is never covered while a finding of it stands);
- **partial**: anything in between.

For the unbalanced compromise, the balance warnings accepted with a written justification
do not make the element absent, but it stays partial while they stand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from coopact.contracts import agreement_checks, balance, due_diligence, smart, vision
from coopact.contracts.clauses import ClauseLibrary
from coopact.contracts.communication import communication_findings
from coopact.contracts.communication_content import communication_content_findings
from coopact.contracts.finding_texts import Severity
from coopact.contracts.findings import Finding
from coopact.contracts.governance import governance_findings
from coopact.contracts.outcomes import outcome_findings
from coopact.contracts.qualification import service_not_partnership
from coopact.contracts.scorecard_evidence import element_evidence
from coopact.contracts.scorecard_facts import Evidence
from coopact.schemas import Partnership


class Rating(StrEnum):
    absent = "absent"
    partial = "partial"
    covered = "covered"


RATING_LABELS = {
    "fr": {Rating.absent: "absent", Rating.partial: "partiel", Rating.covered: "couvert"},
    "en": {Rating.absent: "absent", Rating.partial: "partial", Rating.covered: "covered"},
}
GROUP_LABELS = {
    "fr": {"factor": "facteur", "difficulty": "difficulté", "risk": "risque", "smart": "SMART"},
    "en": {"factor": "factor", "difficulty": "difficulty", "risk": "risk", "smart": "SMART"},
}

# key, group, French label, English label, codes (prefixes) of the findings behind it
ELEMENTS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    ("construire", "factor", "Construire", "Build", ("vision.",)),
    ("equilibrer", "factor", "Équilibrer", "Balance", ("balance.",)),
    ("formaliser", "factor", "Formaliser", "Formalise", ("agreement.",)),
    ("demarrer", "factor", "Démarrer", "Start", ("governance.", "smart.no_milestone")),
    (
        "communiquer",
        "factor",
        "Communiquer",
        "Communicate",
        ("communication.", "review.benefits_", "review.partner_not_heard"),
    ),
    (
        "mutual_misunderstanding",
        "difficulty",
        "Incompréhension mutuelle",
        "Mutual misunderstanding",
        (
            "vision.",
            "due_diligence.red_line_may_be_contradicted",
            "communication.red_line_crossed",
        ),
    ),
    (
        "social_value",
        "difficulty",
        "Valeur sociale difficile à évaluer",
        "Social value hard to evaluate",
        (
            "balance.contribution_not_valued",
            "balance.benefit_not_valued",
            "vision.objective_not_measurable",
            "smart.indicator_missing",
            "smart.milestone_measures_one_partner",
            "smart.objective_without_milestone",
        ),
    ),
    (
        "power_imbalance",
        "difficulty",
        "Déséquilibre de pouvoir",
        "Power imbalance",
        (
            "balance.power_imbalance",
            "balance.decides_alone",
            "balance.dependency",
            "governance.sole_decider",
            "governance.seat_without_vote",
            "governance.decides_alone_without_safeguard",
            "governance.deadlock_last_word",
            "governance.member_placeholder",
        ),
    ),
    (
        "wrong_partner",
        "difficulty",
        "Mauvais choix de partenaire",
        "Wrong choice of partner",
        ("due_diligence.", "qualification.", "constraints."),
    ),
    (
        "fatigue",
        "difficulty",
        "Usure dans le temps",
        "Fatigue over time",
        (
            "review.ritual_",
            "review.indicator_",
            "review.milestone_overdue",
            "review.engagement_falling",
            "review.health_check_missing",
            "review.condition_not_met",
            "governance.referent_placeholder",
            "governance.one_person_holds_every_role",
        ),
    ),
    (
        "mistrust",
        "difficulty",
        "Défiance",
        "Mistrust",
        (
            "review.trust_falling",
            "review.one_sided_answers",
            "review.partner_not_heard",
            "communication.not_shared",
        ),
    ),
    (
        "unbalanced_compromise",
        "risk",
        "Compromis déséquilibré",
        "Unbalanced compromise",
        ("balance.",),
    ),
    (
        "mission_drift",
        "risk",
        "Perte de légitimité, dérive de la mission",
        "Loss of legitimacy, mission drift",
        (
            "review.red_line_crossed",
            "review.mission_not_served",
            "balance.dependency",
            "qualification.service_not_partnership",
            "communication.red_line_crossed",
        ),
    ),
    ("smart", "smart", "Jalons SMART", "SMART milestones", ("smart.",)),
)


@dataclass(frozen=True)
class ElementScore:
    key: str
    group: str
    label: str
    rating: Rating
    evidence: tuple[Evidence, ...]
    findings: tuple[Finding, ...]

    def as_dict(self, language: str) -> dict[str, Any]:
        return {
            "element": self.key,
            "group": self.group,
            "label": self.label,
            "rating": self.rating.value,
            "rating_label": RATING_LABELS[language][self.rating],
            "evidence": [{"met": e.met, "text": e.text} for e in self.evidence],
            "findings": [
                {"code": f.code, "severity": f.severity.value, "text": f.text(language)}
                for f in self.findings
            ],
        }


def file_findings(partnership: Partnership, clauses: ClauseLibrary) -> list[Finding]:
    """What the rules find on the file itself, whatever stage it is at (SMART as warnings);
    ``clauses``: the clause library the agreement is written from."""
    return [
        *vision.check(partnership),
        *due_diligence.check(partnership),
        *balance.check(partnership),
        *agreement_checks.completeness(partnership, clauses=clauses),
        *smart.smart_findings(partnership),
        *governance_findings(partnership),
        *communication_findings(partnership),
        *communication_content_findings(partnership),
        *outcome_findings(partnership),
        *service_not_partnership(partnership),
    ]


_ORDER = {Severity.blocking: 0, Severity.warning: 1, Severity.info: 2}


def _merged(found: Sequence[Finding], stored: Sequence[Finding]) -> list[Finding]:
    """One finding per (code, path), the most serious kept, stored ones first."""
    kept: dict[tuple[str, str], Finding] = {}
    for f in [*stored, *found]:
        key = (f.code, f.path)
        if key not in kept or _ORDER[f.severity] < _ORDER[kept[key].severity]:
            kept[key] = f
    return list(kept.values())


def scorecard(
    partnership: Partnership,
    stored: Sequence[Finding] = (),
    language: str = "fr",
    *,
    clauses: ClauseLibrary,
    balance_accepted: bool = False,
) -> list[ElementScore]:
    """The 14 elements of the method, rated, with their evidence and findings."""
    findings = _merged(file_findings(partnership, clauses), stored)
    evidence = element_evidence(partnership, language, balance_accepted)
    scores = []
    for key, group, fr, en, codes in ELEMENTS:
        behind = tuple(
            sorted(
                (f for f in findings if f.code.startswith(codes)),
                key=lambda f: _ORDER[f.severity],
            )
        )
        items = tuple(evidence[key])
        # Accepted balance warnings (with their written justification) do not make the
        # unbalanced compromise absent, but no element is covered while a finding stands.
        lowering = () if key == "unbalanced_compromise" and balance_accepted else behind
        if any(f.severity is Severity.blocking for f in lowering) or not any(e.met for e in items):
            rating = Rating.absent
        elif all(e.met for e in items) and not behind:
            rating = Rating.covered
        else:
            rating = Rating.partial
        scores.append(
            ElementScore(key, group, fr if language == "fr" else en, rating, items, behind)
        )
    return scores


def as_json(scores: Sequence[ElementScore], language: str) -> list[dict[str, Any]]:
    return [s.as_dict(language) for s in scores]
