"""The convention de partenariat: legal completeness, then assembly into a plain context.

Nothing is generated before :func:`coopact.contracts.agreement_checks.completeness` returns
no blocking finding (the legal rules are in that module). :func:`assemble` turns a complete
partnership into a plain context (dicts, lists, strings, booleans, ints
only) that the Word template prints as it is: every amount, date, label and article heading
is computed here, in the agreement's language.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from coopact.contracts.agreement_terms import forum, terms_context
from coopact.contracts.agreement_words import (
    ANNEX_WORDS,
    CONTRIBUTION_KIND_WORDS,
    COVER_WORDS,
    DECISION_RULE_WORDS,
    KIND_WORDS,
    WORDS,
    deadlock_words,
    names_list,
)
from coopact.contracts.clauses import ClauseLibrary, select_clauses
from coopact.contracts.exit import exit_terms
from coopact.contracts.formatting import (
    count,
    every,
    format_amount,
    format_date,
    format_number,
    months,
    percent,
)
from coopact.contracts.gifts import gift_flows
from coopact.contracts.governance import governance_terms
from coopact.contracts.mecenat import (
    counterparts_value,
    donation_value,
    donees,
    donors,
)
from coopact.contracts.money_terms import payment_terms
from coopact.contracts.parties import partner_context
from coopact.schemas import Indicator, Partnership, PartnershipKind

# --- Formatting: contracts.formatting -----------------------------------------------------


def _share(part: Decimal, whole: Decimal, language: str) -> str:
    return percent(part, whole, language)


# --- Assembly -----------------------------------------------------------------------------


def clause_context(partnership: Partnership, clauses: ClauseLibrary) -> dict[str, dict[str, Any]]:
    """For each clause id, in order: whether it is included, its heading (``Article 3 –
    Objet...``) and how another clause cites it (``clause.term.ref``)."""
    language = partnership.language.value
    cited = "l'article" if language == "fr" else "Article"
    result: dict[str, dict[str, Any]] = {}
    for selected in select_clauses(partnership, clauses):
        title = selected.clause.title(language)
        heading = f"Article {selected.number} – {title}" if selected.number else title
        ref = f"{cited} {selected.number}"
        result[selected.clause.id] = {
            "included": selected.included,
            "title": title,
            "heading": heading,
            "ref": ref if selected.number else title,
            "number": selected.number or 0,
        }
    return result


def assemble(
    partnership: Partnership, clauses: ClauseLibrary, signature_provider: str = "manual"
) -> dict[str, Any]:
    """The plain context of the agreement: every value the template prints, ready to print.

    Optional items are lists of zero or one element (the template loops over them), so a
    printed value is never empty and no condition is evaluated in Word.
    """
    lang = partnership.language.value
    words = WORDS[lang]
    names = {p.key: p.name for p in partnership.partners}
    contributions = _contributions(partnership, names)
    milestones = _milestones(partnership, names)
    terms = terms_context(partnership, signature_provider)
    return {
        "doc": _doc(partnership),
        "donees": names_list([p.name for p in donees(partnership)], lang) or words["none"],
        "several_donees": len(donees(partnership)) > 1,
        "clause": clause_context(partnership, clauses),
        "kind": {k.value: partnership.kind is k for k in PartnershipKind},
        "partners": [partner_context(p, lang) for p in partnership.partners],
        "vision": {
            "statement": partnership.vision.statement,
            "objectives": list(partnership.vision.shared_objectives),
            "beneficiaries": partnership.vision.beneficiaries or words["beneficiaries"],
        },
        "term": _term(partnership),
        "contributions": contributions,
        "contribution_groups": [
            {
                "partner": p.name,
                "entries": [c for c in contributions if c["partner"] == p.name],
            }
            for p in partnership.partners
            if any(c["partner"] == p.name for c in contributions)
        ],
        **_totals(partnership),
        "money": payment_terms(partnership),  # the money block (contracts.money_terms)
        **_benefits_and_risks(partnership, names),
        "sharing": _sharing(partnership),
        "committee": _committee(partnership, names),
        "rituals": _rituals(partnership, names),
        "milestones": milestones,
        "gates": [
            m for m, source in zip(milestones, partnership.milestones, strict=True) if source.gate
        ],
        "reviews": every(partnership.reviews.every_months, "months", lang),
        **_mecenat(partnership, terms),
        "annexes": ANNEX_WORDS[lang],
        "exit": exit_terms(partnership),
        "governance": governance_terms(partnership),
        **terms,
    }


def _amount(value: Decimal | None, lang: str) -> str:
    """An amount in euros, or "not valued"."""
    return WORDS[lang]["not_valued"] if value is None else format_amount(value, lang)


def _doc(partnership: Partnership) -> dict[str, Any]:
    """The document's title, reference, language, kind, cover words and court."""
    lang = partnership.language.value
    words = WORDS[lang]
    return {
        "title": partnership.title,
        "reference": partnership.reference or words["none"],
        "language": lang,
        "kind": KIND_WORDS[lang][partnership.kind.value],
        "cover": COVER_WORDS[lang][partnership.kind.value].upper(),
        "cover_short": COVER_WORDS[lang][partnership.kind.value],
        "court": forum(partnership)["court"],
    }


def _term(partnership: Partnership) -> dict[str, Any]:
    """The term: its dates, duration, notices, confidentiality and tacit renewal."""
    lang = partnership.language.value
    return {
        "start": format_date(partnership.start_date, lang),
        "end": format_date(partnership.end_date, lang),
        "duration": months(partnership.duration_months, lang),
        "notice": months(partnership.notice_months, lang),
        "termination_notice": months(partnership.termination_notice_months, lang),
        "confidentiality": count(
            partnership.sharing.confidentiality_years,
            "an",
            "ans",
            lang,
            words=True,
        )
        if lang == "fr"
        else count(partnership.sharing.confidentiality_years, "year", "years", lang, words=True),
        "tacit": partnership.renewal.value == "tacit",
    }


def _contributions(partnership: Partnership, names: dict[str, str]) -> list[dict[str, Any]]:
    """Each contribution: its partner, kind, description, value and detail (the hours of a
    skills contribution, its schedule or valuation; to whom it goes)."""
    lang = partnership.language.value
    words = WORDS[lang]
    contributions = []
    receivers = {f.contribution: names[f.receiver] for f in gift_flows(partnership)}
    for i, c in enumerate(partnership.contributions):
        if c.kind.value == "skills" and c.hours is not None and c.hourly_value_eur is not None:
            detail = words["hours"].format(
                hours=format_number(c.hours, lang), rate=format_amount(c.hourly_value_eur, lang)
            )
        else:
            detail = c.schedule or c.valuation or words["none"]
        if i in receivers:
            detail = words["to"].format(receiver=receivers[i], detail=detail)
        contributions.append(
            {
                "partner": names[c.partner],
                "kind": CONTRIBUTION_KIND_WORDS[lang][c.kind.value],
                "description": c.description,
                "value": _amount(c.valued_eur, lang),
                "detail": detail,
            }
        )
    return contributions


def _totals(partnership: Partnership) -> dict[str, Any]:
    """``totals``: each partner's contributions valued; ``grand_total``: all of them."""
    lang = partnership.language.value
    totals = []
    for p in partnership.partners:
        own = [c.valued_eur for c in partnership.contributions if c.partner == p.key]
        total = sum((v or Decimal(0) for v in own), Decimal(0))
        totals.append({"partner": p.name, "total": format_amount(total, lang)})
    grand_total = sum((c.valued_eur or Decimal(0) for c in partnership.contributions), Decimal(0))
    return {"totals": totals, "grand_total": format_amount(grand_total, lang)}


def _benefits_and_risks(partnership: Partnership, names: dict[str, str]) -> dict[str, Any]:
    """``benefits``: each partner's benefit valued; ``risks``: each risk, its owner,
    mitigation and exposure."""
    lang = partnership.language.value
    words = WORDS[lang]
    return {
        "benefits": [
            {
                "partner": names[b.partner],
                "description": b.description,
                "value": _amount(b.value_eur, lang),
            }
            for b in partnership.benefits
        ],
        "risks": [
            {
                "owner": names[r.owner],
                "description": r.description,
                "mitigation": r.mitigation or words["none"],
                "exposure": _amount(r.exposure_eur, lang),
            }
            for r in partnership.risks
        ],
    }


def _sharing(partnership: Partnership) -> dict[str, Any]:
    """What the partners share: costs, intellectual property, communication, data and the
    confidentiality clause (a list of zero or one)."""
    sharing = partnership.sharing
    return {
        "costs": sharing.costs,
        "intellectual_property": sharing.intellectual_property,
        "communication": sharing.communication,
        "personal_data": sharing.personal_data,
        "confidentiality": [sharing.confidentiality] if sharing.confidentiality else [],
    }


def _committee(partnership: Partnership, names: dict[str, str]) -> dict[str, Any]:
    """The comité de pilotage: its members and their votes, cadence, rule, deadlock and
    quorum."""
    lang = partnership.language.value
    words = WORDS[lang]
    committee = partnership.governance.steering_committee
    deadlock = committee.deadlock or ""
    return {
        "members": [
            {
                "name": m.name,
                "partner": names[m.partner],
                "role": m.role or words["none"],
                "votes": words["vote"] if m.votes == 1 else words["votes"].format(votes=m.votes),
            }
            for m in committee.members
        ],
        "cadence": every(committee.meets_every_months, "months", lang),
        "rule": DECISION_RULE_WORDS[lang][committee.decision_rule.value],
        "deadlock": deadlock_words(deadlock, lang) or words["none"],
        "quorum": [str(committee.quorum)] if committee.quorum else [],
    }


def _rituals(partnership: Partnership, names: dict[str, str]) -> list[dict[str, Any]]:
    """Each ritual: its name, cadence and participants."""
    lang = partnership.language.value
    return [
        {
            "name": r.name,
            "cadence": every(r.every_weeks, "weeks", lang)
            if r.every_weeks
            else every(r.every_months or 1, "months", lang),
            "participants": ", ".join(names[k] for k in r.participants),
            "participant_list": [names[k] for k in r.participants],
        }
        for r in partnership.governance.rituals
    ]


def _milestones(partnership: Partnership, names: dict[str, str]) -> list[dict[str, Any]]:
    """Each milestone: its key, title, date, owner, indicator and whether it is a gate."""
    lang = partnership.language.value
    words = WORDS[lang]
    return [
        {
            "key": m.key,
            "title": m.title,
            "due": format_date(m.due, lang),
            "owner": names[m.owner],
            "indicator": _indicator(m.indicator, lang) if m.indicator else words["none"],
            "gate": words["yes"] if m.gate else words["no"],
        }
        for m in partnership.milestones
    ]


def _mecenat(partnership: Partnership, terms: dict[str, Any]) -> dict[str, Any]:
    """The mécénat's words: the counterparts (the services to donors among them) and their
    total, the donation, its donors and the counterparts' share of it."""
    lang = partnership.language.value
    words = WORDS[lang]
    counterparts = partnership.counterparts or []
    donation = donation_value(partnership)
    counterpart_total = counterparts_value(partnership)
    return {
        "counterparts": [
            {"description": c.description, "value": _amount(c.value_eur, lang)}
            for c in counterparts
        ]
        + [
            {
                "description": words["service_to_donor"].format(**s),
                "value": s["value"],
            }
            for s in terms["services_to_donors"]
        ],
        "counterpart_total": format_amount(counterpart_total, lang),
        "donation": format_amount(donation, lang),
        "donation_donors": names_list(terms["tax"]["receipt_donors"], lang)
        or names_list([p.name for p in donors(partnership)], lang)
        or words["none"],
        "counterpart_share": _share(counterpart_total, donation, lang),
        "donors": names_list([p.name for p in donors(partnership)], lang) or words["none"],
        "several_donors": len(donors(partnership)) > 1,
    }


def _indicator(indicator: Indicator, lang: str) -> str:
    baseline = format_number(indicator.baseline, lang)
    target = format_number(indicator.target, lang)
    colon = " :" if lang == "fr" else ":"  # no-break space: typography at rendering
    return f"{indicator.name}{colon} {baseline} → {target} {indicator.unit}"
