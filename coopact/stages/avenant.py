"""The avenants to the agreement (.docx fr/en): an amendment, an extension (prorogation,
art. 1213 C. civ.: the same contract goes on longer) or a renewal (art. 1214 C. civ.: a new
contract for a new term, whose financial terms are stated). Each cites the agreement (title,
reference, date of signature), each changed provision by the number and title of the
agreement's article stating it, the decision behind it, the figures that depend on a changed
one (totals, the gift, the counterpart ratio, the term), and its effective date. The
consolidated agreement after the avenant is :func:`consolidated`."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from coopact.adapters.documents.clause_library import clause_library
from coopact.adapters.documents.word import (
    DOCX_MEDIA_TYPE,
    render_docx,
    reproducible_zip,
    template_path,
)
from coopact.contracts.agreement import assemble
from coopact.contracts.agreement_words import LEGAL_FORM_WORDS
from coopact.contracts.amendment import changes
from coopact.contracts.formatting import format_date, months
from coopact.schemas import Partnership
from coopact.stages import agreement, presentation
from coopact.stages.articles import Article, act_name, articles
from coopact.stages.avenant_words import WORDS
from coopact.stages.base import GeneratedDocument, WorkContext

KIND = "avenant"
CONSOLIDATED = "consolidated_agreement"
_MASCULINE = {"fonds_de_dotation", "gip", "etablissement_public"}
_AMOUNT = re.compile(r"(\d[\d  .]*)\s*(?:EUR|€|euros?)", re.IGNORECASE)


@dataclass(frozen=True)
class AvenantFacts:
    """What an avenant rests on besides the two files."""

    number: int
    kind: str  # amendment | renewal
    changed: Sequence[str]
    effective_on: dt.date
    signed_on: dt.date | None = None
    signed_clauses: Mapping[str, Any] | None = None
    decision: str | None = None  # the decision behind an amendment, in words
    renewals: Sequence[tuple[str, dt.date]] = ()  # (partner name, date) of each renew


def _words(partnership: Partnership) -> dict[str, str]:
    return WORDS.get(partnership.language.value, WORDS["en"])


def _kind(facts: AvenantFacts) -> str:
    if facts.kind == "renewal":
        return "renewal"
    return "extension" if "duration_months" in facts.changed else "amendment"


def _knock_on(
    before: Partnership, after: Partnership, templates: Path, *, renewal: bool = False
) -> list[str]:
    """Every figure the agreement derives from a changed one, former and new."""
    words = _words(before)
    library = clause_library(templates)
    old, new = assemble(before, library), assemble(after, library)
    found = []
    for key in ("grand_total", "donation"):
        if old[key] != new[key] and (key != "donation" or old["kind"]["mecenat"]):
            found.append((words[f"knock_{key}"], old[key], new[key]))
    for was, now in zip(old["totals"], new["totals"], strict=False):
        if was["partner"] == now["partner"] and was["total"] != now["total"]:
            label = words["knock_total"].format(partner=now["partner"])
            found.append((label, was["total"], now["total"]))
    if old["kind"]["mecenat"] and old["counterpart_share"] != new["counterpart_share"]:
        found.append(
            (words["knock_counterpart_share"], old["counterpart_share"], new["counterpart_share"])
        )
    lines = [words["knock_on"].format(what=w, former=f, new=n) for w, f, n in found]
    if old["term"]["end"] != new["term"]["end"] and not renewal:
        lines.append(words["knock_on_date"].format(
            what=words["knock_end"], former=old["term"]["end"], new=new["term"]["end"]
        ))  # fmt: skip
    return lines


def _new_term_money(before: Partnership, after: Partnership) -> list[str]:
    """What each partner owes again for the new term of a renewal, and the authority its
    own rules ask for."""
    language = before.language.value
    words = _words(before)
    names = {p.key: p.name for p in after.partners}
    start = before.end_date + dt.timedelta(days=1)
    lines = [words["money_intro"]]
    kinds = {"cash": "", "in_kind": "en nature", "skills": "en compétences"}
    if language != "fr":
        kinds = {"cash": "", "in_kind": "in kind", "skills": "in skills"}
    for c in after.contributions:
        amount = c.valued_eur
        if c.kind.value == "cash" and amount is not None:
            lines.append(words["money_cash"].format(
                partner=names[c.partner], description=c.description,
                amount=presentation.euros(amount, language),
                schedule=f" ({c.schedule})" if c.schedule else "",
                start=format_date(start, language), end=format_date(after.end_date, language),
            ))  # fmt: skip
        elif amount is not None:
            lines.append(words["money_valued"].format(
                partner=names[c.partner], description=c.description, kind=kinds[c.kind.value],
                amount=presentation.euros(amount, language),
            ))  # fmt: skip
        else:
            lines.append(words["money_unvalued"].format(
                partner=names[c.partner], description=c.description, kind=kinds[c.kind.value],
            ))  # fmt: skip
    for partner in after.partners:
        total = sum(
            (c.valued_eur or Decimal(0) for c in after.contributions if c.partner == partner.key),
            Decimal(0),
        )
        for constraint in partner.constraints:
            limit = _AMOUNT.search(constraint)
            if limit and total > Decimal(re.sub(r"[^\d]", "", limit.group(1)) or 0):
                lines.append(words["authority"].format(
                    partner=partner.name, amount=presentation.euros(total, language),
                    constraint=constraint,
                ))  # fmt: skip
    return lines


def _visas(
    before: Partnership, reference: str, facts: AvenantFacts, found: Mapping[str, Article]
) -> list[str]:
    language = before.language.value
    words = _words(before)
    signed = (
        words["signed_on"].format(date=format_date(facts.signed_on, language))
        if facts.signed_on
        else ""
    )
    visas = [
        words["visa_agreement"].format(
            act=act_name(before), title=before.title, ref=reference, signed=signed
        ),
        words["visa_amendments"].format(
            article=(found.get("amendments") or Article(0, "")).cited(language)
        ),
    ]
    if facts.kind == "renewal":
        visas.append(
            words["visa_term"].format(article=(found.get("term") or Article(0, "")).cited(language))
        )
        decisions = [
            words["renewal_decision"].format(partner=name, date=format_date(day, language))
            for name, day in facts.renewals
        ]
        if decisions:
            visas.append(words["visa_renewal"].format(decisions="; ".join(decisions)))
    if facts.decision:
        visas.append(words["visa_decision"].format(decision=facts.decision))
    return visas


def _parties(before: Partnership, words: dict[str, str]) -> list[str]:
    language = before.language.value
    return [
        words["party"].format(
            name=p.name,
            form=LEGAL_FORM_WORDS[language][p.legal_form.value],
            represented="représenté" if p.legal_form.value in _MASCULINE else "représentée",
            signatory=p.signatory.name if p.signatory else "—",
            role=p.signatory.role if p.signatory else "—",
        )
        for p in before.partners
    ]


def _signatories(after: Partnership, words: dict[str, str]) -> list[dict[str, str]]:
    return [
        {
            "partner": p.name,
            "name": p.signatory.name if p.signatory else "—",
            "capacity": p.signatory.role if p.signatory else "—",
            "blank": words["blank"],
        }
        for p in after.partners
    ]


def _sections(
    before: Partnership, after: Partnership, facts: AvenantFacts, kind: str, words: dict[str, str]
) -> list[dict[str, Any]]:
    """The articles after the changes: the new term's money (a renewal), the effective date,
    the other provisions."""
    language = before.language.value
    sections: list[dict[str, Any]] = []
    if kind == "renewal":
        sections.append(
            {"heading": words["money_heading"].format(n=3),
             "paragraphs": _new_term_money(before, after)}
        )  # fmt: skip
    n = len(sections) + 3
    effect = words["effect"].format(date=format_date(facts.effective_on, language))
    sections.append({"heading": words["effect_heading"].format(n=n), "paragraphs": [effect]})
    other = words["other_renewal" if kind == "renewal" else "other"]
    sections.append({"heading": words["other_heading"].format(n=n + 1), "paragraphs": [other]})
    return sections


def generate(
    before: Partnership, after: Partnership, reference: str, templates: Path, facts: AvenantFacts
) -> GeneratedDocument:
    """The avenant (.docx) taking the agreement from ``before`` to ``after``."""
    language = before.language.value
    words = _words(before)
    kind = _kind(facts)
    found = articles(before, templates, facts.signed_clauses)
    act = act_name(before)
    context: dict[str, Any] = {
        "heading": words[kind].format(n=facts.number, act=act),
        "footer": words["footer"].format(n=facts.number, ref=reference),
        "subtitle": _subtitle(before, reference, facts),
        "parties": _parties(before, words),
        "visas": _visas(before, reference, facts, found),
        "agreed": words["agreed"],
        "purpose_heading": words["purpose_heading"],
        "purpose": [_purpose(before, after, kind, found)],
        "changes_heading": words["changes_heading"],
        "changes_intro": words["changes_intro"],
        "changes": _change_rows(before, after, facts, kind, found),
        "consequences": [
            *_knock_on(before, after, templates, renewal=kind == "renewal"),
            words["no_change"],
        ],
        "sections": _sections(before, after, facts, kind, words),
        "signing": words["signing"],
        "signatories": _signatories(after, words),
    }
    name = f"{language}/{KIND}.docx"
    content = render_docx(
        template_path(templates, name),
        context,
        title=context["heading"],
        language=language,
        created=presentation.created_at(facts.effective_on),
    )
    return GeneratedDocument(
        kind=KIND,
        language=language,
        filename=words[f"filename_{kind}"].format(ref=reference, n=facts.number),
        media_type=DOCX_MEDIA_TYPE,
        content=content,
        inputs={"template": name, "number": facts.number, "kind": facts.kind, "context": context},
    )


def _subtitle(before: Partnership, reference: str, facts: AvenantFacts) -> str:
    """The agreement the avenant amends: its title, reference, signature, term and start."""
    language = before.language.value
    words = _words(before)
    act = act_name(before)
    signed = (
        words["signed_on"].format(date=format_date(facts.signed_on, language))
        if facts.signed_on
        else ""
    )
    return words["subtitle"].format(
        Act=act[0].upper() + act[1:],
        title=before.title,
        ref=reference,
        signed=signed,
        months=months(before.duration_months, language),
        start=format_date(before.start_date, language),
    )


def _purpose(
    before: Partnership, after: Partnership, kind: str, found: Mapping[str, Article]
) -> str:
    """What the avenant is for, in the words of its kind (amendment, extension, renewal)."""
    language = before.language.value
    words = _words(before)
    return words[f"purpose_{kind}"].format(
        end=format_date(after.end_date, language),
        article=(found.get("term") or Article(0, "")).cited(language),
        months=months(after.duration_months - before.duration_months, language),
        start=format_date(before.end_date + dt.timedelta(days=1), language),
    )


def _change_rows(
    before: Partnership,
    after: Partnership,
    facts: AvenantFacts,
    kind: str,
    found: Mapping[str, Article],
) -> list[dict[str, str]]:
    """Each changed provision: the article stating it, the field, former and new (a
    renewal's new term is its article 1, not a change)."""
    words = _words(before)
    numbered = {k: (a.number, a.title) for k, a in found.items()}
    old = before.model_dump(mode="json", by_alias=True, exclude_none=True)
    new = after.model_dump(mode="json", by_alias=True, exclude_none=True)
    return [
        {"article": c.article, "field": c.field, "former": c.former, "new": c.new}
        for c in changes(old, new, list(facts.changed), before.language.value, numbered)
        if kind != "renewal" or c.path != "duration_months"  # the new term: article 1
    ] or [{"article": "—", "field": words["none_changed"], "former": "", "new": ""}]


def consolidated(
    after: Partnership, reference: str, templates: Path, facts: AvenantFacts
) -> GeneratedDocument:
    """The agreement as the avenant leaves it, every figure recomputed from the amended file,
    headed by the words « version consolidée »."""
    from docx import Document

    words = _words(after)
    language = after.language.value
    ctx = WorkContext(reference=reference, templates=templates, today=facts.effective_on)
    rendered = agreement.generate(after.model_copy(update={"reference": reference}), ctx)
    document = Document(io.BytesIO(rendered.content))
    first = document.paragraphs[0]
    note = first.insert_paragraph_before(
        words["consolidated"].format(date=format_date(facts.effective_on, language), n=facts.number)
    )
    note.runs[0].bold = True
    out = io.BytesIO()
    document.save(out)

    return GeneratedDocument(
        kind=CONSOLIDATED,
        language=language,
        filename=words["consolidated_file"].format(ref=reference, n=facts.number),
        media_type=DOCX_MEDIA_TYPE,
        content=reproducible_zip(out.getvalue()),
        inputs={"agreement": rendered.inputs_sha256, "number": facts.number},
    )


__all__ = ["CONSOLIDATED", "KIND", "AvenantFacts", "consolidated", "generate"]
