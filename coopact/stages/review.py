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
from coopact.schemas import Partner, Partnership
from coopact.schemas.review import PartnerAnswers, ReviewAnswers
from coopact.stages import method_views, presentation
from coopact.stages.base import GeneratedDocument, StageOutput, WorkContext
from coopact.stages.review_money import money_context

KIND = "review_report"

_WORDS = {
    "fr": {
        "title": "Rapport de revue Go/noGo {ref}",
        "filename": "{ref}-rapport-de-revue-{date}.docx",
        "period": "du {since} au {until}",
        "filled": "Questionnaire de santé rempli pour la revue du {date}.",
        "not_filled": "Le questionnaire de santé n'a pas été rempli : ce rapport ne s'appuie "
        "que sur le fichier du partenariat. Les valeurs des indicateurs, les rituels tenus et "
        "l'avis des partenaires sont inconnus.",
        "none": "—",
        "yes": "Oui",
        "no": "Non",
        "not_asked": "non demandé",
        "reached": "atteint",
        "overdue": "en retard",
        "in_progress": "en cours",
        "not_reported": "non renseigné",
        "no_indicator": "sans indicateur",
        "score_before": "{now} (revue précédente : {before})",
        "updated_on": "au {date}",
        "indicator": "indicateur : {name}",
        "no_red_line": "aucune",
        "quoted": "« {text} »",
        "met": "atteints",
        "partly": "en partie",
        "not_met": "non atteints",
        "no_finding": "Aucun constat.",
        "no_reason": "Aucun constat ne s'oppose à la poursuite du partenariat.",
        "note": "Ceci est une recommandation : le comité de pilotage décide, à la revue, "
        "go, go sous conditions ou no go.",
        "covers_one": "Cette revue porte sur l'échéance du {dates}.",
        "covers_many": "Cette revue couvre les échéances du {dates} : les revues "
        "antérieures n'ont pas été tenues à leur date et sont consignées en retard.",
        "and": " et du ",
        "no_condition": "Aucune condition fixée lors des revues précédentes.",
        "condition_met": "remplie le {date}",
        "condition_late": "remplie le {date}, après l'échéance",
        "condition_not_met": "non remplie à l'échéance",
        "condition_open": "à échoir",
    },
    "en": {
        "title": "Go/noGo review report {ref}",
        "filename": "{ref}-review-report-{date}.docx",
        "period": "from {since} to {until}",
        "filled": "Health check filled for the review of {date}.",
        "not_filled": "The health check has not been filled: this report rests on the "
        "partnership file only. The indicators' values, the rituals held and the partners' "
        "views are unknown.",
        "none": "—",
        "yes": "Yes",
        "no": "No",
        "not_asked": "not asked",
        "reached": "reached",
        "overdue": "overdue",
        "in_progress": "in progress",
        "not_reported": "not reported",
        "no_indicator": "no indicator",
        "score_before": "{now} (previous review: {before})",
        "updated_on": "as of {date}",
        "indicator": "indicator: {name}",
        "no_red_line": "none",
        "quoted": "“{text}”",
        "met": "met",
        "partly": "partly met",
        "not_met": "not met",
        "no_finding": "No finding.",
        "no_reason": "No finding stands against going on with the partnership.",
        "note": "This is a recommendation: the steering committee decides, at the review, "
        "go, go with conditions or no go.",
        "covers_one": "This review is for the review date of {dates}.",
        "covers_many": "This review covers the review dates of {dates}: the earlier reviews "
        "were not held on their dates and are recorded as overdue.",
        "and": " and ",
        "no_condition": "No condition set at earlier reviews.",
        "condition_met": "met on {date}",
        "condition_late": "met on {date}, after the due date",
        "condition_not_met": "not met by the due date",
        "condition_open": "not yet due",
    },
}


_OUTCOMES = {
    "fr": {
        "go": "Go : poursuivre le partenariat",
        "go_with_conditions": "Go sous conditions : poursuivre en traitant les constats ci-dessous",
        "no_go": "No go : arrêter le partenariat",
    },
    "en": {
        "go": "Go: go on with the partnership",
        "go_with_conditions": "Go with conditions: go on, dealing with the findings below",
        "no_go": "No go: end the partnership",
    },
}


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
    words = _WORDS.get(language, _WORDS["en"])
    none = words["none"]
    since = period_start(partnership, review_date, previous)
    outcome = recommendation(findings)
    reasons = [presentation.finding_text(f, language) for f in recommendation_reasons(findings)]

    milestones = []
    for m in partnership.milestones:
        reported = answers.milestones.get(m.key) if answers else None
        if m.indicator is None:
            status, target, value, updated = words["no_indicator"], none, none, ""
        else:
            unit = m.indicator.unit
            target = f"{format_number(m.indicator.target, language)} {unit}"
            value = f"{format_number(reported.value, language)} {unit}" if reported else none
            updated = (
                words["updated_on"].format(date=format_date(reported.updated_on, language))
                if reported
                else ""
            )
            if reported is None:
                status = words["not_reported"]
            elif indicator_reached(m, reported.value):
                status = words["reached"]
            elif m.due < review_date:
                status = words["overdue"]
            else:
                status = words["in_progress"]
        milestones.append(
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

    rituals = []
    for i, ritual in enumerate(partnership.governance.rituals):
        held = answers.rituals.get(ritual.name) if answers else None
        rituals.append(
            {
                "name": ritual.name,
                "cadence": cadence_words(ritual, language),
                "expected": str(expected_meetings(partnership, i, since, review_date)),
                "held": str(held.held) if held else none,
            }
        )

    def score(now: PartnerAnswers, before: PartnerAnswers | None, question: str) -> str:
        value = getattr(now, question)
        if before is None:
            return str(value)
        return words["score_before"].format(now=value, before=getattr(before, question))

    partners = []
    for p in partnership.partners:
        answer = answers.partners.get(p.key) if answers else None
        if answer is None:
            partners.append(
                {
                    "name": p.name,
                    "engagement": none,
                    "trust": none,
                    "benefits": none,
                    "red_lines": [none],
                    "mission": none if p.ess else words["not_asked"],
                    "comment": none,
                }
            )
            continue
        before = previous.partners.get(p.key) if previous else None
        benefits = words[answer.benefits.perceived.value]
        if answer.benefits.comment:
            colon = " : " if language == "fr" else ": "
            benefits += colon + answer.benefits.comment
        if answer.mission_served is None:
            mission = words["not_asked"]
        else:
            mission = words["yes"] if answer.mission_served else words["no"]
        partners.append(
            {
                "name": p.name,
                "engagement": score(answer, before, "engagement"),
                "trust": score(answer, before, "trust"),
                "benefits": benefits,
                "red_lines": _red_lines(p, answer, language),
                "mission": mission,
                "comment": answer.comment or none,
            }
        )

    rows = presentation.findings_rows(findings, language) or [
        {"severity": none, "text": words["no_finding"], "path": ""}
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
        "milestones": milestones,
        "rituals": rituals,
        "partners": partners,
        "findings": rows,
        "recommendation": _OUTCOMES.get(language, _OUTCOMES["en"])[outcome.value],
        "reasons": reasons or [words["no_reason"]],
        "note": words["note"],
        "covers": _covers(periods, review_date, language),
        "conditions": _conditions(partnership, conditions, review_date, language)
        or [{"what": words["no_condition"], "owner": "", "due": "", "indicator": "", "state": ""}],
    }


def _red_lines(partner: Partner, answer: PartnerAnswers, language: str) -> list[str]:
    """The partner's red lines reported as crossed, each quoted as the file writes it (an
    answer names one by its text or by its rank); ``aucune`` when none is."""
    words = _WORDS.get(language, _WORDS["en"])
    named = []
    for entry in answer.red_lines_crossed:
        index = red_line_index(partner, entry)
        text = partner.red_lines[index] if index is not None else str(entry)
        named.append(words["quoted"].format(text=text))
    return named or [words["no_red_line"]]


def _covers(periods: Sequence[dt.date], review_date: dt.date, language: str) -> str:
    words = _WORDS.get(language, _WORDS["en"])
    days = list(periods) or [review_date]
    dates = words["and"].join(format_date(d, language) for d in days)
    return words["covers_many" if len(days) > 1 else "covers_one"].format(dates=dates)


def _conditions(
    partnership: Partnership,
    conditions: Sequence[TrackedCondition],
    review_date: dt.date,
    language: str,
) -> list[dict[str, str]]:
    words = _WORDS.get(language, _WORDS["en"])
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
    words = _WORDS.get(language, _WORDS["en"])
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
