"""The procès-verbal du comité de pilotage (.docx, French or English): the form of the
deliberation (a meeting in person with its place, by video conference, or a written
consultation with its opening and closing dates), chair and secretary, attendance (present,
represented and by whom, absent), the quorum and the powers as the agreement's governance
article states them, each member's position and the decision in words, the conditions set
and the findings examined; signed by the chair and the secretary.

coopact records the members' votes one by one; how they were cast is the review's meeting
record (:mod:`contracts.meeting`). Without one, the review is a written consultation, opened
on the review date and closed when the committee's rule was met.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coopact.adapters.documents.word import DOCX_MEDIA_TYPE, render_docx, template_path
from coopact.contracts.committee import deadlock_words
from coopact.contracts.exit import effective_date
from coopact.contracts.findings import Finding
from coopact.contracts.formatting import format_date
from coopact.contracts.governance import chair_of, effective_quorum, quorum_words, secretary_of
from coopact.contracts.meeting import Meeting, MeetingForm
from coopact.contracts.power import RULE_WORDS
from coopact.schemas import Partnership
from coopact.schemas.partnership import CommitteeMember
from coopact.stages import presentation
from coopact.stages.articles import Article, act_name, articles
from coopact.stages.base import GeneratedDocument
from coopact.stages.minutes_words import OUTCOME_WORDS, POSITION_WORDS, WORDS

KIND = "minutes"

__all__ = ["KIND", "ConditionView", "Vote", "generate"]


def _covers(days: Sequence[dt.date], language: str) -> str:
    words = WORDS.get(language, WORDS["en"])
    named = [format_date(d, language) for d in days]
    dates = (
        words["comma"].join(named[:-1]) + words["and"] + named[-1] if len(named) > 1 else named[0]
    )
    return words["covers_many" if len(days) > 1 else "covers_one"].format(dates=dates)


@dataclass(frozen=True)
class Vote:
    name: str
    partner_key: str | None
    outcome: str
    reason: str


@dataclass(frozen=True)
class ConditionView:
    what: str
    owner: str
    due_on: dt.date
    indicator: str | None


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _member_rows(
    partnership: Partnership, votes: Sequence[Vote], refused: Sequence[str], language: str
) -> list[dict[str, str]]:
    """Each member's position in words."""
    words = WORDS.get(language, WORDS["en"])
    positions = POSITION_WORDS.get(language, POSITION_WORDS["en"])
    names = {p.key: p.name for p in partnership.partners}
    rows = []
    for member in partnership.governance.steering_committee.members:
        vote = next((v for v in votes if _same(v.name, member.name)), None)
        if vote is not None:
            position, reason = positions[vote.outcome], vote.reason
        elif any(_same(name, member.name) for name in refused):
            position, reason = positions["go_refused"], words["refused_reason"]
        else:
            position, reason = positions["none"], words["none"]
        rows.append(
            {
                "name": member.name,
                "partner": names.get(member.partner, member.partner),
                "weight": str(member.votes),
                "vote": position,
                "reason": reason,
            }
        )
    return rows


@dataclass(frozen=True)
class _Attendance:
    lines: list[str]  # the attendance as the minutes state it
    counted: list[CommitteeMember]  # the members the quorum counts


def _attendance(
    partnership: Partnership,
    votes: Sequence[Vote],
    refused: Sequence[str],
    meeting: Meeting,
    language: str,
) -> _Attendance:
    """Who took part and who did not (a written consultation); who was present, represented
    (by whom) and absent (a meeting)."""
    words = WORDS.get(language, WORDS["en"])
    names = {p.key: p.name for p in partnership.partners}
    members = partnership.governance.steering_committee.members
    voters = [v.name for v in votes] + list(refused)
    took = [m for m in members if any(_same(n, m.name) for n in voters)]

    def label(member: CommitteeMember) -> str:
        return f"{member.name} ({names.get(member.partner, member.partner)})"

    def line(key: str, found: Sequence[str]) -> str:
        return words[key].format(names="; ".join(found) or words["nobody"])

    if not meeting.is_meeting:
        absent = [label(m) for m in members if m not in took]
        lines = [line("took_part", [label(m) for m in took])]
        return _Attendance(lines + ([line("absent", absent)] if absent else []), took)
    proxies = {m.name: meeting.proxy_of(m.name) for m in members}
    represented = [m for m in members if proxies[m.name]]
    # present: who voted in person, and the members who chaired, kept the minutes or held a
    # proxy at the meeting
    acting = [meeting.chair, meeting.secretary, *proxies.values()]
    present = [
        m for m in members
        if not proxies[m.name] and (m in took or any(_same(a or "", m.name) for a in acting))
    ]  # fmt: skip
    absent = [label(m) for m in members if m not in present and not proxies[m.name]]
    lines = [line("present", [label(m) for m in present])]
    if represented:
        given = [words["proxy"].format(member=label(m), proxy=proxies[m.name]) for m in represented]
        lines.append(line("represented", given))
    if absent:
        lines.append(line("absent_meeting", absent))
    return _Attendance(lines, present + represented)


def _quorum(
    partnership: Partnership, counted: Sequence[CommitteeMember], governance: Article, language: str
) -> tuple[str, bool]:
    """The quorum line, and whether it is met by the members ``counted``."""
    words = WORDS.get(language, WORDS["en"])
    quorum = effective_quorum(partnership)
    if quorum.one_per_partner:
        met = {m.partner for m in counted} >= {p.key for p in partnership.partners}
    else:
        met = len(counted) >= quorum.members
    line = words["quorum"].format(
        article=governance.cited(language),
        quorum=quorum_words(partnership),
        state=words["quorum_met" if met else "quorum_not_met"],
    )
    return line, met


def _form(
    meeting: Meeting, opened: dt.date, closed: dt.date, covers: Sequence[dt.date], language: str
) -> str:
    """How the committee deliberated: the meeting's form, day and place, or the written
    consultation's dates."""
    words = WORDS.get(language, WORDS["en"])
    review = _covers(covers or [opened], language)
    if meeting.form is MeetingForm.written:
        return words["form"].format(
            opened=format_date(meeting.held_on or opened, language),
            covers=review,
            closed=format_date(_made_on(meeting, opened, closed), language),
        )
    assert meeting.held_on is not None
    held = format_date(meeting.held_on, language)
    text = words[f"form_{meeting.form.value}"].format(held=held, covers=review)
    if meeting.place:
        text += " " + words["place"].format(place=meeting.place)
    return text


def _made_on(meeting: Meeting, opened: dt.date, closed: dt.date) -> dt.date:
    """The day the deliberation ended: the meeting's, or the consultation's closing day."""
    if meeting.is_meeting and meeting.held_on:
        return meeting.held_on
    return max(meeting.closed_on or closed, meeting.held_on or opened)


def _signatures(chair: str, secretary: str | None, language: str) -> list[dict[str, str]]:
    """The chair signs the minutes, and the secretary who kept them."""
    words = WORDS.get(language, WORDS["en"])
    signers = [(words["chair_title"], chair)]
    if secretary and not _same(secretary, chair):
        signers.append((words["secretary_title"], secretary))
    return [{"title": t, "name": n, "signature": words["signature"]} for t, n in signers]


def _decision(
    partnership: Partnership,
    outcome: str,
    mediation: Vote | None,
    quorum_met: bool,
    date: dt.date,
    found: Mapping[str, Article],
) -> list[str]:
    """The decision in words: the committee's, or the deadlock procedure's when the
    committee could not decide (by its rule, or for want of a quorum)."""
    language = partnership.language.value
    words = WORDS.get(language, WORDS["en"])
    outcomes = OUTCOME_WORDS.get(language, OUTCOME_WORDS["en"])
    if mediation is None:
        notes = [words["decision"].format(outcome=outcomes[outcome])]
    else:
        notes = [
            words["mediated"].format(
                cause=words["cause_rule" if quorum_met else "cause_quorum"],
                procedure=deadlock_words(partnership),
                name=mediation.name,
                outcome=outcomes[mediation.outcome],
                reason=mediation.reason,
            )
        ]
    if outcome == "no_go":
        termination = found.get("termination") or Article(0, "")
        notes.append(
            words["no_go"].format(
                termination=termination.cited(language),
                effective=format_date(effective_date(partnership, "no_go", date), language),
            )
        )
    return notes


def generate(
    partnership: Partnership,
    reference: str,
    templates: Path,
    *,
    date: dt.date,
    covers: Sequence[dt.date],
    votes: Sequence[Vote],
    mediation: Vote | None,
    outcome: str,
    conditions: Sequence[ConditionView],
    findings: Sequence[Finding],
    closed_on: dt.date | None = None,
    refused: Sequence[str] = (),
    signed_clauses: Mapping[str, Any] | None = None,
    meeting: Meeting | None = None,
) -> GeneratedDocument:
    """``date``: the day the review opened; ``closed_on``: the day the committee's rule was
    met (the same day by default); ``refused``: members whose go was refused over a
    blocking finding and who voted nothing else; ``meeting``: how the committee
    deliberated (None: a written consultation from ``date`` to ``closed_on``)."""
    language = partnership.language.value
    words = WORDS.get(language, WORDS["en"])
    meeting = meeting or Meeting()
    found = articles(partnership, templates, signed_clauses)
    governance = found.get("governance") or Article(0, "")
    closed = max(closed_on or date, date)
    made_on = _made_on(meeting, date, closed)
    present = _attendance(partnership, votes, refused, meeting, language)
    quorum, quorum_met = _quorum(partnership, present.counted, governance, language)
    chair = meeting.chair or chair_of(partnership)
    secretary = meeting.secretary or secretary_of(partnership)
    context = {
        **_heading(partnership, reference, made_on),
        "form": _form(meeting, date, closed, covers, language),
        "officers": words["officers"].format(
            chair=chair, secretary=secretary or words["no_secretary"]
        ),
        "attendance": present.lines,
        "quorum": quorum,
        "powers": _powers(partnership, governance),
        "votes": _member_rows(partnership, votes, refused, language),
        "decision_notes": _decision(partnership, outcome, mediation, quorum_met, date, found),
        "conditions": _condition_rows(partnership, conditions, language),
        "findings": presentation.findings_rows(list(findings), language)
        or [{"severity": words["none"], "text": words["no_finding"], "path": ""}],
        "made": words["made"].format(date=format_date(made_on, language)),
        "signatures": _signatures(chair, secretary, language),
    }
    return _document(partnership, reference, templates, context, date, meeting.held_on or date)


def _heading(partnership: Partnership, reference: str, made_on: dt.date) -> dict[str, str]:
    """The minutes' heading, their footer (reference and date) and the act they belong to."""
    language = partnership.language.value
    words = WORDS.get(language, WORDS["en"])
    act = act_name(partnership)
    return {
        "heading": words["heading"],
        "footer": words["footer"].format(ref=reference, date=format_date(made_on, language)),
        "subtitle": words["subtitle"].format(
            Act=act[0].upper() + act[1:], ref=reference, title=partnership.title
        ),
    }


def _powers(partnership: Partnership, governance: Article) -> str:
    """The committee's powers: the governance article and the committee's decision rule."""
    language = partnership.language.value
    words = WORDS.get(language, WORDS["en"])
    return words["powers"].format(
        article=governance.cited(language),
        rule=RULE_WORDS.get(language, RULE_WORDS["en"])[
            partnership.governance.steering_committee.decision_rule
        ],
    )


def _document(
    partnership: Partnership,
    reference: str,
    templates: Path,
    context: dict[str, Any],
    opened: dt.date,
    held_on: dt.date,
) -> GeneratedDocument:
    """The minutes rendered from ``context`` (dated from the review's opening day), named
    after the day the committee met."""
    language = partnership.language.value
    words = WORDS.get(language, WORDS["en"])
    name = f"{language}/{KIND}.docx"
    content = render_docx(
        template_path(templates, name),
        context,
        title=words["title"].format(ref=reference),
        language=language,
        created=presentation.created_at(opened),
    )
    return GeneratedDocument(
        kind=KIND,
        language=language,
        filename=words["filename"].format(ref=reference, date=held_on.isoformat()),
        media_type=DOCX_MEDIA_TYPE,
        content=content,
        inputs={"template": name, "context": context},
    )


def _condition_rows(
    partnership: Partnership, conditions: Sequence[ConditionView], language: str
) -> list[dict[str, str]]:
    words = WORDS.get(language, WORDS["en"])
    names = {p.key: p.name for p in partnership.partners}
    return [
        {
            "what": c.what,
            "owner": names.get(c.owner, c.owner),
            "due": format_date(c.due_on, language),
            "indicator": c.indicator or words["none"],
        }
        for c in conditions
    ] or [{"what": words["no_condition"], "owner": "", "due": "", "indicator": ""}]
