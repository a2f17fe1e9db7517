"""Felt and measured, at every review (Communiquer: real and perceived benefits; fatigue).

A health check where every partner answers "met" says little when the indicators those
benefits name stand at a third of their target past their date. The rules below compare,
at each review, what each partner says it feels with what the indicators measure, and read
the indicators themselves before their due date:

- :func:`benefits_felt_not_measured`: a partner's answer on its expected benefits against
  the milestones' indicators its benefits name (a benefit's ``indicator``, or two words of
  its description in a milestone's title or indicator): "met" while such an indicator has
  covered less than ``felt_gap_share`` of its way past its due date, or stands below its
  baseline; or "not met" while every such indicator is reached. Each finding names both
  figures;
- :func:`indicator_below_baseline`: an indicator that went the wrong way (below its
  baseline for a target above it), before its due date;
- :func:`indicator_off_trajectory`: once ``trajectory_from`` of a milestone's time has
  passed, an indicator that covered less than ``trajectory_min_share`` of the way a
  straight line from baseline (at the start) to target (at the due date) asks.

All are warnings: the comité de pilotage looks, and decides.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from coopact.contracts import wording
from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.schemas import Benefit, Milestone, Partnership
from coopact.schemas.review import Perceived

if TYPE_CHECKING:
    from coopact.contracts.review_check import HealthCheck

FELT_NOT_MEASURED = message(
    "review.benefits_felt_not_measured",
    fr="{partner} répond « {perceived_fr} » sur ses bénéfices attendus ({benefit}), mais "
    "l'indicateur « {indicator} » du jalon {milestone} en est à {value} {unit} pour une "
    "cible de {target} {unit} (départ : {baseline}) {when_fr} : le ressenti et la mesure "
    "divergent.",
    en='{partner} answers "{perceived_en}" on its expected benefits ({benefit}), but the '
    'indicator "{indicator}" of milestone {milestone} stands at {value} {unit} for a target '
    "of {target} {unit} (baseline: {baseline}) {when_en}: what is felt and what is measured "
    "differ.",
)
BELOW_BASELINE = message(
    "review.indicator_below_baseline",
    fr="L'indicateur « {indicator} » du jalon {milestone} est repassé sous sa valeur de "
    "départ : {value} {unit} pour un départ de {baseline} et une cible de {target} {unit} "
    "au {due}.",
    en='The indicator "{indicator}" of milestone {milestone} fell below its baseline: '
    "{value} {unit} for a baseline of {baseline} and a target of {target} {unit} by {due}.",
)
OFF_TRAJECTORY = message(
    "review.indicator_off_trajectory",
    fr="L'indicateur « {indicator} » du jalon {milestone} en est à {value} {unit} alors que "
    "sa trajectoire (de {baseline} au début à {target} {unit} au {due}) en demande environ "
    "{expected} à cette date : l'échéance ne sera pas tenue sans correction.",
    en='The indicator "{indicator}" of milestone {milestone} stands at {value} {unit} while '
    "its trajectory (from {baseline} at the start to {target} {unit} by {due}) asks about "
    "{expected} by now: the due date will be missed without a correction.",
)

_PERCEIVED = {
    Perceived.met: ("atteints", "met"),
    Perceived.partly: ("en partie", "partly"),
    Perceived.not_met: ("non atteints", "not met"),
}


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _progress(milestone: Milestone, value: Decimal) -> Decimal | None:
    """The share of the way from baseline to target covered by ``value`` (may be < 0)."""
    indicator = milestone.indicator
    if indicator is None or indicator.target == indicator.baseline:
        return None
    return (value - indicator.baseline) / (indicator.target - indicator.baseline)


def named_milestones(partnership: Partnership, benefit: Benefit) -> list[Milestone]:
    """The milestones whose indicator a benefit names: its ``indicator`` (same name, or two
    significant words in common), or two words of its description."""
    found = []
    for m in partnership.milestones:
        if m.indicator is None:
            continue
        theirs = wording.stems(f"{m.title} {m.indicator.name}")
        if benefit.indicator is not None:
            same = wording.fold(benefit.indicator) == wording.fold(m.indicator.name)
            if same or len(wording.stems(benefit.indicator) & theirs) >= 2:
                found.append(m)
        elif len(wording.stems(benefit.description) & theirs) >= 2:
            found.append(m)
    return found


def _figures(milestone: Milestone, value: Decimal) -> dict[str, object]:
    indicator = milestone.indicator
    assert indicator is not None
    return {
        "milestone": milestone.key,
        "indicator": indicator.name,
        "value": _number(value),
        "unit": indicator.unit,
        "baseline": _number(indicator.baseline),
        "target": _number(indicator.target),
        "due": milestone.due.isoformat(),
    }


def _gap(check: HealthCheck, perceived: Perceived, milestones: list[Milestone]) -> Milestone | None:
    """The first named milestone whose measure contradicts the answer, or None."""
    reported = [
        (m, check.answers.milestones[m.key].value)
        for m in milestones
        if m.key in check.answers.milestones
    ]
    share = check.thresholds.felt_gap_share
    if perceived is Perceived.met:
        for m, value in reported:
            progress = _progress(m, value)
            if progress is None:
                continue
            if progress < 0 or (m.due < check.review_date and progress < share):
                return m
        return None
    reached = all((p := _progress(m, v)) is not None and p >= 1 for m, v in reported)
    if perceived is Perceived.not_met and reported and reached:
        return reported[0][0]
    return None


def benefits_felt_not_measured(check: HealthCheck) -> list[Finding]:
    """What each partner says it feels of its benefits matches the indicators they name."""
    partnership = check.partnership
    found = []
    for i, partner in enumerate(partnership.partners):
        answer = check.answers.partners.get(partner.key)
        if answer is None:
            continue
        benefits = [b for b in partnership.benefits if b.partner == partner.key]
        milestones = list(
            {m.key: m for b in benefits for m in named_milestones(partnership, b)}.values()
        )
        perceived = answer.benefits.perceived
        gap = _gap(check, perceived, milestones)
        if gap is None:
            continue
        past = gap.due < check.review_date
        found.append(
            Finding(
                code=FELT_NOT_MEASURED,
                severity=Severity.warning,
                factor=Factor.communiquer,
                path=f"partners[{i}]",
                params={
                    **_figures(gap, check.answers.milestones[gap.key].value),
                    "partner": partner.name,
                    "partner_key": partner.key,
                    "benefit": "; ".join(b.description for b in benefits),
                    "perceived_fr": _PERCEIVED[perceived][0],
                    "perceived_en": _PERCEIVED[perceived][1],
                    "when_fr": "après son échéance" if past else "avant son échéance",
                    "when_en": "past its due date" if past else "before its due date",
                },
            )
        )
    return found


def _pending(check: HealthCheck) -> list[tuple[int, Milestone, Decimal]]:
    """The milestones not yet due with a reported value."""
    return [
        (i, m, check.answers.milestones[m.key].value)
        for i, m in enumerate(check.partnership.milestones)
        if m.indicator is not None
        and m.due >= check.review_date
        and m.key in check.answers.milestones
    ]


def indicator_below_baseline(check: HealthCheck) -> list[Finding]:
    """No indicator went the wrong way, below its baseline, before its due date."""
    return [
        Finding(
            code=BELOW_BASELINE,
            severity=Severity.warning,
            factor=Factor.demarrer,
            path=f"milestones[{i}].indicator",
            params=_figures(m, value),
        )
        for i, m, value in _pending(check)
        if (p := _progress(m, value)) is not None and p < 0
    ]


def indicator_off_trajectory(check: HealthCheck) -> list[Finding]:
    """Past ``trajectory_from`` of its time, an indicator has covered at least
    ``trajectory_min_share`` of the way its straight trajectory asks."""
    start = check.partnership.start_date
    found = []
    for i, m, value in _pending(check):
        progress = _progress(m, value)
        if progress is None or progress < 0 or m.due <= start:
            continue
        elapsed = Decimal((check.review_date - start).days) / Decimal((m.due - start).days)
        if elapsed < check.thresholds.trajectory_from:
            continue
        if progress >= elapsed * check.thresholds.trajectory_min_share:
            continue
        indicator = m.indicator
        assert indicator is not None
        expected = indicator.baseline + elapsed * (indicator.target - indicator.baseline)
        found.append(
            Finding(
                code=OFF_TRAJECTORY,
                severity=Severity.warning,
                factor=Factor.demarrer,
                path=f"milestones[{i}].indicator",
                params={**_figures(m, value), "expected": _number(expected.quantize(Decimal(1)))},
            )
        )
    return found


RULES = (benefits_felt_not_measured, indicator_below_baseline, indicator_off_trajectory)
