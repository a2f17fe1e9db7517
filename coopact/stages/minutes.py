"""The procès-verbal du comité de pilotage: the votes of a review, the decision, the
conditions set and the findings examined (.docx, French or English)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from contracts.committee import deadlock_words, quorum_of
from contracts.findings import Finding
from contracts.formatting import count, format_date
from contracts.governance import RULE_WORDS
from coopact.documents import DOCX_MEDIA_TYPE, render_docx, template_path
from coopact.stages import presentation
from coopact.stages.base import GeneratedDocument
from schemas import Partnership

KIND = "minutes"

OUTCOME_WORDS = {
    "fr": {
        "go": "go (poursuite du partenariat)",
        "go_with_conditions": "go sous conditions",
        "no_go": "no go (arrêt du partenariat)",
    },
    "en": {
        "go": "go (the partnership goes on)",
        "go_with_conditions": "go with conditions",
        "no_go": "no go (the partnership ends)",
    },
}
_WORDS = {
    "fr": {
        "title": "Procès-verbal du comité de pilotage {ref}",
        "filename": "{ref}-proces-verbal-comite-{date}.docx",
        "decision": "Le comité de pilotage décide : {outcome}.",
        "mediated": "Le comité de pilotage n'ayant pu statuer selon sa règle de décision, la "
        "procédure de blocage prévue par la convention ({procedure}) a été mise en œuvre ; "
        "son issue, consignée par {name}, est : {outcome}. Motif : {reason}",
        "no_go": "Conformément à la clause de sortie de la convention, la décision de no go "
        "ouvre la résiliation du partenariat : une lettre de résiliation et un état de sortie "
        "sont établis et soumis à chaque partenaire.",
        "member": ("membre", "membres"),
        "none": "—",
        "no_condition": "Aucune condition.",
        "no_finding": "Aucun constat.",
        "not_voted": "n'a pas voté",
        "covers_one": "de l'échéance du {dates}",
        "covers_many": "des échéances du {dates}",
        "and": " et du ",
    },
    "en": {
        "title": "Minutes of the steering committee {ref}",
        "filename": "{ref}-committee-minutes-{date}.docx",
        "decision": "The steering committee decides: {outcome}.",
        "mediated": "As the steering committee could not decide under its decision rule, the "
        "deadlock procedure of the agreement ({procedure}) was followed; its outcome, recorded "
        "by {name}, is: {outcome}. Reason: {reason}",
        "no_go": "Under the agreement's exit clause, the no go decision starts the termination "
        "of the partnership: a termination letter and an exit statement are drawn up and put "
        "to each partner.",
        "member": ("member", "members"),
        "none": "—",
        "no_condition": "No condition.",
        "no_finding": "No finding.",
        "not_voted": "did not vote",
        "covers_one": "for the review date of {dates}",
        "covers_many": "for the review dates of {dates}",
        "and": " and ",
    },
}


def _covers(days: Sequence[dt.date], language: str) -> str:
    words = _WORDS.get(language, _WORDS["en"])
    dates = words["and"].join(format_date(d, language) for d in days)
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
) -> GeneratedDocument:
    language = partnership.language.value
    words = _WORDS.get(language, _WORDS["en"])
    outcomes = OUTCOME_WORDS.get(language, OUTCOME_WORDS["en"])
    names = {p.key: p.name for p in partnership.partners}
    committee = partnership.governance.steering_committee
    cast = {" ".join(v.name.split()).casefold(): v for v in votes}
    rows = []
    for member in committee.members:
        vote = cast.get(" ".join(member.name.split()).casefold())
        rows.append(
            {
                "name": member.name,
                "partner": names.get(member.partner, member.partner),
                "weight": str(member.votes),
                "vote": outcomes[vote.outcome] if vote else words["not_voted"],
                "reason": vote.reason if vote else words["none"],
            }
        )
    notes = []
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
        notes.append(words["no_go"])
    context = {
        "reference": reference,
        "title": partnership.title,
        "date": format_date(date, language),
        "covers": _covers(covers or [date], language),
        "rule": RULE_WORDS.get(language, RULE_WORDS["en"])[committee.decision_rule],
        "quorum": count(quorum_of(partnership), *words["member"], language),
        "voted": str(len(votes)),
        "seated": str(len(committee.members)),
        "votes": rows,
        "decision": words["decision"].format(outcome=outcomes[outcome]),
        "decision_notes": notes,
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
