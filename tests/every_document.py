"""Every kind of Word document coopact writes, for one partnership file, by the stage work
that writes it in the lifecycle (no database): the vision note, the balance report, the
agreement, the charter, a Go/noGo review report with its health check, the minutes of the
committee that votes on it, an avenant, a termination letter and an exit statement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from coopact.contracts.conditions import Condition, TrackedCondition
from coopact.contracts.exit import effective_date
from coopact.contracts.review import review_findings
from coopact.schemas import Partnership, add_months
from coopact.schemas.review import ReviewAnswers
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


def every_document(
    partnership: Partnership, templates: Path, kinds: Sequence[str] = KINDS
) -> dict[str, GeneratedDocument]:
    """The documents of ``kinds`` (all nine by default) for ``partnership``."""
    return {kind: _MAKERS[kind](partnership, templates) for kind in kinds}


def _ref(partnership: Partnership) -> str:
    return partnership.reference or "P-2027-001"


def _ctx(partnership: Partnership, templates: Path) -> WorkContext:
    return WorkContext(_ref(partnership), templates, partnership.start_date)


def _charter(partnership: Partnership, templates: Path) -> GeneratedDocument:
    output = governance.run(partnership, _ctx(partnership, templates))
    (charter,) = [d for d in output.documents if d.kind == "charter"]
    return charter


def _review_date(partnership: Partnership) -> dt.date:
    return add_months(partnership.start_date, 6)


def _condition(partnership: Partnership) -> Condition:
    """A condition set at an earlier review, due a month before this one, not met."""
    french = partnership.language.value == "fr"
    return Condition(
        "Plan de recrutement présenté" if french else "Hiring plan",
        partnership.partners[-1].key,
        _review_date(partnership) - dt.timedelta(days=30),
        None,
    )


def _review_report(partnership: Partnership, templates: Path) -> GeneratedDocument:
    review_date = _review_date(partnership)
    ctx = WorkContext(
        _ref(partnership),
        templates,
        review_date,
        review_answers=health_check(partnership, review_date),
        conditions=[TrackedCondition(_condition(partnership), None)],
        review_periods=[review_date],
    )
    return review.run(partnership, ctx).documents[0]


def _minutes(partnership: Partnership, templates: Path) -> GeneratedDocument:
    review_date = _review_date(partnership)
    answers = ReviewAnswers.model_validate(health_check(partnership, review_date))
    condition = _condition(partnership)
    committee = partnership.governance.steering_committee.members
    return minutes.generate(
        partnership,
        _ref(partnership),
        templates,
        date=review_date,
        covers=[review_date],
        votes=[  # the last member does not vote
            minutes.Vote(m.name, m.partner, "go_with_conditions", "Sous réserve du plan.")
            for m in committee[:-1]
        ],
        mediation=None,
        outcome="go_with_conditions",
        conditions=[
            minutes.ConditionView(
                condition.what, condition.owner, add_months(review_date, 2), "Signé"
            )
        ],
        findings=review_findings(partnership, answers, None),
    )


def _avenant(partnership: Partnership, templates: Path) -> GeneratedDocument:
    facts = avenant.AvenantFacts(
        number=1,
        kind="amendment",
        changed=_changed_paths(),
        effective_on=add_months(partnership.start_date, 8),
    )
    return avenant.generate(partnership, _amended(partnership), _ref(partnership), templates, facts)


def _exit(partnership: Partnership) -> exit_acts.ExitFacts:
    """A no go decided a year in: its decision date and effective date."""
    decided = add_months(partnership.start_date, 12)
    effective = effective_date(partnership, "no_go", decided)
    return exit_acts.ExitFacts(cause="no_go", decided_on=decided, effective_on=effective)


_MAKERS: dict[str, Callable[[Partnership, Path], GeneratedDocument]] = {
    "vision_note": lambda p, t: vision.run(p, _ctx(p, t)).documents[0],
    "balance_report": lambda p, t: balance.run(p, _ctx(p, t)).documents[0],
    "agreement": lambda p, t: agreement.generate(p, _ctx(p, t)),
    "charter": _charter,
    "review_report": _review_report,
    "minutes": _minutes,
    "avenant": _avenant,
    "termination_letter": lambda p, t: exit_acts.letter(p, _ref(p), t, _exit(p)),
    "exit_statement": lambda p, t: exit_acts.statement(p, _ref(p), t, _exit(p)),
}


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
