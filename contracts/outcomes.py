"""Milestones follow the shared outcomes (Démarrer, SMART, social value).

SMART milestones can all pass their letters and still measure the wrong thing: a partner's
own activity (its staff hours, its press coverage) rather than what changes for the
beneficiaries, or a target the vision's own figures contradict. Three rules, all warnings
(a human judges; the officer corrects the file):

- every shared objective is followed by at least one milestone that measures it (shared
  words with its title or indicator, or the same unit as the objective's figure):
  :func:`objective_without_milestone`;
- a milestone that measures only one partner's own activity or benefit (hours, days,
  press, visibility, the partner's own name) and no shared objective:
  :func:`milestone_measures_one_partner`;
- a milestone's target beyond the figure of the objective it measures, in the same unit
  (200 entries when the vision promises 60 over the term; 90 % when it says 50 %):
  :func:`target_inconsistent_with_vision`;
- a target that asks a pace :data:`PACE_MULTIPLE` times faster than the vision's (50 of
  the 60 entries promised over three years, in the first three months):
  :func:`target_pace_impossible`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from coopact.contracts import wording
from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.contracts.vision_content import measured_by
from coopact.schemas import Milestone, Partnership

OBJECTIVE_WITHOUT_MILESTONE = message(
    "smart.objective_without_milestone",
    fr="L'objectif commun « {objective} » n'est suivi par aucun jalon : aucun indicateur ne "
    "dira aux revues ce qu'il est advenu pour les bénéficiaires.",
    en='The shared objective "{objective}" is followed by no milestone: no indicator will '
    "tell the reviews what became of it for the beneficiaries.",
)
ONE_PARTNER = message(
    "smart.milestone_measures_one_partner",
    fr="Le jalon {milestone} « {title} » mesure l'activité propre de {partner} (« {indicator} », "
    "en {unit}), non un objectif commun pour les bénéficiaires.",
    en='Milestone {milestone} "{title}" measures {partner}\'s own activity ("{indicator}", in '
    "{unit}), not a shared objective for the beneficiaries.",
)
TARGET_INCONSISTENT = message(
    "smart.target_inconsistent_with_vision",
    fr="La cible du jalon {milestone} « {title} » ({target} {unit} au {due}) dépasse ce que "
    "la vision promet sur tout le partenariat (« {objective} » : {figure} {unit}).",
    en='The target of milestone {milestone} "{title}" ({target} {unit} by {due}) exceeds '
    'what the vision promises over the whole partnership ("{objective}": {figure} {unit}).',
)

# What measures a partner's own activity or image rather than an outcome for beneficiaries.
_OWN_UNITS = frozenset(
    [
        "heure",
        "heures",
        "h",
        "jour",
        "jours",
        "journee",
        "journees",
        "hours",
        "hour",
        "days",
        "day",
        "eur",
        "euros",
        "€",
        "k€",
    ]
)
_OWN_WORDS = (
    "presse",
    "press",
    "media",
    "article",
    "visibilit",
    "notoriet",
    "retombee",
    "communique",
    "abonne",
    "followers",
    "impression",
    "benevol",
    "volunteer",
    "salaries de",
    "staff",
    "employees of",
    "collaborateurs",
    "mobilis",
    "linkedin",
    "reseaux sociaux",
    "social media",
    "engagement des salaries",
    "employee engagement",
)
# A figure with its thousands grouped or not ("40,000", "40 000", "1.5") and its unit.
_QUANTITY = re.compile(
    r"(\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?![\d])|\d+(?:[.,]\d+)?)\s*(%|[^\W\d_]{2,})",
    re.UNICODE,
)
_GROUPED = re.compile(r"^\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+$")


def _finding(code: str, path: str, **params: object) -> Finding:
    return Finding(
        code=code, severity=Severity.warning, factor=Factor.demarrer, path=path, params=params
    )


def _unit(text: str) -> str:
    folded = " ".join(wording.words(text)) or text.strip()
    if text.strip() in ("%",) or folded in ("pourcent", "pour cent", "percent", "pourcentage"):
        return "%"
    return folded[:-1] if folded.endswith("s") else folded


def quantities(objective: str) -> list[tuple[Decimal, str]]:
    """The figures of an objective with the unit right after them (``60 personnes``)."""
    years = set(wording.years(objective))
    found = []
    for number, unit in _QUANTITY.findall(objective):
        grouped = _GROUPED.match(number)
        value = Decimal(re.sub(r"\D", "", number) if grouped else number.replace(",", "."))
        if int(value) in years or wording.fold(unit) in ("an", "ans", "mois", "year", "years"):
            continue
        found.append((value, _unit(unit)))
    return found


def _follows(objective: str, milestone: Milestone) -> bool:
    if milestone.indicator is None:
        return False
    if measured_by(objective, [milestone]):
        return True
    unit = _unit(milestone.indicator.unit)
    return any(u == unit and u != "%" for _, u in quantities(objective))


def objective_without_milestone(partnership: Partnership) -> list[Finding]:
    """Every shared objective is followed by a milestone that measures it."""
    if not partnership.milestones:
        return []  # smart.no_milestone says so
    return [
        _finding(
            OBJECTIVE_WITHOUT_MILESTONE,
            f"vision.shared_objectives[{i}]",
            objective=wording.quoted(objective),
        )
        for i, objective in enumerate(partnership.vision.shared_objectives)
        if not wording.is_placeholder(objective)
        and not any(_follows(objective, m) for m in partnership.milestones)
    ]


def _own_activity(partnership: Partnership, milestone: Milestone) -> bool:
    indicator = milestone.indicator
    if indicator is None:
        return False
    text = " ".join(wording.words(f"{milestone.title} {indicator.name}"))
    if _unit(indicator.unit) in _OWN_UNITS or wording.fold(indicator.unit) in _OWN_UNITS:
        return True
    return any(word in text for word in _OWN_WORDS)


def milestone_measures_one_partner(partnership: Partnership) -> list[Finding]:
    """A milestone measures a shared outcome, not one partner's own activity or image."""
    found = []
    for i, milestone in enumerate(partnership.milestones):
        if milestone.indicator is None or not _own_activity(partnership, milestone):
            continue
        if any(_follows(o, milestone) for o in partnership.vision.shared_objectives):
            continue
        found.append(
            _finding(
                ONE_PARTNER,
                f"milestones[{i}]",
                milestone=milestone.key,
                title=milestone.title,
                partner=partnership.partner(milestone.owner).name,
                indicator=milestone.indicator.name,
                unit=milestone.indicator.unit,
            )
        )
    return found


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def target_inconsistent_with_vision(partnership: Partnership) -> list[Finding]:
    """A milestone's target does not exceed the figure of the objective it measures, in the
    same unit (the vision's figure is what the whole term promises)."""
    found = []
    for i, milestone in enumerate(partnership.milestones):
        indicator = milestone.indicator
        if indicator is None or indicator.target <= indicator.baseline:
            continue
        unit = _unit(indicator.unit)
        for objective in partnership.vision.shared_objectives:
            if not measured_by(objective, [milestone]):
                continue
            figures = [value for value, u in quantities(objective) if u == unit]
            if figures and indicator.target > max(figures):
                found.append(
                    _finding(
                        TARGET_INCONSISTENT,
                        f"milestones[{i}].indicator.target",
                        milestone=milestone.key,
                        title=milestone.title,
                        target=_number(indicator.target),
                        unit=indicator.unit,
                        due=milestone.due.isoformat(),
                        objective=wording.quoted(objective),
                        figure=_number(max(figures)),
                    )
                )
                break
    return found


TARGET_PACE = message(
    "smart.target_pace_impossible",
    fr="La cible du jalon {milestone} « {title} » ({target} {unit} au {due}, {months} mois après "
    "le début) demande un rythme {multiple} fois plus rapide que celui de la vision "
    "(« {objective} » : {figure} {unit} en {horizon} mois, soit {expected} {unit} à cette date) "
    ": intenable dans le temps donné, sauf justification.",
    en='The target of milestone {milestone} "{title}" ({target} {unit} by {due}, {months} months '
    "after the start) asks a pace {multiple} times faster than the vision's "
    '("{objective}": {figure} {unit} in {horizon} months, {expected} {unit} by then): out '
    "of reach in the time given, unless justified.",
)

# A milestone may run ahead of the vision's pace, not this many times ahead of it.
PACE_MULTIPLE = Decimal(3)
_PER_YEAR = ("par an", "chaque annee", "per year", "each year", "a year", "every year")


def _horizon_months(partnership: Partnership, objective: str) -> int:
    """Over how many months the objective's figure is promised: a duration it states, a
    year for "par an", else the whole term."""
    said = " ".join(wording.words(objective))
    if any(phrase in said for phrase in _PER_YEAR):
        return 12
    durations = wording.durations_in_months(objective)
    return max(durations) if durations else partnership.duration_months


def _months_after_start(partnership: Partnership, milestone: Milestone) -> Decimal:
    return Decimal((milestone.due - partnership.start_date).days) / Decimal("30.4375")


def target_pace_impossible(partnership: Partnership) -> list[Finding]:
    """A milestone's target, in the unit of the objective it measures, does not ask a pace
    :data:`PACE_MULTIPLE` times faster than the vision's (unless justified in writing)."""
    found = []
    for i, milestone in enumerate(partnership.milestones):
        indicator = milestone.indicator
        if indicator is None or milestone.justification or indicator.target <= indicator.baseline:
            continue
        unit = _unit(indicator.unit)
        if unit == "%":
            continue  # a rate, not an amount accumulated over time
        months = _months_after_start(partnership, milestone)
        for objective in partnership.vision.shared_objectives:
            figures = [value for value, u in quantities(objective) if u == unit]
            if not figures or not measured_by(objective, [milestone]):
                continue
            horizon = _horizon_months(partnership, objective)
            expected = max(figures) * min(months / horizon, Decimal(1))
            gained = indicator.target - indicator.baseline
            if expected <= 0 or gained <= PACE_MULTIPLE * expected or gained > max(figures):
                break  # beyond the figure itself: target_inconsistent_with_vision says so
            found.append(
                _finding(
                    TARGET_PACE,
                    f"milestones[{i}].indicator.target",
                    milestone=milestone.key,
                    title=milestone.title,
                    target=_number(indicator.target),
                    unit=indicator.unit,
                    due=milestone.due.isoformat(),
                    months=int(months.quantize(Decimal(1))),
                    objective=wording.quoted(objective),
                    figure=_number(max(figures)),
                    horizon=horizon,
                    expected=_number(expected.quantize(Decimal(1))),
                    multiple=_number((gained / expected).quantize(Decimal(1))),
                )
            )
            break
    return found


RULES = (
    objective_without_milestone,
    milestone_measures_one_partner,
    target_inconsistent_with_vision,
    target_pace_impossible,
)


def outcome_findings(partnership: Partnership) -> list[Finding]:
    """Every finding on whether the milestones follow the shared outcomes (warnings)."""
    return [finding for rule in RULES for finding in rule(partnership)]
