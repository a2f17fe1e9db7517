"""Activation (signed -> active): set up the governance and issue the calendar.

Checks the governance (comité de pilotage, quorum, deadlock, one referent per partner) and
the communication plan; when nothing blocks, renders the governance charter (.docx) and the
iCalendar file, schedules the reviews, Go/noGo milestones and renewal notice, and asks for
the ``governance_set_up`` move. With a blocking finding (a partner without a referent...),
nothing is issued and the partnership stays signed until the file is corrected.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from coopact.adapters.documents.calendar_ics import ICS_MEDIA_TYPE, build_calendar, issued_at
from coopact.adapters.documents.word import DOCX_MEDIA_TYPE, render_docx, template_path
from coopact.contracts import renewal
from coopact.contracts.agreement_words import deadlock_words
from coopact.contracts.calendar_dates import History, governance_calendar, renewal_notice_date
from coopact.contracts.communication import (
    communication_findings,
    communication_plan,
    share_label,
)
from coopact.contracts.findings import blocking
from coopact.contracts.formatting import count, ensure_stop, every, format_date
from coopact.contracts.governance import effective_quorum, governance_findings, votes_by_partner
from coopact.contracts.lifecycle import Event
from coopact.contracts.power import RULE_WORDS
from coopact.contracts.working_days import meeting_days
from coopact.schemas import Partnership, add_months
from coopact.stages.base import GeneratedDocument, ScheduledItem, StageOutput, WorkContext

CHARTER_TEMPLATE = "{language}/charter.docx"


_WORDS = {
    "fr": {
        "none": "—",
        "yes": "Oui",
        "no": "Non",
        "votes": "{partner} : {n}",
        "quorum_default": "au moins un membre de chaque partenaire présent ({n} membres)",
        "quorum_stated": "{n} membres présents",
        "meets": "tous les {n} mois",
        "meets_one": "chaque mois",
        "indicator": "{name} : de {baseline} à {target} {unit}",
        "milestone": "Jalon {key} : {title}",
        "charter": "{ref}-charte-de-gouvernance.docx",
        "calendar": "{ref}-calendrier.ics",
        "charter_title": "Charte de gouvernance – {ref}",
    },
    "en": {
        "none": "—",
        "yes": "Yes",
        "no": "No",
        "votes": "{partner}: {n}",
        "quorum_default": "at least one member of each partner present ({n} members)",
        "quorum_stated": "{n} members present",
        "meets": "every {n} months",
        "meets_one": "every month",
        "indicator": "{name}: from {baseline} to {target} {unit}",
        "milestone": "Milestone {key}: {title}",
        "charter": "{ref}-governance-charter.docx",
        "calendar": "{ref}-calendar.ics",
        "charter_title": "Governance charter – {ref}",
    },
}


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def renewal_schedule(partnership: Partnership) -> list[ScheduledItem]:
    """Reminders ahead of the renewal notice deadline, and the end of the term."""
    deadline = renewal.notice_deadline(partnership)
    items = [
        ScheduledItem(renewal.RENEWAL_REMINDER, day, f"J-{(deadline - day).days}")
        for day in renewal.reminder_dates(partnership)
    ]
    items.append(ScheduledItem(renewal.TERM_END, partnership.end_date, "term"))
    return items


def first_year_calendar(
    partnership: Partnership, history: History | None = None
) -> list[tuple[dt.date, str]]:
    """Every dated appointment of the first twelve months: rituals, milestones, reviews (the
    reviews held before an avenant as held, :func:`governance_calendar`)."""
    language = partnership.language.value
    words = _WORDS.get(language, _WORDS["en"])
    start = partnership.start_date
    until = min(add_months(start, 12) - dt.timedelta(days=1), partnership.end_date)
    rows: list[tuple[dt.date, int, str]] = []
    before = history.rituals if history is not None else ()
    for n, ritual in enumerate(partnership.governance.rituals):
        old = before[n] if n < len(before) else None
        if history is None or old is None or old == ritual:
            rows.extend((day, 0, ritual.name) for day in meeting_days(ritual, start, until))
            continue
        last = min(until, history.since - dt.timedelta(days=1))  # as it was held
        rows.extend((day, 0, old.name) for day in meeting_days(old, start, last))
        if history.since <= until:
            rows.extend((d, 0, ritual.name) for d in meeting_days(ritual, history.since, until))
    rows.extend(
        (m.due, 1, words["milestone"].format(key=m.key, title=m.title))
        for m in partnership.milestones
        if start <= m.due <= until
    )
    rows.extend(
        (item.due_on, 2, item.subject)
        for item in governance_calendar(partnership, history)
        if item.kind != "gate_milestone" and start <= item.due_on <= until
    )
    return [(day, text) for day, _, text in sorted(rows, key=lambda r: (r[0], r[1]))]


def charter_context(
    partnership: Partnership, reference: str, history: History | None = None
) -> dict[str, Any]:
    """Everything the charter template shows, as plain strings; conditions decided here."""
    language = partnership.language.value
    words = _WORDS.get(language, _WORDS["en"])
    return {
        "reference": reference,
        "footer": words["charter_title"].format(ref=reference),
        "title": partnership.title,
        "start": format_date(partnership.start_date, language),
        "end": format_date(partnership.end_date, language),
        "partners": [p.name for p in partnership.partners],
        "committee": _committee(partnership, language),
        "team": _team(partnership, language),
        "rituals": _rituals(partnership, language),
        "milestones": _milestones(partnership, language),
        "reviews_every": str(partnership.reviews.every_months),
        "reviews_cadence": every(partnership.reviews.every_months, "months", language),
        "renewal_notice": format_date(renewal_notice_date(partnership), language),
        "first_year_end": format_date(
            min(
                add_months(partnership.start_date, 12) - dt.timedelta(days=1),
                partnership.end_date,
            ),
            language,
        ),
        "calendar": [
            {"date": format_date(day, language), "what": what}
            for day, what in first_year_calendar(partnership, history)
        ],
    }


def _committee(partnership: Partnership, language: str) -> dict[str, Any]:
    """The comité de pilotage: how often it meets, its members, its decision rule, each
    partner's votes, its quorum and what breaks a deadlock."""
    words = _WORDS.get(language, _WORDS["en"])
    names = {p.key: p.name for p in partnership.partners}
    committee = partnership.governance.steering_committee
    quorum = effective_quorum(partnership)
    quorum_text = words["quorum_default"] if quorum.one_per_partner else words["quorum_stated"]
    vote_words = ("voix", "voix") if language == "fr" else ("vote", "votes")
    return {
        "meets": every(committee.meets_every_months, "months", language),
        "members": [
            {
                "name": m.name,
                "partner": names[m.partner],
                "role": m.role or words["none"],
                "votes": str(m.votes),
            }
            for m in committee.members
        ],
        "rule": RULE_WORDS.get(language, RULE_WORDS["en"])[committee.decision_rule],
        "votes": ", ".join(
            words["votes"].format(partner=names[k], n=count(n, *vote_words, language))
            for k, n in votes_by_partner(partnership).items()
        ),
        "quorum": quorum_text.format(n=quorum.members),
        "deadlock": ensure_stop(deadlock_words(committee.deadlock, language))
        if committee.deadlock
        else words["none"],
    }


def _team(partnership: Partnership, language: str) -> list[dict[str, str]]:
    """Each partner's referent: name, role and email."""
    none = _WORDS.get(language, _WORDS["en"])["none"]
    return [
        {
            "partner": p.name,
            "name": p.referent.name,
            "role": p.referent.role,
            "email": p.referent.email or none,
        }
        for p in partnership.partners
        if p.referent is not None
    ]


def _rituals(partnership: Partnership, language: str) -> list[dict[str, Any]]:
    """Each ritual of the communication plan: its cadence, its participants, what it shares."""
    names = {p.key: p.name for p in partnership.partners}
    return [
        {
            "name": entry.name,
            "cadence": every(ritual.every_weeks, "weeks", language)
            if ritual.every_weeks
            else every(ritual.every_months or 1, "months", language),
            "participants": ", ".join(names.get(k, k) for k in entry.participants),
            "participant_list": [names.get(k, k) for k in entry.participants],
            "shares": ", ".join(share_label(s, language) for s in entry.shares),
        }
        for entry, ritual in zip(
            communication_plan(partnership), partnership.governance.rituals, strict=True
        )
    ]


def _milestones(partnership: Partnership, language: str) -> list[dict[str, str]]:
    """Each milestone: its owner, its indicator (from baseline to target), its due date and
    whether it is a Go/noGo gate."""
    words = _WORDS.get(language, _WORDS["en"])
    names = {p.key: p.name for p in partnership.partners}
    return [
        {
            "key": m.key,
            "title": m.title,
            "owner": names[m.owner],
            "indicator": words["indicator"].format(
                name=m.indicator.name,
                baseline=_number(m.indicator.baseline),
                target=_number(m.indicator.target),
                unit=m.indicator.unit,
            )
            if m.indicator is not None
            else words["none"],
            "due": format_date(m.due, language),
            "gate": words["yes"] if m.gate else words["no"],
        }
        for m in partnership.milestones
    ]


def run(
    partnership: Partnership,
    ctx: WorkContext,
    *,
    history: History | None = None,
    previous: bytes | None = None,
) -> StageOutput:
    """Check the governance; when nothing blocks, issue the charter and the calendar. Re-issued
    after an avenant: ``history`` keeps the past as it was, ``previous`` (the calendar issued
    before) gives the events their UIDs and SEQUENCE."""
    findings = governance_findings(partnership) + communication_findings(partnership)
    blockers = blocking(findings)
    if blockers:
        return StageOutput(
            findings=findings,
            summary=f"governance not set up: {len(blockers)} blocking finding"
            f"{'s' if len(blockers) != 1 else ''} to resolve before activation",
        )
    inputs = _inputs(partnership, ctx.reference, history)
    documents = [
        _charter(partnership, ctx, inputs, history),
        _calendar(partnership, ctx, inputs, history, previous),
    ]
    schedule = [
        ScheduledItem(kind=item.kind, due_on=item.due_on, subject=item.subject)
        for item in governance_calendar(partnership, history)
    ] + renewal_schedule(partnership)
    rituals = len(partnership.governance.rituals)
    return StageOutput(
        findings=findings,
        documents=documents,
        schedule=schedule,
        event=Event.governance_set_up,
        summary=f"governance set up: charter and calendar issued ({rituals} rituals, "
        f"{len(schedule)} dated items scheduled)",
    )


def _inputs(partnership: Partnership, reference: str, history: History | None) -> dict[str, Any]:
    """What the charter and the calendar are made from: the file, and on a re-issue the past
    it keeps."""
    inputs = {
        "reference": reference,
        "partnership": partnership.model_dump(mode="json", by_alias=True),
    }
    if history is not None:  # a re-issue: the past it keeps
        inputs["history"] = {
            "since": history.since.isoformat(),
            "held": [day.isoformat() for day in history.held],
            "rituals": [r.model_dump(mode="json", by_alias=True) for r in history.rituals],
        }
    return inputs


def _charter(
    partnership: Partnership, ctx: WorkContext, inputs: dict[str, Any], history: History | None
) -> GeneratedDocument:
    """The governance charter (.docx), dated when the partnership was issued."""
    language = partnership.language.value
    words = _WORDS.get(language, _WORDS["en"])
    template_name = CHARTER_TEMPLATE.format(language=language)
    charter = render_docx(
        template_path(ctx.templates, template_name),
        charter_context(partnership, ctx.reference, history),
        title=words["charter_title"].format(ref=ctx.reference),
        language=language,
        created=issued_at(partnership).replace(tzinfo=None),
    )
    return GeneratedDocument(
        kind="charter",
        language=language,
        filename=words["charter"].format(ref=ctx.reference),
        media_type=DOCX_MEDIA_TYPE,
        content=charter,
        inputs={**inputs, "template": template_name},
    )


def _calendar(
    partnership: Partnership,
    ctx: WorkContext,
    inputs: dict[str, Any],
    history: History | None,
    previous: bytes | None,
) -> GeneratedDocument:
    """The iCalendar file, stamped with the time this work runs (its DTSTAMP)."""
    language = partnership.language.value
    words = _WORDS.get(language, _WORDS["en"])
    generated = ctx.generation_time
    return GeneratedDocument(
        kind="calendar",
        language=language,
        filename=words["calendar"].format(ref=ctx.reference),
        media_type=ICS_MEDIA_TYPE,
        content=build_calendar(
            partnership, ctx.reference, generated, history=history, previous=previous
        ),
        inputs={**inputs, "generated_at": generated.isoformat()},
        created_at=generated,
    )
