"""The periodic Go/noGo review (in_review): the evidence for the comité de pilotage.

Reads the review's health check (``ctx.review_answers``) and the previous review's
(``ctx.previous_review_answers``), runs the rules of :mod:`contracts.review`, and writes the
"Rapport de revue Go/noGo" (.docx): milestones with their targets and current values,
rituals held against those expected, each partner's scores, the findings, and the
recommendation with its reasons. Without a health check, the report says so and a warning
finding asks for it. The decision stays with the committee, at the review gate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from coopact.adapters.documents.clause_library import clause_library
from coopact.adapters.documents.word import DOCX_MEDIA_TYPE, render_docx, template_path
from coopact.contracts.communication import cadence_words
from coopact.contracts.conditions import TrackedCondition
from coopact.contracts.conditions import not_met as conditions_not_met
from coopact.contracts.findings import Finding
from coopact.contracts.formatting import format_date, format_number
from coopact.contracts.money import late_at_review
from coopact.contracts.review import recommendation, recommendation_reasons, review_findings
from coopact.contracts.review_check import (
    expected_meetings,
    indicator_reached,
    period_start,
    red_line_index,
)
from coopact.contracts.use_of_funds import missing_at_review
from coopact.schemas import Milestone, Partner, Partnership
from coopact.schemas.review import MilestoneAnswers, PartnerAnswers, ReviewAnswers
from coopact.stages import method_views, presentation
from coopact.stages.base import GeneratedDocument, StageOutput, WorkContext
from coopact.stages.review_money import money_context
from coopact.stages.review_words import OUTCOMES, WORDS

KIND = "review_report"


def _answers(data: Any) -> ReviewAnswers | None:
    return None if data is None else ReviewAnswers.model_validate(dict(data))


def report_context(
    partnership: Partnership,
    reference: str,
    review_date: dt.date,
    answers: ReviewAnswers | None,
    previous: ReviewAnswers | None,
    findings: list[Finding],
    *,
    periods: Sequence[dt.date] = (),
    conditions: Sequence[TrackedCondition] = (),
) -> dict[str, Any]:
    """Everything the review report shows, as plain strings; conditions decided here."""
    language = partnership.language.value
    words = WORDS.get(language, WORDS["en"])
    since = period_start(partnership, review_date, previous)
    outcome = recommendation(findings)
    reasons = [presentation.finding_text(f, language) for f in recommendation_reasons(findings)]
    rows = presentation.findings_rows(findings, language) or [
        {"severity": words["none"], "text": words["no_finding"], "path": ""}
    ]
    return {
        "reference": reference,
        "title": partnership.title,
        "review_date": format_date(review_date, language),
        "period": words["period"].format(
            since=format_date(since, language),
            until=format_date(review_date - dt.timedelta(days=1), language),
        ),
        "health_check": (
            words["filled"].format(date=format_date(review_date, language))
            if answers is not None
            else words["not_filled"]
        ),
        "milestones": _milestone_rows(partnership, answers, review_date, language),
        "rituals": _ritual_rows(partnership, answers, since, review_date, language),
        "partners": _partner_rows(partnership, answers, previous, language),
        "findings": rows,
        "recommendation": OUTCOMES.get(language, OUTCOMES["en"])[outcome.value],
        "reasons": reasons or [words["no_reason"]],
        "note": words["note"],
        "covers": _covers(periods, review_date, language),
        "conditions": _conditions(partnership, conditions, review_date, language)
        or [{"what": words["no_condition"], "owner": "", "due": "", "indicator": "", "state": ""}],
    }


def _milestone_rows(
    partnership: Partnership, answers: ReviewAnswers | None, review_date: dt.date, language: str
) -> list[dict[str, str]]:
    """Each milestone with its indicator's target, the value the health check reports and
    where the milestone stands."""
    none = WORDS.get(language, WORDS["en"])["none"]
    rows = []
    for m in partnership.milestones:
        reported = answers.milestones.get(m.key) if answers else None
        target, value, updated, status = _indicator_cells(m, reported, review_date, language)
        rows.append(
            {
                "key": m.key,
                "title": m.title,
                "due": format_date(m.due, language),
                "indicator": m.indicator.name if m.indicator else none,
                "target": target,
                "value": value,
                "updated": updated,
                "status": status,
            }
        )
    return rows


def _indicator_cells(
    milestone: Milestone, reported: MilestoneAnswers | None, review_date: dt.date, language: str
) -> tuple[str, str, str, str]:
    """A milestone's target, reported value, date of that value and status, as shown."""
    words = WORDS.get(language, WORDS["en"])
    none = words["none"]
    if milestone.indicator is None:
        return none, none, "", words["no_indicator"]
    unit = milestone.indicator.unit
    target = f"{format_number(milestone.indicator.target, language)} {unit}"
    if reported is None:
        return target, none, "", words["not_reported"]
    value = f"{format_number(reported.value, language)} {unit}"
    updated = words["updated_on"].format(date=format_date(reported.updated_on, language))
    if indicator_reached(milestone, reported.value):
        status = words["reached"]
    elif milestone.due < review_date:
        status = words["overdue"]
    else:
        status = words["in_progress"]
    return target, value, updated, status


def _ritual_rows(
    partnership: Partnership,
    answers: ReviewAnswers | None,
    since: dt.date,
    review_date: dt.date,
    language: str,
) -> list[dict[str, str]]:
    """Each ritual with its cadence, the meetings expected over the period and those held."""
    none = WORDS.get(language, WORDS["en"])["none"]
    rows = []
    for i, ritual in enumerate(partnership.governance.rituals):
        held = answers.rituals.get(ritual.name) if answers else None
        rows.append(
            {
                "name": ritual.name,
                "cadence": cadence_words(ritual, language),
                "expected": str(expected_meetings(partnership, i, since, review_date)),
                "held": str(held.held) if held else none,
            }
        )
    return rows


def _partner_rows(
    partnership: Partnership,
    answers: ReviewAnswers | None,
    previous: ReviewAnswers | None,
    language: str,
) -> list[dict[str, Any]]:
    """Each partner's answers to the health check (dashes for a partner who gave none)."""
    rows = []
    for p in partnership.partners:
        answer = answers.partners.get(p.key) if answers else None
        if answer is None:
            rows.append(_unanswered_row(p, language))
            continue
        before = previous.partners.get(p.key) if previous else None
        rows.append(
            {
                "name": p.name,
                "engagement": _score(answer, before, "engagement", language),
                "trust": _score(answer, before, "trust", language),
                "benefits": _benefits(answer, language),
                "red_lines": _red_lines(p, answer, language),
                "mission": _mission(answer, language),
                "comment": answer.comment or WORDS.get(language, WORDS["en"])["none"],
            }
        )
    return rows


def _unanswered_row(partner: Partner, language: str) -> dict[str, Any]:
    """The row of a partner without answers: dashes (the mission not asked of a non-ESS)."""
    words = WORDS.get(language, WORDS["en"])
    none = words["none"]
    return {
        "name": partner.name,
        "engagement": none,
        "trust": none,
        "benefits": none,
        "red_lines": [none],
        "mission": none if partner.ess else words["not_asked"],
        "comment": none,
    }


def _score(now: PartnerAnswers, before: PartnerAnswers | None, question: str, language: str) -> str:
    """A partner's score to ``question``, with the previous review's beside it when known."""
    value = getattr(now, question)
    if before is None:
        return str(value)
    words = WORDS.get(language, WORDS["en"])
    return words["score_before"].format(now=value, before=getattr(before, question))


def _benefits(answer: PartnerAnswers, language: str) -> str:
    """Whether the partner perceives its benefits as met, with its comment if any."""
    benefits = WORDS.get(language, WORDS["en"])[answer.benefits.perceived.value]
    if answer.benefits.comment:
        colon = " : " if language == "fr" else ": "
        benefits += colon + answer.benefits.comment
    return benefits


def _mission(answer: PartnerAnswers, language: str) -> str:
    """Whether the partnership serves the partner's social mission: yes, no or not asked."""
    words = WORDS.get(language, WORDS["en"])
    if answer.mission_served is None:
        return words["not_asked"]
    return words["yes"] if answer.mission_served else words["no"]


def _red_lines(partner: Partner, answer: PartnerAnswers, language: str) -> list[str]:
    """The partner's red lines reported as crossed, each quoted as the file writes it (an
    answer names one by its text or by its rank); ``aucune`` when none is."""
    words = WORDS.get(language, WORDS["en"])
    named = []
    for entry in answer.red_lines_crossed:
        index = red_line_index(partner, entry)
        text = partner.red_lines[index] if index is not None else str(entry)
        named.append(words["quoted"].format(text=text))
    return named or [words["no_red_line"]]


def _covers(periods: Sequence[dt.date], review_date: dt.date, language: str) -> str:
    words = WORDS.get(language, WORDS["en"])
    days = list(periods) or [review_date]
    dates = words["and"].join(format_date(d, language) for d in days)
    return words["covers_many" if len(days) > 1 else "covers_one"].format(dates=dates)


def _conditions(
    partnership: Partnership,
    conditions: Sequence[TrackedCondition],
    review_date: dt.date,
    language: str,
) -> list[dict[str, str]]:
    words = WORDS.get(language, WORDS["en"])
    names = {p.key: p.name for p in partnership.partners}
    rows = []
    for tracked in conditions:
        c, met = tracked.condition, tracked.met_on
        if met is not None and met <= c.due_on:
            state = words["condition_met"].format(date=format_date(met, language))
        elif met is not None:
            state = words["condition_late"].format(date=format_date(met, language))
        elif c.due_on <= review_date:
            state = words["condition_not_met"]
        else:
            state = words["condition_open"]
        rows.append(
            {
                "what": c.what,
                "owner": names.get(c.owner, c.owner),
                "due": format_date(c.due_on, language),
                "indicator": words["indicator"].format(name=c.indicator) if c.indicator else "",
                "state": state,
            }
        )
    return rows


def run(partnership: Partnership, ctx: WorkContext) -> StageOutput:
    """The review's findings and its report (.docx) with the recommendation."""
    answers = _answers(ctx.review_answers)
    previous = _answers(ctx.previous_review_answers)
    review_date = answers.review_date if answers is not None else ctx.today
    findings = review_findings(partnership, answers, previous)
    findings += conditions_not_met(partnership, ctx.conditions, review_date)
    findings += late_at_review(partnership, ctx.paid, review_date)
    findings += missing_at_review(partnership, ctx.paid, ctx.documents, review_date)
    outcome = recommendation(findings)
    language = partnership.language.value
    words = WORDS.get(language, WORDS["en"])
    name = f"{language}/{KIND}.docx"
    context = report_context(
        partnership, ctx.reference, review_date, answers, previous, findings,
        periods=ctx.review_periods, conditions=ctx.conditions,
    )  # fmt: skip
    context.update(money_context(partnership, ctx.paid, review_date))  # promised, received
    # The method scorecard, recomputed at every review with this review's findings in place
    # of the previous one's (the review report's template may show it as ``scorecard``).
    earlier = [f for f in ctx.findings if not f.code.startswith("review.")]
    context["scorecard"] = method_views.scorecard_rows(
        partnership,
        [*earlier, *findings],
        language,
        clauses=clause_library(ctx.templates),
        balance_accepted=True,
    )
    content = render_docx(
        template_path(ctx.templates, name),
        context,
        title=words["title"].format(ref=ctx.reference),
        language=language,
        created=presentation.created_at(review_date),
    )
    document = GeneratedDocument(
        kind=KIND,
        language=language,
        filename=words["filename"].format(ref=ctx.reference, date=review_date.isoformat()),
        media_type=DOCX_MEDIA_TYPE,
        content=content,
        inputs=presentation.inputs(
            partnership,
            name,
            review_date=review_date.isoformat(),
            answers=answers.model_dump(mode="json") if answers else None,
            previous=previous.model_dump(mode="json") if previous else None,
            audit_head=dict(ctx.audit_head) if ctx.audit_head else None,
        ),
    )
    filled = "" if answers is not None else " (health check not filled)"
    return StageOutput(
        findings=findings,
        documents=[document],
        summary=f"review report written{filled}: recommendation {outcome.value}, "
        f"{len(findings)} finding{'s' if len(findings) != 1 else ''}; "
        "the comité de pilotage decides",
    )
