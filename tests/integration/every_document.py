"""Every kind of Word document coopact writes, for one partnership file, by the stage work
that writes it in the lifecycle (no database): the vision note, the balance report, the
agreement, the charter, a Go/noGo review report with its health check, the minutes of the
committee that votes on it, an avenant, a termination letter and an exit statement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from contracts.conditions import Condition, TrackedCondition
from contracts.review import review_findings
from coopact.stages import (
    agreement,
    avenant,
    balance,
    exit_acts,
    governance,
    minutes,
    review,
    vision,
)
from coopact.stages.base import GeneratedDocument, WorkContext
from schemas import Partnership, add_months

KINDS = (
    "vision_note",
    "balance_report",
    "agreement",
    "charter",
    "review_report",
    "minutes",
    "avenant",
    "termination_letter",
    "exit_statement",
)


def health_check(partnership: Partnership, review_date: dt.date) -> dict[str, Any]:
    """A health check with the cases a reader must read right: a red line crossed (named),
    a ritual held once, a milestone reported, benefits only partly met."""
    partners: dict[str, Any] = {}
    for index, p in enumerate(partnership.partners):
        answer: dict[str, Any] = {
            "engagement": 4,
            "trust": 3 if index else 4,
            "benefits": {"perceived": "partly", "comment": "Premier versement reçu."}
            if index == 0
            else {"perceived": "met"},
            "red_lines_crossed": [0] if index == 0 and p.red_lines else [],
            "comment": "Bonne dynamique." if partnership.language.value == "fr" else "Going well.",
        }
        if p.ess:
            answer["mission_served"] = True
        partners[p.key] = answer
    return {
        "review_date": review_date.isoformat(),
        "partners": partners,
        "milestones": {
            m.key: {"value": 5, "updated_on": (review_date - dt.timedelta(days=14)).isoformat()}
            for m in partnership.milestones
            if m.indicator is not None
        },
        "rituals": {r.name: {"held": 1} for r in partnership.governance.rituals},
    }


def every_document(partnership: Partnership, templates: Path) -> dict[str, GeneratedDocument]:
    reference = partnership.reference or "P-2027-001"
    start = partnership.start_date
    ctx = WorkContext(reference, templates, start)
    documents: dict[str, GeneratedDocument] = {}
    documents["vision_note"] = vision.run(partnership, ctx).documents[0]
    documents["balance_report"] = balance.run(partnership, ctx).documents[0]
    documents["agreement"] = agreement.generate(partnership, ctx)
    (charter,) = [d for d in governance.run(partnership, ctx).documents if d.kind == "charter"]
    documents["charter"] = charter

    review_date = add_months(start, 6)
    owner = partnership.partners[-1].key
    condition = Condition(
        "Plan de recrutement présenté" if partnership.language.value == "fr" else "Hiring plan",
        owner,
        review_date - dt.timedelta(days=30),
        None,
    )
    answers = health_check(partnership, review_date)
    review_ctx = WorkContext(
        reference,
        templates,
        review_date,
        review_answers=answers,
        conditions=[TrackedCondition(condition, None)],
        review_periods=[review_date],
    )
    documents["review_report"] = review.run(partnership, review_ctx).documents[0]

    from schemas.review import ReviewAnswers

    findings = review_findings(partnership, ReviewAnswers.model_validate(answers), None)
    committee = partnership.governance.steering_committee.members
    votes = [
        minutes.Vote(m.name, m.partner, "go_with_conditions", "Sous réserve du plan.")
        for m in committee[:-1]
    ]  # the last member does not vote
    documents["minutes"] = minutes.generate(
        partnership,
        reference,
        templates,
        date=review_date,
        covers=[review_date],
        votes=votes,
        mediation=None,
        outcome="go_with_conditions",
        conditions=[
            minutes.ConditionView(condition.what, owner, add_months(review_date, 2), "Signé")
        ],
        findings=findings,
    )

    after = _amended(partnership)
    documents["avenant"] = avenant.generate(
        partnership,
        after,
        reference,
        templates,
        number=1,
        kind="amendment",
        changed=_changed_paths(),
        effective_on=add_months(start, 8),
    )
    decided = add_months(start, 12)
    effective = exit_acts.effective_date(partnership, "no_go", decided)
    documents["termination_letter"] = exit_acts.letter(
        partnership, reference, templates, cause="no_go", decided_on=decided, effective_on=effective
    )
    documents["exit_statement"] = exit_acts.statement(
        partnership, reference, templates, cause="no_go", decided_on=decided, effective_on=effective
    )
    return documents


def _changed_paths() -> list[str]:
    return [
        "contributions[0].amount_eur",
        "milestones[0].due",
        "governance.steering_committee.meets_every_months",
        "notice_months",
    ]


def _amended(partnership: Partnership) -> Partnership:
    data = partnership.model_dump(mode="json", by_alias=True, exclude_none=True)
    first = data["contributions"][0]
    if "amount_eur" in first:
        first["amount_eur"] = str(Decimal(str(first["amount_eur"])) + 15000)
    data["milestones"][0]["due"] = (
        dt.date.fromisoformat(data["milestones"][0]["due"]) + dt.timedelta(days=31)
    ).isoformat()
    data["governance"]["steering_committee"]["meets_every_months"] = 4
    data["notice_months"] = int(data["notice_months"]) + 1
    return Partnership.model_validate(data)
