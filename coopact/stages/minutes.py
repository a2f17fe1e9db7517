"""The procès-verbal du comité de pilotage (.docx, French or English): the form of the
deliberation and its dates, chair and secretary, who took part, the quorum and the powers as
the agreement's governance article states them, each member's position and the decision in
words, the conditions set and the findings examined; signed by the chair.

coopact records the members' votes one by one, in writing (the command line or a personal
link): the review is a written consultation, opened on the review date and closed when the
committee's rule was met.
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
from coopact.contracts.governance import (
    RULE_WORDS,
    chair_of,
    effective_quorum,
    quorum_words,
    secretary_of,
)
from coopact.schemas import Partnership
from coopact.stages import presentation
from coopact.stages.articles import Article, act_name, articles
from coopact.stages.base import GeneratedDocument
from coopact.stages.minutes_words import OUTCOME_WORDS, POSITION_WORDS, WORDS

KIND = "minutes"

__all__ = ["KIND", "OUTCOME_WORDS", "ConditionView", "Vote", "generate"]


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
) -> tuple[list[dict[str, str]], list[str], list[str]]:
    """Each member's position in words; who took part, who did not."""
    words = WORDS.get(language, WORDS["en"])
    positions = POSITION_WORDS.get(language, POSITION_WORDS["en"])
    names = {p.key: p.name for p in partnership.partners}
    rows, took_part, absent = [], [], []
    for member in partnership.governance.steering_committee.members:
        vote = next((v for v in votes if _same(v.name, member.name)), None)
        label = f"{member.name} ({names.get(member.partner, member.partner)})"
        if vote is not None:
            position, reason = positions[vote.outcome], vote.reason
            took_part.append(label)
        elif any(_same(name, member.name) for name in refused):
            position, reason = positions["go_refused"], words["refused_reason"]
            took_part.append(label)
        else:
            position, reason = positions["none"], words["none"]
            absent.append(label)
        rows.append(
            {
                "name": member.name,
                "partner": names.get(member.partner, member.partner),
                "weight": str(member.votes),
                "vote": position,
                "reason": reason,
            }
        )
    return rows, took_part, absent


def _quorum_line(
    partnership: Partnership, votes: Sequence[Vote], governance: Article, language: str
) -> str:
    words = WORDS.get(language, WORDS["en"])
    quorum = effective_quorum(partnership)
    voters = [m for m in partnership.governance.steering_committee.members
              if any(_same(v.name, m.name) for v in votes)]  # fmt: skip
    if quorum.one_per_partner:
        met = {m.partner for m in voters} == {p.key for p in partnership.partners}
    else:
        met = len(voters) >= quorum.members
    return words["quorum"].format(
        article=governance.cited(language),
        quorum=quorum_words(partnership),
        state=words["quorum_met" if met else "quorum_not_met"],
    )


def _decision(
    partnership: Partnership,
    outcome: str,
    mediation: Vote | None,
    date: dt.date,
    found: Mapping[str, Article],
) -> list[str]:
    language = partnership.language.value
    words = WORDS.get(language, WORDS["en"])
    outcomes = OUTCOME_WORDS.get(language, OUTCOME_WORDS["en"])
    notes = [words["decision"].format(outcome=outcomes[outcome])]
    if mediation is not None:
        notes.append(
            words["mediated"].format(
                procedure=deadlock_words(partnership),
                name=mediation.name,
                outcome=outcomes[mediation.outcome],
                reason=mediation.reason,
            )
        )
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
) -> GeneratedDocument:
    """``date``: the day the review opened; ``closed_on``: the day the committee's rule was
    met (the same day by default); ``refused``: members whose go was refused over a
    blocking finding and who voted nothing else."""
    language = partnership.language.value
    words = WORDS.get(language, WORDS["en"])
    names = {p.key: p.name for p in partnership.partners}
    committee = partnership.governance.steering_committee
    found = articles(partnership, templates, signed_clauses)
    governance = found.get("governance") or Article(0, "")
    closed = max(closed_on or date, date)
    rows, took_part, absent = _member_rows(partnership, votes, refused, language)
    chair = chair_of(partnership)
    act = act_name(partnership)
    context = {
        "heading": words["heading"],
        "footer": words["footer"].format(ref=reference, date=format_date(closed, language)),
        "subtitle": words["subtitle"].format(
            Act=act[0].upper() + act[1:], ref=reference, title=partnership.title
        ),
        "form": words["form"].format(
            opened=format_date(date, language),
            covers=_covers(covers or [date], language),
            closed=format_date(closed, language),
        ),
        "officers": words["officers"].format(
            chair=chair, secretary=secretary_of(partnership) or words["no_secretary"]
        ),
        "took_part": words["took_part"].format(names="; ".join(took_part) or words["none"]),
        "absent": [words["absent"].format(names="; ".join(absent))] if absent else [],
        "quorum": _quorum_line(partnership, votes, governance, language),
        "powers": words["powers"].format(
            article=governance.cited(language),
            rule=RULE_WORDS.get(language, RULE_WORDS["en"])[committee.decision_rule],
        ),
        "votes": rows,
        "decision_notes": _decision(partnership, outcome, mediation, date, found),
        "conditions": [
            {
                "what": c.what,
                "owner": names.get(c.owner, c.owner),
                "due": format_date(c.due_on, language),
                "indicator": c.indicator or words["none"],
            }
            for c in conditions
        ]
        or [{"what": words["no_condition"], "owner": "", "due": "", "indicator": ""}],
        "findings": presentation.findings_rows(list(findings), language)
        or [{"severity": words["none"], "text": words["no_finding"], "path": ""}],
        "made": words["made"].format(date=format_date(closed, language)),
        "chair": {"title": words["chair_title"], "name": chair, "signature": words["signature"]},
    }
    name = f"{language}/{KIND}.docx"
    content = render_docx(
        template_path(templates, name),
        context,
        title=words["title"].format(ref=reference),
        language=language,
        created=presentation.created_at(date),
    )
    return GeneratedDocument(
        kind=KIND,
        language=language,
        filename=words["filename"].format(ref=reference, date=date.isoformat()),
        media_type=DOCX_MEDIA_TYPE,
        content=content,
        inputs={"template": name, "context": context},
    )
