"""The evidence of a periodic Go/noGo review: the health check read against the partnership.

At each review the comité de pilotage (or the partnership officer) fills a health check
(:class:`schemas.review.ReviewAnswers`). The rules below read it against the partnership
file, and against the previous review's answers when there are some, for the method's
difficulties and risks that only show over time:

- fatigue over time: rituals skipped (:func:`rituals_skipped`), indicators not updated
  (:func:`indicators_not_updated`), milestones overdue (:func:`milestones_overdue`),
  engagement falling from one review to the next (:func:`engagement_falling`);
- mistrust: trust falling (:func:`trust_falling`), one-sided answers, where partners
  score the same question 2 points or more apart (:func:`one_sided_answers`), a partner
  whose voice is missing (:func:`every_partner_heard`);
- loss of legitimacy / mission drift: a red line reported as crossed
  (:func:`red_lines_crossed`), an ESS partner's mission no longer served
  (:func:`mission_still_served`); both block;
- Communiquer: real and perceived benefits that do not match (:func:`benefits_match`).

:func:`recommendation` turns the findings into go, go_with_conditions or no_go. It is a
recommendation only: the comité de pilotage decides, at the review gate.

The health check and what it reads are in :mod:`coopact.contracts.review_check`, the rules
in :mod:`coopact.contracts.review_rules`, their texts in :mod:`coopact.contracts.review_texts`.

The review period runs from the previous review (the later of the previous answers'
date and the last scheduled review before this one) or from the start of the partnership,
to the day before the review date.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from coopact.contracts import felt_measured
from coopact.contracts.finding_texts import Factor, Severity
from coopact.contracts.findings import Finding
from coopact.contracts.lifecycle import Outcome
from coopact.contracts.review_check import (
    DEFAULT_THRESHOLDS,
    HealthCheck,
    ReviewThresholds,
    new_finding,
)
from coopact.contracts.review_rules import (
    benefits_match,
    engagement_falling,
    every_partner_heard,
    indicators_not_updated,
    milestones_overdue,
    mission_still_served,
    one_sided_answers,
    red_lines_crossed,
    rituals_skipped,
    trust_falling,
)
from coopact.contracts.review_texts import DIFFICULTY, HEALTH_CHECK_MISSING, MISSION_DRIFT
from coopact.schemas import Partnership
from coopact.schemas.review import ReviewAnswers

# --- all together ------------------------------------------------------------------------


DIFFICULTY.update(
    {
        felt_measured.FELT_NOT_MEASURED: "benefits",
        felt_measured.BELOW_BASELINE: "fatigue",
        felt_measured.OFF_TRAJECTORY: "fatigue",
    }
)

RULES: tuple[Callable[[HealthCheck], list[Finding]], ...] = (
    rituals_skipped,
    indicators_not_updated,
    milestones_overdue,
    engagement_falling,
    trust_falling,
    one_sided_answers,
    every_partner_heard,
    red_lines_crossed,
    mission_still_served,
    benefits_match,
    *felt_measured.RULES,
)


def health_check_filled(answers: ReviewAnswers | None) -> list[Finding]:
    """The health check of the review was filled (without it, the review has no evidence)."""
    if answers is not None:
        return []
    return [new_finding(HEALTH_CHECK_MISSING, Severity.warning, Factor.communiquer, "", {})]


def review_findings(
    partnership: Partnership,
    answers: ReviewAnswers | None,
    previous: ReviewAnswers | None = None,
    thresholds: ReviewThresholds = DEFAULT_THRESHOLDS,
) -> list[Finding]:
    """Every finding of a review: the health check read by each rule, or its absence."""
    if answers is None:
        return health_check_filled(None)
    check = HealthCheck(partnership, answers, previous, thresholds)
    return [finding for rule in RULES for finding in rule(check)]


def recommendation(findings: Sequence[Finding]) -> Outcome:
    """What the evidence recommends to the comité de pilotage: a recommendation only.

    no_go with a finding of mission drift (a red line crossed, an ESS partner's mission no
    longer served); go_with_conditions with any other blocking or warning finding; else go.
    The committee decides at the review gate, and may decide otherwise.
    """
    if any(f.code in MISSION_DRIFT for f in findings):
        return Outcome.no_go
    if any(f.severity in (Severity.blocking, Severity.warning) for f in findings):
        return Outcome.go_with_conditions
    return Outcome.go


def recommendation_reasons(findings: Sequence[Finding]) -> list[Finding]:
    """The findings a recommendation rests on: mission drift for no_go, the blocking and
    warning findings for go_with_conditions, none for go."""
    outcome = recommendation(findings)
    if outcome is Outcome.no_go:
        return [f for f in findings if f.code in MISSION_DRIFT]
    if outcome is Outcome.go_with_conditions:
        order = {Severity.blocking: 0, Severity.warning: 1}
        kept = [f for f in findings if f.severity in order]
        return sorted(kept, key=lambda f: order[f.severity])
    return []
