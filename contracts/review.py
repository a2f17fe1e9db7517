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

The review period runs from the previous review (the later of the previous answers'
date and the last scheduled review before this one) or from the start of the partnership,
to the day before the review date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from contracts.communication import cadence_words
from contracts.errors import Problem
from contracts.findings import Factor, Finding, Severity, message
from contracts.formatting import plural
from contracts.governance import review_dates
from contracts.lifecycle import Outcome
from contracts.working_days import meeting_days
from schemas import Milestone, Partner, Partnership, add_months
from schemas.review import PartnerAnswers, Perceived, ReviewAnswers


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

# --- texts ---------------------------------------------------------------------------------

HEALTH_CHECK_MISSING = message(
    "review.health_check_missing",
    fr="Le questionnaire de santé de la revue n'a pas été rempli\u00a0: la revue ne repose "
    "sur aucune donnée sur les rituels, les indicateurs ni l'avis des partenaires. Le référent "
    "de chaque partenaire y répond par le lien personnel reçu par courriel\u00a0; le rapport de "
    "revue est alors mis à jour et adressé à nouveau au comité de pilotage avant qu'il décide.",
    en="The review's health check has not been filled: the review rests on no evidence about "
    "the rituals, the indicators or the partners' views. Each partner's referent answers it "
    "through the personal link of their mail; the review report is then updated and sent again "
    "to the steering committee before it decides.",
)
RITUAL_SKIPPED = message(
    "review.ritual_skipped",
    fr="Le rituel « {ritual} » s'est tenu {held} fois du {since} au {until}, alors que sa "
    "fréquence ({cadence}) en implique {expected} : les partenaires se consultent moins, "
    "signe d'essoufflement.",
    en='The ritual "{ritual}" was held {held_times} from {since} to {until}, while its '
    "cadence ({cadence}) implies {expected}: the partners consult each other less, a sign "
    "of fatigue.",
)
RITUAL_NOT_REPORTED = message(
    "review.ritual_not_reported",
    fr="Le questionnaire ne dit pas combien de fois le rituel « {ritual} » s'est tenu "
    "depuis le {since} (séances prévues : {expected}).",
    en='The health check does not say how many times the ritual "{ritual}" was held '
    "since {since} (meetings expected: {expected}).",
)
INDICATOR_STALE = message(
    "review.indicator_stale",
    fr="L'indicateur « {indicator} » du jalon {milestone} n'a pas été mis à jour depuis le "
    "{updated_on}, plus de {months} mois avant la revue du {review_date}.",
    en='The indicator "{indicator}" of milestone {milestone} has not been updated since '
    "{updated_on}, more than {months} months before the review of {review_date}.",
)
INDICATOR_NOT_REPORTED = message(
    "review.indicator_not_reported",
    fr="Le questionnaire ne donne pas la valeur de l'indicateur « {indicator} » du jalon "
    "{milestone} : son suivi ne peut pas être vérifié.",
    en='The health check gives no value for the indicator "{indicator}" of milestone '
    "{milestone}: its follow-up cannot be checked.",
)
MILESTONE_OVERDUE = message(
    "review.milestone_overdue",
    fr="Le jalon {milestone} « {title} » était dû le {due} : « {indicator} » en est à "
    "{value} pour une cible de {target} {unit}.",
    en='Milestone {milestone} "{title}" was due on {due}: "{indicator}" stands at '
    "{value} for a target of {target} {unit}.",
)
ENGAGEMENT_FALLING = message(
    "review.engagement_falling",
    fr="L'engagement de {partner} est passé de {before} à {now} sur 5 depuis la revue du "
    "{previous_date} : signe d'essoufflement.",
    en="The engagement of {partner} fell from {before} to {now} out of 5 since the review "
    "of {previous_date}: a sign of fatigue.",
)
TRUST_FALLING = message(
    "review.trust_falling",
    fr="La confiance de {partner} est passée de {before} à {now} sur 5 depuis la revue du "
    "{previous_date} : la défiance s'installe.",
    en="The trust of {partner} fell from {before} to {now} out of 5 since the review of "
    "{previous_date}: mistrust is setting in.",
)
ONE_SIDED = message(
    "review.one_sided_answers",
    fr="Les partenaires ne voient pas le partenariat de la même façon : sur {question}, "
    "{high} répond {high_score} sur 5 et {low} {low_score} sur 5.",
    en="The partners do not see the partnership the same way: on {question}, {high} "
    "answers {high_score} out of 5 and {low} {low_score} out of 5.",
)
PARTNER_NOT_HEARD = message(
    "review.partner_not_heard",
    fr="{partner} n'a pas répondu au questionnaire de la revue : chaque partenaire doit être "
    "consulté.",
    en="{partner} did not answer the review's health check: every partner must be consulted.",
)
RED_LINE_CROSSED = message(
    "review.red_line_crossed",
    fr="{partner} signale qu'une de ses lignes rouges a été franchie : « {red_line} ». "
    "Le partenariat perd sa légitimité pour ce partenaire.",
    en='{partner} reports that one of its red lines was crossed: "{red_line}". The '
    "partnership loses its legitimacy for this partner.",
)
MISSION_NOT_SERVED = message(
    "review.mission_not_served",
    fr="{partner} estime que le partenariat ne sert plus sa mission (« {mission} ») : "
    "dérive de mission.",
    en="{partner} considers that the partnership no longer serves its mission "
    '("{mission}"): mission drift.',
)
BENEFITS_PARTLY_MET = message(
    "review.benefits_partly_met",
    fr="{partner} ne retrouve qu'en partie les bénéfices attendus ({expected}) : {comment}",
    en="{partner} gets only part of the benefits it expected ({expected}): {comment}",
)
BENEFITS_NOT_MET = message(
    "review.benefits_not_met",
    fr="{partner} ne retrouve pas les bénéfices attendus ({expected}) : {comment}",
    en="{partner} does not get the benefits it expected ({expected}): {comment}",
)

MISSION_DRIFT: frozenset[str] = frozenset({RED_LINE_CROSSED, MISSION_NOT_SERVED})
"""Codes of the findings of mission drift: with one of them, the recommendation is no_go."""

DIFFICULTY: dict[str, str] = {
    HEALTH_CHECK_MISSING: "evidence",
    RITUAL_SKIPPED: "fatigue",
    RITUAL_NOT_REPORTED: "fatigue",
    INDICATOR_STALE: "fatigue",
    INDICATOR_NOT_REPORTED: "fatigue",
    MILESTONE_OVERDUE: "fatigue",
    ENGAGEMENT_FALLING: "fatigue",
    TRUST_FALLING: "mistrust",
    ONE_SIDED: "mistrust",
    PARTNER_NOT_HEARD: "mistrust",
    RED_LINE_CROSSED: "mission_drift",
    MISSION_NOT_SERVED: "mission_drift",
    BENEFITS_PARTLY_MET: "benefits",
    BENEFITS_NOT_MET: "benefits",
}
"""The difficulty or risk of the method each finding is evidence of."""

_QUESTIONS = {
    "engagement": {"fr": "l'engagement", "en": "engagement"},
    "trust": {"fr": "la confiance", "en": "trust"},
}


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


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def red_line_index(partner: Partner, entry: int | str) -> int | None:
    """The index in ``partner.red_lines`` an answer names (by index or by text), or None."""
    if isinstance(entry, int):
        return entry if entry < len(partner.red_lines) else None
    wanted = _normal(entry)
    return next((i for i, text in enumerate(partner.red_lines) if _normal(text) == wanted), None)


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
                _finding(
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
                _finding(
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
                _finding(
                    INDICATOR_NOT_REPORTED,
                    Severity.warning,
                    Factor.demarrer,
                    f"milestones[{i}].indicator",
                    params,
                )
            )
        elif answer.updated_on < oldest and not indicator_reached(milestone, answer.value):
            findings.append(
                _finding(
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
            _finding(
                MILESTONE_OVERDUE,
                Severity.warning,
                Factor.demarrer,
                f"milestones[{i}]",
                {
                    "milestone": milestone.key,
                    "title": milestone.title,
                    "due": milestone.due.isoformat(),
                    "indicator": indicator.name,
                    "value": _number(answer.value) if answer is not None else "?",
                    "target": _number(indicator.target),
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
    answered = _answered(check)
    if len(answered) < 2:
        return findings
    for question, words in _QUESTIONS.items():
        scores = [(_score(a, question), i, p) for i, p, a in answered]
        high = max(scores, key=lambda s: (s[0], -s[1]))
        low = min(scores, key=lambda s: (s[0], s[1]))
        if high[0] - low[0] >= check.thresholds.divergence:
            findings.append(
                _finding(
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
        _finding(
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
    for i, partner, answer in _answered(check):
        indexes = sorted(
            {j for e in answer.red_lines_crossed if (j := red_line_index(partner, e)) is not None}
        )
        findings.extend(
            _finding(
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
        _finding(
            MISSION_NOT_SERVED,
            Severity.blocking,
            Factor.construire,
            f"partners[{i}].mission",
            {"partner": partner.name, "partner_key": partner.key, "mission": partner.mission},
        )
        for i, partner, answer in _answered(check)
        if partner.ess and answer.mission_served is False
    ]


# --- Communiquer: real and perceived benefits --------------------------------------------


def benefits_match(check: HealthCheck) -> list[Finding]:
    """Each partner gets the benefits it expected: partly is a warning, not met blocks."""
    findings: list[Finding] = []
    for i, partner, answer in _answered(check):
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
            _finding(
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


# --- all together ------------------------------------------------------------------------

from contracts import felt_measured  # noqa: E402 - its rules read the HealthCheck above

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
    return [_finding(HEALTH_CHECK_MISSING, Severity.warning, Factor.communiquer, "", {})]


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


# --- helpers -----------------------------------------------------------------------------


def _finding(
    code: str, severity: Severity, factor: Factor, path: str, params: dict[str, object]
) -> Finding:
    return Finding(code=code, severity=severity, factor=factor, path=path, params=params)


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _answered(check: HealthCheck) -> list[tuple[int, Partner, PartnerAnswers]]:
    """The partners who answered, in the partnership file's order, with their index."""
    return [
        (i, p, check.answers.partners[p.key])
        for i, p in enumerate(check.partnership.partners)
        if p.key in check.answers.partners
    ]


def _score(answer: PartnerAnswers, question: str) -> int:
    return answer.engagement if question == "engagement" else answer.trust


def _score_falling(check: HealthCheck, question: str, code: str) -> list[Finding]:
    previous = check.previous
    if previous is None:
        return []
    findings: list[Finding] = []
    for i, partner, answer in _answered(check):
        before = previous.partners.get(partner.key)
        if before is None:
            continue
        was, now = _score(before, question), _score(answer, question)
        if was - now >= check.thresholds.score_drop:
            findings.append(
                _finding(
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
