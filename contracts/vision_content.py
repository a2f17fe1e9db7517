"""Construire, mutual misunderstanding: the vision checked for what it says.

A vision can have every field filled and still mean different things to each partner: a
slogan for a statement, objectives without a figure or a date, "everyone" for beneficiaries.
Each rule below reads one part of the vision with the plain heuristics of
:mod:`contracts.wording` and states the heuristic in its finding, so that an officer knows
what to write to satisfy it.

Vagueness is a **warning**: a sponsor may still approve the vision, with a written reason
(:func:`approval_problem`). A vision that says nothing (a placeholder) or contradicts the
partnership's own term (an objective dated after its end) is **blocking**.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from coopact.contracts import wording
from coopact.contracts.finding_texts import Factor, Severity
from coopact.contracts.findings import Finding
from coopact.contracts.justification import justification_problem
from coopact.contracts.vision_texts import (
    BENEFICIARIES_EMPTY,
    BENEFICIARIES_VAGUE,
    MISSING,
    OBJECTIVE_EMPTY,
    OBJECTIVE_NOT_MEASURABLE,
    OBJECTIVE_OUTSIDE_TERM,
    OBJECTIVE_WITHOUT_CONTRIBUTION,
    STAKES_NOT_SERVED,
    STATEMENT_EMPTY,
    STATEMENT_VAGUE,
)
from coopact.schemas import Milestone, Partnership


@dataclass(frozen=True)
class VisionThresholds:
    """Where the vision content rules draw their lines; the defaults are the method's.

    ``min_statement_words``: a statement shorter than this cannot say what changes, for whom
    and where (a slogan is five words). ``min_milestone_words``: how many significant words
    an objective must share with a milestone to be measured by it. ``min_justification_chars``:
    the shortest written reason accepted to approve a vision with warnings.
    """

    min_statement_words: int = 12
    min_milestone_words: int = 2
    min_justification_chars: int = 20


DEFAULT_THRESHOLDS = VisionThresholds()

_PER_YEAR = re.compile(
    r"\b(par an|chaque annee|par annee|annuel\w*|per year|each year|a year|every year|"
    r"yearly|annual\w*|d ici la fin|au terme|by the end|fin du partenariat)\b"
)
_QUANTITY = re.compile(r"(\d+(?:[.,]\d+)?)\s*(%|[^\W\d_]{2,})", re.UNICODE)
_DURATION_UNITS = ("an", "ans", "annee", "annees", "year", "years", "yrs", "mois", "month")


def _missing(parts: Sequence[str], **values: object) -> dict[str, str]:
    return {
        "missing_fr": " ; ".join(MISSING[p][0].format(**values) for p in parts),
        "missing_en": "; ".join(MISSING[p][1].format(**values) for p in parts),
    }


def _finding(code: str, path: str, severity: Severity, **params: object) -> Finding:
    return Finding(code=code, severity=severity, factor=Factor.construire, path=path, params=params)


def statement_vague(
    partnership: Partnership, thresholds: VisionThresholds = DEFAULT_THRESHOLDS
) -> list[Finding]:
    """The statement says what changes (enough words), for whom and where.

    For whom: a population word, or a word shared with the beneficiaries. Where: a place in
    the statement or in the beneficiaries. A placeholder ("à définir", "TBD") blocks.
    """
    statement = partnership.vision.statement
    shown = wording.quoted(statement)
    if wording.is_placeholder(statement):
        return [_finding(STATEMENT_EMPTY, "vision.statement", Severity.blocking, statement=shown)]
    beneficiaries = partnership.vision.beneficiaries or ""
    count = wording.word_count(statement)
    missing = []
    if count < thresholds.min_statement_words:
        missing.append("what")
    if not wording.names_population(statement) and not (
        wording.stems(statement) & wording.stems(beneficiaries)
    ):
        missing.append("whom")
    if not wording.names_place(statement) and not wording.names_place(beneficiaries):
        missing.append("where")
    if not missing:
        return []
    return [
        _finding(
            STATEMENT_VAGUE,
            "vision.statement",
            Severity.warning,
            statement=shown,
            words=count,
            **_missing(missing, n=thresholds.min_statement_words),
        )
    ]


def measured_by(
    objective: str,
    milestones: Sequence[Milestone],
    thresholds: VisionThresholds = DEFAULT_THRESHOLDS,
) -> list[Milestone]:
    """The milestones with an indicator that take up ``objective`` (shared significant words)."""
    found = []
    for m in milestones:
        if m.indicator is None or m.indicator.target == m.indicator.baseline:
            continue
        common = wording.stems(objective) & wording.stems(f"{m.title} {m.indicator.name}")
        if len(common) >= thresholds.min_milestone_words:
            found.append(m)
    return found


def _whole(figure: str) -> int:
    return int(float(figure.replace(",", ".")))


def _horizons(objective: str) -> tuple[list[int], list[int]]:
    return wording.years(objective), wording.durations_in_months(objective)


def objective_not_measurable(
    partnership: Partnership, thresholds: VisionThresholds = DEFAULT_THRESHOLDS
) -> list[Finding]:
    """Each shared objective is measurable like a SMART milestone, or a milestone measures it.

    Measurable: a figure (not a year), a unit or population right after it ("60 personnes",
    "50 %"), and a date within the term (a year of the term, a duration no longer than the
    term, or "par an" / "per year"). A placeholder objective blocks.
    """
    start, end = partnership.start_date.year, partnership.end_date.year
    found = []
    for i, objective in enumerate(partnership.vision.shared_objectives):
        path = f"vision.shared_objectives[{i}]"
        shown = wording.quoted(objective)
        if wording.is_placeholder(objective):
            found.append(
                _finding(OBJECTIVE_EMPTY, path, Severity.blocking, number=i + 1, objective=shown)
            )
            continue
        year_list, months = _horizons(objective)
        quantities = [
            (number, unit)
            for number, unit in _QUANTITY.findall(objective)
            if _whole(number) not in year_list and wording.fold(unit) not in _DURATION_UNITS
        ]
        missing = []
        numbers = [f for f in wording.figures(objective) if _whole(f) not in year_list]
        if not quantities and not numbers:
            missing.append("figure")
        elif not quantities:
            missing.append("unit")
        dated = any(start <= y <= end for y in year_list) or any(
            m <= partnership.duration_months for m in months
        )
        if not dated and not _PER_YEAR.search(" ".join(wording.words(objective))):
            missing.append("date")
        if not missing or measured_by(objective, partnership.milestones, thresholds):
            continue
        found.append(
            _finding(
                OBJECTIVE_NOT_MEASURABLE,
                path,
                Severity.warning,
                objective=shown,
                min_words=thresholds.min_milestone_words,
                **_missing(missing, start=start, end=end),
            )
        )
    return found


def objective_outside_term(partnership: Partnership) -> list[Finding]:
    """An objective dated after the term (a year, or a duration longer than it) blocks: the
    vision promises what the agreement cannot cover."""
    start, end = partnership.start_date.year, partnership.end_date.year
    found = []
    for i, objective in enumerate(partnership.vision.shared_objectives):
        year_list, months = _horizons(objective)
        late_years = [y for y in year_list if y > end]
        long_months = [m for m in months if m > partnership.duration_months]
        if not late_years and not long_months:
            continue
        if late_years:
            horizon_fr, horizon_en = f"{max(late_years)}", f"{max(late_years)}"
        else:
            horizon_fr = f"{max(long_months)} mois"
            horizon_en = f"{max(long_months)} months"
        found.append(
            _finding(
                OBJECTIVE_OUTSIDE_TERM,
                f"vision.shared_objectives[{i}]",
                Severity.blocking,
                objective=wording.quoted(objective),
                horizon_fr=horizon_fr,
                horizon_en=horizon_en,
                start_year=start,
                end_year=end,
                months=partnership.duration_months,
            )
        )
    return found


def beneficiaries_vague(partnership: Partnership) -> list[Finding]:
    """The beneficiaries are a population (not "everyone") in a territory.

    A placeholder ("à définir") blocks; a missing population or territory is a warning.
    """
    beneficiaries = partnership.vision.beneficiaries
    if beneficiaries is None:
        return []  # vision.beneficiaries_missing says so
    shown = wording.quoted(beneficiaries)
    if wording.is_placeholder(beneficiaries):
        return [
            _finding(
                BENEFICIARIES_EMPTY,
                "vision.beneficiaries",
                Severity.blocking,
                beneficiaries=shown,
            )
        ]
    missing = []
    if wording.is_universal(beneficiaries) or not wording.names_population(beneficiaries):
        missing.append("population")
    if not wording.names_place(beneficiaries):
        missing.append("territory")
    if not missing:
        return []
    return [
        _finding(
            BENEFICIARIES_VAGUE,
            "vision.beneficiaries",
            Severity.warning,
            beneficiaries=shown,
            **_missing(missing),
        )
    ]


def objectives_serving(partnership: Partnership) -> dict[str, list[str]]:
    """For each partner key, the shared objectives that serve its stakes (shared word or
    theme), in the file's order."""
    objectives = partnership.vision.shared_objectives
    return {
        p.key: [o for o in objectives if any(wording.shared(stake, o) for stake in p.stakes)]
        for p in partnership.partners
    }


def stakes_not_served(partnership: Partnership) -> list[Finding]:
    """Every partner's stakes are served by at least one shared objective."""
    if not partnership.vision.shared_objectives:
        return []  # vision.objectives_missing says so
    serving = objectives_serving(partnership)
    return [
        _finding(
            STAKES_NOT_SERVED,
            f"partners[{i}].stakes",
            Severity.warning,
            partner=p.name,
            stakes_fr=" ; ".join(f"« {wording.quoted(s, 60)} »" for s in p.stakes),
            stakes_en="; ".join(f"“{wording.quoted(s, 60)}”" for s in p.stakes),
        )
        for i, p in enumerate(partnership.partners)
        if p.stakes and not serving[p.key]
    ]


def objective_without_contribution(
    partnership: Partnership, thresholds: VisionThresholds = DEFAULT_THRESHOLDS
) -> list[Finding]:
    """Every shared objective is served by at least one contribution: one shares a word or a
    theme with it, or a milestone measuring it is owned by a partner that contributes."""
    contributors = {c.partner for c in partnership.contributions}
    found = []
    for i, objective in enumerate(partnership.vision.shared_objectives):
        if wording.is_placeholder(objective):
            continue
        if any(wording.shared(objective, c.description) for c in partnership.contributions):
            continue
        milestones = measured_by(objective, partnership.milestones, thresholds)
        if any(m.owner in contributors for m in milestones):
            continue
        found.append(
            _finding(
                OBJECTIVE_WITHOUT_CONTRIBUTION,
                f"vision.shared_objectives[{i}]",
                Severity.warning,
                objective=wording.quoted(objective),
            )
        )
    return found


def check(
    partnership: Partnership, thresholds: VisionThresholds = DEFAULT_THRESHOLDS
) -> list[Finding]:
    """Every vision content finding, in rule order."""
    return [
        *statement_vague(partnership, thresholds),
        *objective_not_measurable(partnership, thresholds),
        *objective_outside_term(partnership),
        *beneficiaries_vague(partnership),
        *stakes_not_served(partnership),
        *objective_without_contribution(partnership, thresholds),
    ]


def approval_problem(
    findings: Sequence[Finding],
    outcome: str,
    reason: str,
    thresholds: VisionThresholds = DEFAULT_THRESHOLDS,
) -> str | None:
    """Why approving the vision is refused, or None: a vision with warnings (vagueness) is
    approved only with a written reason of ``min_justification_chars`` characters or more."""
    vision = [f for f in findings if f.code.startswith("vision.")]
    return justification_problem(
        vision,
        outcome,
        reason,
        what="the vision",
        min_chars=thresholds.min_justification_chars,
        why="why the sponsor accepts it as it is",
    )
