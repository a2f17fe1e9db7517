"""The exit of a partnership: the termination letter (lettre de résiliation, or de
non-renouvellement) and the exit statement each partner acknowledges (.docx fr/en).

Causes: ``no_go`` (the comité de pilotage decided to stop), ``notice`` (a partner gave
notice before the deadline), ``end_of_term`` (the term ends without renewal).

Both apply the agreement's termination article (:mod:`contracts.exit`) and cite it by its
number as the signed agreement gives it. The letter is a letter: from a named legal
representative of one partner, to each other partner at the address and for the attention
the notices article gives, by registered letter with acknowledgement of receipt, signed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from coopact.adapters.documents.word import DOCX_MEDIA_TYPE, render_docx, template_path
from coopact.contracts.agreement_words import names_list
from coopact.contracts.exit import (
    NO_GO,
    ExitLine,
    exit_lines,
    restitution_words,
)
from coopact.contracts.formatting import format_date, months
from coopact.contracts.renewal import notice_deadline
from coopact.schemas import Partner, Partnership
from coopact.stages import presentation
from coopact.stages.articles import Article, act_name, articles, city_of
from coopact.stages.base import GeneratedDocument
from coopact.stages.exit_sums import sums_to_return
from coopact.stages.exit_words import WORDS

LETTER = "termination_letter"
STATEMENT = "exit_statement"

__all__ = ["LETTER", "STATEMENT", "ExitFacts", "letter", "statement"]


@dataclass(frozen=True)
class ExitFacts:
    """What the acts of an exit rest on, besides the file."""

    cause: str
    decided_on: dt.date
    effective_on: dt.date
    sender: str | None = None  # the partner giving notice / deciding not to renew
    signed_on: dt.date | None = None  # the agreement's signature, when recorded
    signed_clauses: Mapping[str, Any] | None = None  # the signed agreement's articles
    # The cash recorded as paid, per (payer, receiver), and the spending each receiver
    # reported (use of funds): the statement computes the sums to return. None: not read
    # (the statement then states the rule only).
    paid: Mapping[tuple[str, str], Decimal] | None = None
    spent: Mapping[str, Decimal] | None = None


def _words(partnership: Partnership) -> dict[str, str]:
    return WORDS.get(partnership.language.value, WORDS["en"])


def _sender(partnership: Partnership, facts: ExitFacts) -> Partner:
    """Who writes: the partner giving notice, else the first partner of the file (the
    article lets the first partner to act notify)."""
    if facts.sender:
        return partnership.partner(facts.sender)
    return partnership.partners[0]


def _article(found: Mapping[str, Article], key: str) -> Article:
    return found.get(key) or Article(0, key)


def _letter_body(
    partnership: Partnership,
    reference: str,
    facts: ExitFacts,
    found: Mapping[str, Article],
    sender: Partner,
) -> list[str]:
    """The letter's paragraphs: the agreement it ends, the notification of ``facts.cause``,
    the consequences (restitution), the request to acknowledge."""
    language = partnership.language.value
    words = _words(partnership)
    date = partial(format_date, language=language)
    signed = words["signed_on"].format(date=date(facts.signed_on)) if facts.signed_on else ""
    body = [
        words["recital"].format(
            act=act_name(partnership),
            title=partnership.title,
            ref=reference,
            parties=names_list([p.name for p in partnership.partners], language),
            signed=signed,
            months=months(partnership.duration_months, language),
            start=date(partnership.start_date),
        )
    ]
    body += _notification(partnership, facts, found, sender)
    termination = _article(found, "termination").cited(language)
    body.append(
        words["consequences"].format(termination=termination, days=restitution_words(language))
    )
    body.append(words["ask"])
    return body


def _notification(
    partnership: Partnership, facts: ExitFacts, found: Mapping[str, Article], sender: Partner
) -> list[str]:
    """What the letter notifies, by cause: the committee's no go (its decision, then the
    termination), a partner's notice, or the end of the term without renewal."""
    language = partnership.language.value
    words = _words(partnership)
    date = partial(format_date, language=language)
    term = _article(found, "term").cited(language)
    effective = date(facts.effective_on)
    if facts.cause == NO_GO:
        return [
            words["body_no_go"].format(
                decided=date(facts.decided_on),
                governance=_article(found, "governance").cited(language),
            ),
            words["notify_no_go"].format(
                termination=_article(found, "termination").cited(language),
                sender=sender.name,
                act=act_name(partnership),
                notice=months(partnership.no_go_notice_months, language),
                effective=effective,
            ),
        ]
    if facts.cause == "notice":
        return [
            words["notify_notice"].format(
                term=term,
                sender=sender.name,
                given=date(facts.decided_on),
                deadline=date(notice_deadline(partnership)),
                effective=effective,
            )
        ]
    why = words["why_partner"].format(sender=sender.name) if facts.sender else words["why_nobody"]
    return [words["notify_end_of_term"].format(term=term, why=why, effective=effective)]


def letter(
    partnership: Partnership, reference: str, templates: Path, facts: ExitFacts
) -> GeneratedDocument:
    """The termination letter (or letter of non-renewal) of ``facts.cause``."""
    language = partnership.language.value
    words = _words(partnership)
    found = articles(partnership, templates, facts.signed_clauses)
    sender = _sender(partnership, facts)
    city = city_of(sender.address)
    day = format_date(facts.decided_on, language)
    heading = words[f"letter_{facts.cause}"]
    context = {
        "heading": heading,
        "footer": words["footer_letter"].format(heading=heading, ref=reference),
        "sender": {"partner": sender.name, "address": sender.address},
        "addressees": _addressees(partnership, sender),
        "place_date": words["place_date"].format(city=city, date=day)
        if city
        else words["date_only"].format(date=day),
        "registered": words["registered"],
        "our_ref": words["our_ref"].format(ref=reference),
        "subject": words[f"subject_{facts.cause}"].format(
            act=act_name(partnership), title=partnership.title, decided=day
        ),
        "salutation": words["salutation"],
        "body": _letter_body(partnership, reference, facts, found, sender),
        "formula": words["formula"],
        "signer": _signer(partnership, sender),
        "enclosures_heading": words["enclosures"],
        "enclosures": _enclosures(partnership, facts),
    }
    name = f"{language}/{LETTER}.docx"
    content = render_docx(
        template_path(templates, name),
        context,
        title=f"{heading} {reference}",
        language=language,
        created=presentation.created_at(facts.decided_on),
    )
    return GeneratedDocument(
        kind=LETTER,
        language=language,
        filename=words["letter_file"].format(
            ref=reference, kind=words[f"letter_kind_{facts.cause}"]
        ),
        media_type=DOCX_MEDIA_TYPE,
        content=content,
        inputs={"template": name, "cause": facts.cause, "context": context},
    )


def _addressees(partnership: Partnership, sender: Partner) -> list[dict[str, str]]:
    """Every other partner, at its address and for the attention of its signatory."""
    words = _words(partnership)
    return [
        {
            "partner": p.name,
            "attention": words["attention"].format(name=p.signatory.name, role=p.signatory.role)
            if p.signatory
            else "",
            "address": p.address,
        }
        for p in partnership.partners
        if p.key != sender.key
    ]


def _signer(partnership: Partnership, sender: Partner) -> dict[str, str]:
    """Who signs the letter for the sending partner: its signatory's name and role."""
    words = _words(partnership)
    return {
        "for_partner": words["for_partner"].format(partner=sender.name),
        "name": sender.signatory.name if sender.signatory else "",
        "role": sender.signatory.role if sender.signatory else "",
        "signature": words["signature"],
    }


def _enclosures(partnership: Partnership, facts: ExitFacts) -> list[str]:
    """The exit statement, and for a no go the minutes of the committee's decision."""
    words = _words(partnership)
    enclosures = [words["enclosure_statement"]]
    if facts.cause == NO_GO:
        day = format_date(facts.decided_on, partnership.language.value)
        enclosures.append(words["enclosure_minutes"].format(date=day))
    return enclosures


def _statement_rows(
    partnership: Partnership, lines: list[ExitLine], effective: str
) -> list[dict[str, str]]:
    """Each contribution, and what the end makes of it, as the statement's table shows it."""
    language = partnership.language.value
    words = _words(partnership)
    names = {p.key: p.name for p in partnership.partners}
    return [
        {
            "partner": names[line.partner],
            "kind": words[f"kinds_{line.kind}"],
            "description": line.description,
            "committed": presentation.euros(line.committed, language)
            if line.committed is not None
            else words["not_valued"],
            "fate": words["fate_cash"].format(effective=effective)
            if line.refundable
            else words["fate_provided"],
        }
        for line in lines
    ]


def statement(
    partnership: Partnership, reference: str, templates: Path, facts: ExitFacts
) -> GeneratedDocument:
    """The exit statement: the termination article applied to each contribution."""
    language = partnership.language.value
    words = _words(partnership)
    found = articles(partnership, templates, facts.signed_clauses)
    effective = format_date(facts.effective_on, language)
    lines = exit_lines(partnership)
    act = act_name(partnership)
    context = {
        "heading": words["statement"],
        "footer": words["footer_statement"].format(ref=reference),
        "subtitle": words["statement_subtitle"].format(
            Act=act[0].upper() + act[1:], ref=reference, title=partnership.title
        ),
        "intro": _statement_intro(partnership, facts, found),
        "contributions": _statement_rows(partnership, lines, effective),
        "sums": sums_to_return(
            partnership, facts.decided_on, facts.effective_on, facts.paid, facts.spent
        ),
        "provided": [_provided(partnership, lines)],
        "continuity": [
            words["continuity"].format(
                beneficiaries=partnership.vision.beneficiaries or presentation.not_stated(language)
            ),
            words["survival"],
        ],
        "acknowledgement": words["acknowledgement"],
        "acknowledgements": _acknowledgements(partnership),
    }
    name = f"{language}/{STATEMENT}.docx"
    content = render_docx(
        template_path(templates, name),
        context,
        title=f"{words['statement']} {reference}",
        language=language,
        created=presentation.created_at(facts.decided_on),
    )
    return GeneratedDocument(
        kind=STATEMENT,
        language=language,
        filename=words["statement_file"].format(ref=reference),
        media_type=DOCX_MEDIA_TYPE,
        content=content,
        inputs={"template": name, "cause": facts.cause, "context": context},
    )


def _statement_intro(
    partnership: Partnership, facts: ExitFacts, found: Mapping[str, Article]
) -> str:
    """The statement's opening: the termination article, the cause and the effective date."""
    language = partnership.language.value
    words = _words(partnership)
    return words["statement_intro"].format(
        termination=_article(found, "termination").cited(language),
        cause=words[f"cause_{facts.cause}"].format(
            decided=format_date(facts.decided_on, language),
            sender=_sender(partnership, facts).name,
        ),
        effective=format_date(facts.effective_on, language),
    )


def _provided(partnership: Partnership, lines: list[ExitLine]) -> str:
    """The contributions in kind and in skills already provided, which are not returned."""
    words = _words(partnership)
    names = {p.key: p.name for p in partnership.partners}
    provided = [
        f"{line.description}, {names[line.partner]}" for line in lines if not line.refundable
    ]
    return words["provided"].format(items="; ".join(provided)) if provided else words["no_provided"]


def _acknowledgements(partnership: Partnership) -> list[dict[str, str]]:
    """One line per partner for its legal representative to acknowledge the statement."""
    words = _words(partnership)
    return [
        {
            "partner": p.name,
            "name": f"{p.signatory.name}, {p.signatory.role}" if p.signatory else "—",
            "status": words["awaited"],
        }
        for p in partnership.partners
    ]
