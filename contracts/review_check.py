"""What the review's rules read: the health check (this review's answers, the previous
ones, the partnership) with the thresholds that turn answers into findings, the review
period, the meetings a ritual's cadence implies, and the answers checked against the
partnership file (:func:`validate_against`). The rules are in
:mod:`coopact.contracts.review_rules`, the recommendation in :mod:`coopact.contracts.review`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from coopact.contracts.calendar_dates import review_dates
from coopact.contracts.errors import Problem
from coopact.contracts.finding_texts import Factor, Severity
from coopact.contracts.findings import Finding
from coopact.contracts.working_days import meeting_days
from coopact.schemas import Milestone, Partner, Partnership
from coopact.schemas.review import PartnerAnswers, ReviewAnswers


@dataclass(frozen=True)
class ReviewThresholds:
    """When the health check's answers become a finding. Defaults are the method's."""

    # A ritual held fewer times than this share of what its cadence implies over the
    # review period is reported as skipped (every 2 weeks over 6 months implies 13
    # meetings: fewer than 10 is reported). A ritual expected at least once and never
    # held is always reported.
    ritual_min_share: Decimal = Decimal("0.75")
    # An indicator whose last update is older than this many months at the review date
    # is reported as not updated. None: the review period (``reviews.every_months``).
    indicator_max_age_months: int | None = None
    # An engagement or trust score that falls by at least this many points (on 1-5) since
    # the previous review is reported.
    score_drop: int = 1
    # Partners' scores on the same question this many points apart or more are reported
    # as one-sided answers.
    divergence: int = 2
    # Felt and measured: a partner answering "met" while an indicator its benefit names has
    # covered less than this share of the way from baseline to target past its due date (or
    # stands below its baseline) is a gap; so is "not met" with every such indicator reached.
    felt_gap_share: Decimal = Decimal("0.5")
    # Trajectory: once this share of a milestone's time has passed, an indicator that has
    # covered less than ``trajectory_min_share`` of the way it should have (on a straight
    # line from baseline at the start to target at the due date) is off its trajectory.
    trajectory_from: Decimal = Decimal("0.5")
    trajectory_min_share: Decimal = Decimal("0.5")


DEFAULT_THRESHOLDS = ReviewThresholds()


# --- the health check, read against the partnership -------------------------------------


@dataclass(frozen=True)
class HealthCheck:
    """What the rules read: the partnership, this review's answers, the previous ones."""

    partnership: Partnership
    answers: ReviewAnswers
    previous: ReviewAnswers | None = None
    thresholds: ReviewThresholds = DEFAULT_THRESHOLDS

    @property
    def review_date(self) -> dt.date:
        return self.answers.review_date

    @property
    def period_start(self) -> dt.date:
        return period_start(self.partnership, self.answers.review_date, self.previous)

    @property
    def language(self) -> str:
        return self.partnership.language.value


def period_start(
    partnership: Partnership, review_date: dt.date, previous: ReviewAnswers | None = None
) -> dt.date:
    """The first day of the period a review looks back on: the previous review, else the start.

    The previous review is the later of the previous answers' date and the last review
    scheduled before ``review_date``.
    """
    candidates = [partnership.start_date]
    candidates += [day for day in review_dates(partnership) if day < review_date]
    if previous is not None and previous.review_date < review_date:
        candidates.append(previous.review_date)
    return max(candidates)


def expected_meetings(
    partnership: Partnership, ritual_index: int, since: dt.date, review_date: dt.date
) -> int:
    """How many times the ritual meets, as the partnership's calendar places it, from
    ``since`` to the day before ``review_date``: its first date taken from its cadence (a
    yearly ritual first at the end of its year, never counted missed before it) and each
    meeting on a working day."""
    ritual = partnership.governance.rituals[ritual_index]
    until = review_date - dt.timedelta(days=1)
    return sum(
        1 for day in meeting_days(ritual, partnership.start_date, until) if since <= day <= until
    )


def indicator_reached(milestone: Milestone, value: Decimal) -> bool:
    """Whether ``value`` reaches the milestone's target, in the direction baseline -> target."""
    indicator = milestone.indicator
    if indicator is None:
        return False
    if indicator.target >= indicator.baseline:
        return value >= indicator.target
    return value <= indicator.target


def normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def red_line_index(partner: Partner, entry: int | str) -> int | None:
    """The index in ``partner.red_lines`` an answer names (by index or by text), or None."""
    if isinstance(entry, int):
        return entry if entry < len(partner.red_lines) else None
    wanted = normal(entry)
    return next((i for i, text in enumerate(partner.red_lines) if normal(text) == wanted), None)


def validate_against(answers: ReviewAnswers, partnership: Partnership) -> list[Problem]:
    """Every reference of the answers resolved against the partnership, with field paths."""
    problems: list[Problem] = []
    partners = {p.key: p for p in partnership.partners}
    known = ", ".join(partners)
    start = partnership.start_date.isoformat()
    if answers.review_date <= partnership.start_date:
        problems.append(
            Problem("review_date", f"must be after the start of the partnership ({start})")
        )
    for key, given in answers.partners.items():
        path = f"partners.{key}"
        partner = partners.get(key)
        if partner is None:
            problems.append(Problem(path, f"unknown partner '{key}' (partners are: {known})"))
            continue
        for j, entry in enumerate(given.red_lines_crossed):
            if red_line_index(partner, entry) is None:
                listed = "; ".join(f"{i}: {t}" for i, t in enumerate(partner.red_lines)) or "none"
                problems.append(
                    Problem(
                        f"{path}.red_lines_crossed[{j}]",
                        f"not one of {partner.name}'s red lines (by index or text: {listed})",
                    )
                )
        if partner.ess and given.mission_served is None:
            problems.append(
                Problem(
                    f"{path}.mission_served",
                    f"required for {partner.name}, an ESS partner: is its mission still served?",
                )
            )
        if not partner.ess and given.mission_served is not None:
            problems.append(
                Problem(
                    f"{path}.mission_served",
                    f"asked of ESS partners only; {partner.name} is not one",
                )
            )
    milestones = {m.key: m for m in partnership.milestones}
    for key in answers.milestones:
        milestone = milestones.get(key)
        if milestone is None:
            names = ", ".join(milestones) or "none"
            problems.append(
                Problem(f"milestones.{key}", f"unknown milestone '{key}' (milestones are: {names})")
            )
        elif milestone.indicator is None:
            problems.append(
                Problem(f"milestones.{key}", f"milestone '{key}' has no indicator to report on")
            )
    rituals = [r.name for r in partnership.governance.rituals]
    for name in answers.rituals:
        if name not in rituals:
            names = "; ".join(rituals) or "none"
            problems.append(
                Problem(f"rituals.{name}", f"unknown ritual '{name}' (rituals are: {names})")
            )
    return problems


# --- helpers -----------------------------------------------------------------------------


def new_finding(
    code: str, severity: Severity, factor: Factor, path: str, params: dict[str, object]
) -> Finding:
    return Finding(code=code, severity=severity, factor=factor, path=path, params=params)


def number_text(value: Decimal) -> str:
    return format(value.normalize(), "f")


def answers_of(check: HealthCheck) -> list[tuple[int, Partner, PartnerAnswers]]:
    """The partners who answered, in the partnership file's order, with their index."""
    return [
        (i, p, check.answers.partners[p.key])
        for i, p in enumerate(check.partnership.partners)
        if p.key in check.answers.partners
    ]


def score_of(answer: PartnerAnswers, question: str) -> int:
    return answer.engagement if question == "engagement" else answer.trust
