"""SMART milestones (Démarrer): Specific, Measurable, Achievable, Realistic, Time-bound.

Each letter is checked by one function below; :func:`smart_findings` runs them all on every
milestone. The same rules serve twice: as warnings when a partnership is registered (the
officer can still fix the file), and as blocking findings before the agreement is drafted
(``blocking=True``): a convention de partenariat does not commit partners to vague goals.

Every finding names the letters it breaks in ``params["letters"]`` (e.g. ``"M"``) and the
field path it is about (``milestones[0].indicator``).

What each letter means here, kept simple on purpose:

- **S**pecific: the title says what is achieved, in at least
  :attr:`SmartThresholds.min_title_words` words ("Améliorer l'insertion" is two words: an
  intention, not a milestone). Words are separated by spaces, so an elided article
  ("l'insertion") counts with its noun. The owner is a partner of the file (the schema
  already refuses an unknown owner).
- **M**easurable: an indicator with a unit, a baseline and a target (the schema requires
  all three once an indicator is given), and a target that differs from the baseline.
- **A**chievable: the target stays within :attr:`SmartThresholds.max_growth_multiple` times
  the baseline. From a baseline of 0 no multiple applies: the target must stay under the
  absolute sanity cap :attr:`SmartThresholds.zero_baseline_cap`, for a head-count only: a
  target is judged against its unit, and hours, euros or m² are not head-counts
  (:attr:`SmartThresholds.quantity_units`). A percentage target cannot
  exceed 100. Beyond these, a written ``justification`` on the milestone is required.
  Decreases are not bounded (a count cannot fall below zero anyway).
- **R**ealistic: the owner has means to deliver: it brings a contribution to the
  partnership, or it has named a referent.
- **T**ime-bound: due strictly after the start date and no later than the end of the term.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.schemas import Milestone, Partnership

SMART_ORDER = "SMART"

NO_MILESTONE = message(
    "smart.no_milestone",
    fr="Aucun jalon n'est défini : le démarrage du partenariat doit reposer sur des jalons "
    "SMART (indicateur, unité, valeur de départ, cible, échéance, porteur).",
    en="No milestone is defined: starting the partnership needs SMART milestones "
    "(indicator, unit, baseline, target, due date, owner).",
)
TITLE_VAGUE = message(
    "smart.title_vague",
    fr="Le jalon {milestone} « {title} » n'est pas spécifique ({letters}) : son intitulé doit "
    "dire ce qui sera atteint, en au moins {min_words} mots.",
    en='Milestone {milestone} "{title}" is not specific ({letters}): its title must say what '
    "will be achieved, in at least {min_words} words.",
)
INDICATOR_MISSING = message(
    "smart.indicator_missing",
    fr="Le jalon {milestone} « {title} » n'est pas mesurable ({letters}) : il n'a pas "
    "d'indicateur avec unité, valeur de départ et cible.",
    en='Milestone {milestone} "{title}" is not measurable ({letters}): it has no indicator '
    "with a unit, a baseline and a target.",
)
TARGET_EQUALS_BASELINE = message(
    "smart.target_equals_baseline",
    fr="Le jalon {milestone} « {title} » n'est pas mesurable ({letters}) : la cible "
    "({target} {unit}) est égale à la valeur de départ.",
    en='Milestone {milestone} "{title}" is not measurable ({letters}): the target '
    "({target} {unit}) equals the baseline.",
)
TARGET_BEYOND_MULTIPLE = message(
    "smart.target_beyond_multiple",
    fr="Le jalon {milestone} « {title} » paraît hors d'atteinte ({letters}) : la cible "
    "({target} {unit}) dépasse {multiple} fois la valeur de départ ({baseline} {unit}). "
    "Justifiez-la par écrit (justification) ou révisez-la.",
    en='Milestone {milestone} "{title}" looks out of reach ({letters}): the target '
    "({target} {unit}) is more than {multiple} times the baseline ({baseline} {unit}). "
    "Justify it in writing (justification) or revise it.",
)
TARGET_BEYOND_CAP = message(
    "smart.target_beyond_cap",
    fr="Le jalon {milestone} « {title} » paraît hors d'atteinte ({letters}) : partant de "
    "{baseline} {unit}, la cible ({target} {unit}) dépasse le plafond de vraisemblance "
    "({cap} {unit}). Justifiez-la par écrit (justification) ou révisez-la.",
    en='Milestone {milestone} "{title}" looks out of reach ({letters}): starting from '
    "{baseline} {unit}, the target ({target} {unit}) exceeds the sanity cap ({cap} {unit}). "
    "Justify it in writing (justification) or revise it.",
)
OWNER_WITHOUT_MEANS = message(
    "smart.owner_without_means",
    fr="Le jalon {milestone} « {title} » n'est pas réaliste en l'état ({letters}) : son "
    "porteur, {owner}, n'apporte aucune contribution et n'a pas désigné de référent.",
    en='Milestone {milestone} "{title}" is not realistic as it stands ({letters}): its '
    "owner, {owner}, brings no contribution and has named no referent.",
)
DUE_OUTSIDE_TERM = message(
    "smart.due_outside_term",
    fr="Le jalon {milestone} « {title} » n'est pas borné dans le temps ({letters}) : son "
    "échéance ({due}) doit tomber après le début du partenariat ({start}) et au plus tard "
    "à son terme ({end}).",
    en='Milestone {milestone} "{title}" is not time-bound ({letters}): its due date ({due}) '
    "must fall after the start of the partnership ({start}) and no later than its end ({end}).",
)


@dataclass(frozen=True)
class SmartThresholds:
    """The limits of the Achievable and Specific checks; pass your own to change them.

    ``max_growth_multiple``: a target above this multiple of a non-zero baseline needs a
    written justification (3: tripling over the term is ambitious but credible).
    ``zero_baseline_cap``: from a baseline of 0, a target above this absolute value needs a
    justification (a multiple of 0 means nothing).
    ``percent_units``: units read as percentages, whose target cannot exceed 100.
    """

    min_title_words: int = 3
    max_growth_multiple: Decimal = Decimal(3)
    zero_baseline_cap: Decimal = Decimal(1000)
    percent_units: frozenset[str] = field(
        default_factory=lambda: frozenset({"%", "pourcent", "pour cent", "pourcentage", "percent"})
    )
    # Units of a quantity rather than a head-count (hours, euros, m²...): the absolute cap
    # of ``zero_baseline_cap`` means nothing for them (2,000 hours of tutoring is ordinary).
    quantity_units: frozenset[str] = field(
        default_factory=lambda: frozenset(
            [
                "h",
                "heure",
                "heures",
                "hour",
                "hours",
                "jour",
                "jours",
                "day",
                "days",
                "eur",
                "euro",
                "euros",
                "€",
                "k€",
                "m2",
                "m²",
                "m3",
                "km",
                "kg",
                "t",
                "tonne",
                "tonnes",
                "ton",
                "tons",
                "kwh",
                "mwh",
                "litre",
                "litres",
                "l",
                "minute",
                "minutes",
                "repas",
                "meals",
                "km2",
                "ha",
                "hectare",
                "hectares",
            ]
        )
    )


DEFAULT_THRESHOLDS = SmartThresholds()


def _finding(
    code: str,
    letters: str,
    index: int,
    milestone: Milestone,
    path: str,
    severity: Severity,
    **params: object,
) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        factor=Factor.demarrer,
        path=f"milestones[{index}]{path}",
        params={"letters": letters, "milestone": milestone.key, "title": milestone.title, **params},
    )


def _number(value: Decimal) -> str:
    """A decimal as an officer writes it: 15, not 15.00 nor 1.5E+1."""
    text = format(value.normalize(), "f")
    return text


def specific(
    partnership: Partnership,
    index: int,
    milestone: Milestone,
    severity: Severity,
    thresholds: SmartThresholds = DEFAULT_THRESHOLDS,
) -> list[Finding]:
    """S: the title states what is achieved, in at least ``min_title_words`` words."""
    words = [w for w in milestone.title.split() if any(c.isalnum() for c in w)]
    if len(words) >= thresholds.min_title_words:
        return []
    return [
        _finding(
            TITLE_VAGUE,
            "S",
            index,
            milestone,
            ".title",
            severity,
            min_words=thresholds.min_title_words,
        )
    ]


def measurable(
    partnership: Partnership,
    index: int,
    milestone: Milestone,
    severity: Severity,
    thresholds: SmartThresholds = DEFAULT_THRESHOLDS,
) -> list[Finding]:
    """M: an indicator with unit, baseline and target; the target differs from the baseline."""
    indicator = milestone.indicator
    if indicator is None:
        return [_finding(INDICATOR_MISSING, "M", index, milestone, ".indicator", severity)]
    if indicator.target == indicator.baseline:
        return [
            _finding(
                TARGET_EQUALS_BASELINE,
                "M",
                index,
                milestone,
                ".indicator.target",
                severity,
                target=_number(indicator.target),
                unit=indicator.unit,
            )
        ]
    return []


def achievable(
    partnership: Partnership,
    index: int,
    milestone: Milestone,
    severity: Severity,
    thresholds: SmartThresholds = DEFAULT_THRESHOLDS,
) -> list[Finding]:
    """A: the target is within reach of the baseline, or a written justification is given."""
    indicator = milestone.indicator
    if indicator is None or milestone.justification is not None:
        return []
    baseline, target = indicator.baseline, indicator.target
    numbers = {
        "target": _number(target),
        "baseline": _number(baseline),
        "unit": indicator.unit,
    }
    if indicator.unit.strip().lower() in thresholds.percent_units and target > 100:
        return [
            _finding(
                TARGET_BEYOND_CAP,
                "A",
                index,
                milestone,
                ".indicator.target",
                severity,
                cap="100",
                **numbers,
            )
        ]
    if baseline == 0:
        quantity = indicator.unit.strip().lower() in thresholds.quantity_units
        if not quantity and abs(target) > thresholds.zero_baseline_cap:
            return [
                _finding(
                    TARGET_BEYOND_CAP,
                    "A",
                    index,
                    milestone,
                    ".indicator.target",
                    severity,
                    cap=_number(thresholds.zero_baseline_cap),
                    **numbers,
                )
            ]
        return []
    if abs(target) > thresholds.max_growth_multiple * abs(baseline):
        return [
            _finding(
                TARGET_BEYOND_MULTIPLE,
                "A",
                index,
                milestone,
                ".indicator.target",
                severity,
                multiple=_number(thresholds.max_growth_multiple),
                **numbers,
            )
        ]
    return []


def realistic(
    partnership: Partnership,
    index: int,
    milestone: Milestone,
    severity: Severity,
    thresholds: SmartThresholds = DEFAULT_THRESHOLDS,
) -> list[Finding]:
    """R: the owner brings a contribution to the partnership or has named a referent."""
    owner = next((p for p in partnership.partners if p.key == milestone.owner), None)
    if owner is None:  # the schema refuses unknown owners; nothing more to say here
        return []
    contributes = any(c.partner == owner.key for c in partnership.contributions)
    if contributes or owner.referent is not None:
        return []
    return [
        _finding(OWNER_WITHOUT_MEANS, "R", index, milestone, ".owner", severity, owner=owner.name)
    ]


def time_bound(
    partnership: Partnership,
    index: int,
    milestone: Milestone,
    severity: Severity,
    thresholds: SmartThresholds = DEFAULT_THRESHOLDS,
) -> list[Finding]:
    """T: due strictly after the start date and no later than the last day of the term."""
    start, end = partnership.start_date, partnership.end_date
    if start < milestone.due <= end:
        return []
    return [
        _finding(
            DUE_OUTSIDE_TERM,
            "T",
            index,
            milestone,
            ".due",
            severity,
            due=milestone.due.isoformat(),
            start=start.isoformat(),
            end=end.isoformat(),
        )
    ]


RULES = (specific, measurable, achievable, realistic, time_bound)


def has_milestones(partnership: Partnership, severity: Severity) -> list[Finding]:
    """The partnership states at least one milestone."""
    if partnership.milestones:
        return []
    return [
        Finding(
            code=NO_MILESTONE,
            severity=severity,
            factor=Factor.demarrer,
            path="milestones",
            params={"letters": SMART_ORDER},
        )
    ]


def smart_findings(
    partnership: Partnership,
    *,
    blocking: bool = False,
    thresholds: SmartThresholds = DEFAULT_THRESHOLDS,
) -> list[Finding]:
    """Every SMART finding on the milestones: warnings, or blocking before the agreement."""
    severity = Severity.blocking if blocking else Severity.warning
    findings = has_milestones(partnership, severity)
    for index, milestone in enumerate(partnership.milestones):
        for rule in RULES:
            findings.extend(rule(partnership, index, milestone, severity, thresholds))
    return findings


def letters_broken(findings: list[Finding], milestone_key: str) -> str:
    """The SMART letters the findings say ``milestone_key`` breaks, in SMART order ("S, M")."""
    broken = {
        letter
        for f in findings
        if f.code.startswith("smart.") and f.params.get("milestone") == milestone_key
        for letter in str(f.params.get("letters", ""))
    }
    return ", ".join(letter for letter in SMART_ORDER if letter in broken)
