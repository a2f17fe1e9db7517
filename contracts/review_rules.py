"""The rules of a periodic Go/noGo review (see :mod:`coopact.contracts.review`): each reads
the :class:`~coopact.contracts.review_check.HealthCheck` and returns its findings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coopact.contracts.communication import cadence_words
from coopact.contracts.finding_texts import Factor, Severity
from coopact.contracts.findings import Finding
from coopact.contracts.formatting import plural
from coopact.contracts.review_check import (
    HealthCheck,
    answers_of,
    expected_meetings,
    indicator_reached,
    new_finding,
    number_text,
    red_line_index,
    score_of,
)
from coopact.contracts.review_texts import (
    BENEFITS_NOT_MET,
    BENEFITS_PARTLY_MET,
    ENGAGEMENT_FALLING,
    INDICATOR_NOT_REPORTED,
    INDICATOR_STALE,
    MILESTONE_OVERDUE,
    MISSION_NOT_SERVED,
    ONE_SIDED,
    PARTNER_NOT_HEARD,
    QUESTIONS,
    RED_LINE_CROSSED,
    RITUAL_NOT_REPORTED,
    RITUAL_SKIPPED,
    TRUST_FALLING,
)
from coopact.schemas import add_months
from coopact.schemas.review import Perceived

# --- fatigue over time -------------------------------------------------------------------


def rituals_skipped(check: HealthCheck) -> list[Finding]:
    """Each ritual was held about as often as its cadence implies over the review period."""
    findings: list[Finding] = []
    since, review_date = check.period_start, check.review_date
    until = review_date - dt.timedelta(days=1)
    for i, ritual in enumerate(check.partnership.governance.rituals):
        expected = expected_meetings(check.partnership, i, since, review_date)
        if expected == 0:
            continue
        params: dict[str, object] = {
            "ritual": ritual.name,
            "expected": expected,
            "since": since.isoformat(),
            "until": until.isoformat(),
            "cadence": cadence_words(ritual, check.language),
        }
        answer = check.answers.rituals.get(ritual.name)
        if answer is None:
            findings.append(
                new_finding(
                    RITUAL_NOT_REPORTED,
                    Severity.warning,
                    Factor.communiquer,
                    f"governance.rituals[{i}]",
                    params,
                )
            )
        elif (
            answer.held == 0 or Decimal(answer.held) < expected * check.thresholds.ritual_min_share
        ):
            findings.append(
                new_finding(
                    RITUAL_SKIPPED,
                    Severity.warning,
                    Factor.communiquer,
                    f"governance.rituals[{i}]",
                    {**params, "held": answer.held, "held_times": plural(answer.held, "time")},
                )
            )
    return findings


def indicators_not_updated(check: HealthCheck) -> list[Finding]:
    """Each milestone's indicator was updated within the review period (unless reached)."""
    months = check.thresholds.indicator_max_age_months or check.partnership.reviews.every_months
    oldest = add_months(check.review_date, -months)
    findings: list[Finding] = []
    for i, milestone in enumerate(check.partnership.milestones):
        indicator = milestone.indicator
        if indicator is None:
            continue
        params: dict[str, object] = {"milestone": milestone.key, "indicator": indicator.name}
        answer = check.answers.milestones.get(milestone.key)
        if answer is None:
            findings.append(
                new_finding(
                    INDICATOR_NOT_REPORTED,
                    Severity.warning,
                    Factor.demarrer,
                    f"milestones[{i}].indicator",
                    params,
                )
            )
        elif answer.updated_on < oldest and not indicator_reached(milestone, answer.value):
            findings.append(
                new_finding(
                    INDICATOR_STALE,
                    Severity.warning,
                    Factor.demarrer,
                    f"milestones[{i}].indicator",
                    {
                        **params,
                        "updated_on": answer.updated_on.isoformat(),
                        "months": months,
                        "review_date": check.review_date.isoformat(),
                    },
                )
            )
    return findings


def milestones_overdue(check: HealthCheck) -> list[Finding]:
    """A milestone due before the review date has reached its target.

    Milestones without an indicator cannot be measured here (the SMART rules report them).
    A milestone whose value is not reported counts as not reached.
    """
    findings: list[Finding] = []
    for i, milestone in enumerate(check.partnership.milestones):
        indicator = milestone.indicator
        if indicator is None or milestone.due >= check.review_date:
            continue
        answer = check.answers.milestones.get(milestone.key)
        if answer is not None and indicator_reached(milestone, answer.value):
            continue
        findings.append(
            new_finding(
                MILESTONE_OVERDUE,
                Severity.warning,
                Factor.demarrer,
                f"milestones[{i}]",
                {
                    "milestone": milestone.key,
                    "title": milestone.title,
                    "due": milestone.due.isoformat(),
                    "indicator": indicator.name,
                    "value": number_text(answer.value) if answer is not None else "?",
                    "target": number_text(indicator.target),
                    "unit": indicator.unit,
                },
            )
        )
    return findings


def engagement_falling(check: HealthCheck) -> list[Finding]:
    """No partner's engagement score fell since the previous review."""
    return _score_falling(check, "engagement", ENGAGEMENT_FALLING)


# --- mistrust ----------------------------------------------------------------------------


def trust_falling(check: HealthCheck) -> list[Finding]:
    """No partner's trust score fell since the previous review."""
    return _score_falling(check, "trust", TRUST_FALLING)


def one_sided_answers(check: HealthCheck) -> list[Finding]:
    """The partners score engagement and trust within ``divergence`` points of each other."""
    findings: list[Finding] = []
    answered = answers_of(check)
    if len(answered) < 2:
        return findings
    for question, words in QUESTIONS.items():
        scores = [(score_of(a, question), i, p) for i, p, a in answered]
        high = max(scores, key=lambda s: (s[0], -s[1]))
        low = min(scores, key=lambda s: (s[0], s[1]))
        if high[0] - low[0] >= check.thresholds.divergence:
            findings.append(
                new_finding(
                    ONE_SIDED,
                    Severity.warning,
                    Factor.communiquer,
                    "partners",
                    {
                        "question": words.get(check.language, words["en"]),
                        "question_key": question,
                        "high": high[2].name,
                        "high_score": high[0],
                        "low": low[2].name,
                        "low_score": low[0],
                    },
                )
            )
    return findings


def every_partner_heard(check: HealthCheck) -> list[Finding]:
    """Each partner answered the health check."""
    return [
        new_finding(
            PARTNER_NOT_HEARD,
            Severity.warning,
            Factor.communiquer,
            f"partners[{i}]",
            {"partner": p.name, "partner_key": p.key},
        )
        for i, p in enumerate(check.partnership.partners)
        if p.key not in check.answers.partners
    ]


# --- loss of legitimacy / mission drift --------------------------------------------------


def red_lines_crossed(check: HealthCheck) -> list[Finding]:
    """No partner reports one of its red lines as crossed (blocking: mission drift)."""
    findings: list[Finding] = []
    for i, partner, answer in answers_of(check):
        indexes = sorted(
            {j for e in answer.red_lines_crossed if (j := red_line_index(partner, e)) is not None}
        )
        findings.extend(
            new_finding(
                RED_LINE_CROSSED,
                Severity.blocking,
                Factor.construire,
                f"partners[{i}].red_lines[{j}]",
                {
                    "partner": partner.name,
                    "partner_key": partner.key,
                    "red_line": partner.red_lines[j],
                },
            )
            for j in indexes
        )
    return findings


def mission_still_served(check: HealthCheck) -> list[Finding]:
    """Each ESS partner's mission is still served (blocking: mission drift)."""
    return [
        new_finding(
            MISSION_NOT_SERVED,
            Severity.blocking,
            Factor.construire,
            f"partners[{i}].mission",
            {"partner": partner.name, "partner_key": partner.key, "mission": partner.mission},
        )
        for i, partner, answer in answers_of(check)
        if partner.ess and answer.mission_served is False
    ]


# --- Communiquer: real and perceived benefits --------------------------------------------


def benefits_match(check: HealthCheck) -> list[Finding]:
    """Each partner gets the benefits it expected: partly is a warning, not met blocks."""
    findings: list[Finding] = []
    for i, partner, answer in answers_of(check):
        perceived = answer.benefits.perceived
        if perceived is Perceived.met:
            continue
        expected = "; ".join(
            b.description for b in check.partnership.benefits if b.partner == partner.key
        )
        code, severity = (
            (BENEFITS_PARTLY_MET, Severity.warning)
            if perceived is Perceived.partly
            else (BENEFITS_NOT_MET, Severity.blocking)
        )
        findings.append(
            new_finding(
                code,
                severity,
                Factor.communiquer,
                f"partners[{i}]",
                {
                    "partner": partner.name,
                    "partner_key": partner.key,
                    "expected": expected or "—",
                    "comment": answer.benefits.comment or "",
                },
            )
        )
    return findings


def _score_falling(check: HealthCheck, question: str, code: str) -> list[Finding]:
    previous = check.previous
    if previous is None:
        return []
    findings: list[Finding] = []
    for i, partner, answer in answers_of(check):
        before = previous.partners.get(partner.key)
        if before is None:
            continue
        was, now = score_of(before, question), score_of(answer, question)
        if was - now >= check.thresholds.score_drop:
            findings.append(
                new_finding(
                    code,
                    Severity.warning,
                    Factor.communiquer,
                    f"partners[{i}]",
                    {
                        "partner": partner.name,
                        "partner_key": partner.key,
                        "before": was,
                        "now": now,
                        "previous_date": previous.review_date.isoformat(),
                    },
                )
            )
    return findings
