"""The convention de partenariat: legal completeness, then assembly into a plain context.

Nothing is generated before :func:`completeness` returns no blocking finding. Each legal
rule is one function returning :class:`Finding` s; :data:`RULES` lists them in the order an
officer reads them, after :func:`clauses_incomplete`, which reads the clause library (the
clause files' front matter, parsed by the application and passed in). :func:`assemble`
turns a complete partnership into a plain context (dicts, lists, strings, booleans, ints
only) that the Word template prints as it is: every amount, date, label and article heading
is computed here, in the agreement's language.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from contracts import parties, requalification
from contracts.agreement_terms import forum, terms_context
from contracts.agreement_words import (
    ANNEX_WORDS,
    CONTRIBUTION_KIND_WORDS,
    COVER_WORDS,
    DECISION_RULE_WORDS,
    KIND_WORDS,
    WORDS,
    deadlock_words,
    names_list,
)
from contracts.clauses import ClauseLibrary, select_clauses
from contracts.exit import exit_terms
from contracts.findings import Factor, Finding, Severity, message
from contracts.formatting import (
    count,
    every,
    format_amount,
    format_date,
    format_number,
    months,
    percent,
)
from contracts.gifts import gift_flows
from contracts.governance import governance_terms
from contracts.mecenat import (
    counterpart_values_missing,
    counterparts_disproportionate,
    counterparts_not_stated,
    counterparts_value,
    donation_value,
    donees,
    donors,
    tax_receipt_not_eligible,
)
from contracts.money_terms import payment_terms
from contracts.parties import partner_context
from contracts.tax import mecenat_without_gift, tax_regime_missing
from schemas import Indicator, Partnership, PartnershipKind

Rule = Callable[[Partnership], list[Finding]]


CLAUSE_INCOMPLETE = message(
    "agreement.clause_incomplete",
    fr="La clause « {clause} » de la convention ne peut pas être rédigée : le champ {field} "
    "n'est pas renseigné.",
    en="The clause “{clause}” of the agreement cannot be written: the field {field} is empty.",
)
IDENTIFIER_MISSING = message(
    "agreement.identifier_missing",
    fr="{partner} n'est pas identifié dans la convention : indiquez son numéro SIREN, SIRET "
    "ou RNA.",
    en="{partner} is not identified in the agreement: state its SIREN, SIRET or RNA number.",
)
SIGNATORY_MISSING = message(
    "agreement.signatory_missing",
    fr="Aucun signataire n'est désigné pour {partner} : la convention ne peut pas être signée.",
    en="No signatory is named for {partner}: the agreement cannot be signed.",
)
AUTHORITY_MISSING = message(
    "agreement.authority_missing",
    fr="Le pouvoir de {signatory} d'engager {partner} n'est pas indiqué (délibération, "
    "délégation ou article des statuts).",
    en="The authority of {signatory} to bind {partner} is not stated (board resolution, "
    "delegation or article of the statutes).",
)
MILESTONE_OUTSIDE_TERM = message(
    "agreement.milestone_outside_term",
    fr="Le jalon « {milestone} » est prévu le {due}, hors de la durée de la convention "
    "({start} – {end}).",
    en="The milestone “{milestone}” is due on {due}, outside the term of the agreement "
    "({start} – {end}).",
)
NOTICE_TOO_LONG = message(
    "agreement.notice_too_long",
    fr="Le préavis de {notice} mois n'est pas plus court que la durée de la convention "
    "({duration} mois).",
    en="The notice of {notice} months is not shorter than the term of the agreement "
    "({duration} months).",
)
CONFIDENTIALITY_PERIOD_TWICE = message(
    "agreement.confidentiality_period_twice",
    fr="Le texte de sharing.confidentiality semble fixer une durée ; la convention n'en "
    "énonce qu'une, celle de sharing.confidentiality_years ({years} ans après le terme). "
    "Retirez la durée du texte ou ajustez confidentiality_years.",
    en="The text of sharing.confidentiality seems to set a period; the agreement states "
    "only one, that of sharing.confidentiality_years ({years} years after the end). Remove "
    "the period from the text or adjust confidentiality_years.",
)


def _finding(code: str, path: str, **params: Any) -> Finding:
    return Finding(
        code=code, severity=Severity.blocking, factor=Factor.formaliser, path=path, params=params
    )


# --- The rules -------------------------------------------------------------------------

# Fields of the clause library that a dedicated rule checks with a more precise finding.
_CHECKED_ELSEWHERE = frozenset({"partners[].signatory", "counterparts"})


def clauses_incomplete(partnership: Partnership, clauses: ClauseLibrary) -> list[Finding]:
    """Every field used by a clause of this agreement is filled."""
    findings: list[Finding] = []
    for selected in select_clauses(partnership, clauses):
        if not selected.included:
            continue
        for field in selected.clause.fields:
            if field in _CHECKED_ELSEWHERE:
                continue
            for path in _empty_paths(partnership, field):
                findings.append(
                    _finding(
                        CLAUSE_INCOMPLETE,
                        path,
                        clause=selected.clause.title(partnership.language.value),
                        field=path,
                    )
                )
    return findings


def identifiers_missing(partnership: Partnership) -> list[Finding]:
    """Each party is identified by a SIREN, a SIRET or an RNA number."""
    return [
        _finding(IDENTIFIER_MISSING, f"partners[{i}].identifiers", partner=p.name)
        for i, p in enumerate(partnership.partners)
        if not (p.identifiers.siren or p.identifiers.siret or p.identifiers.rna)
    ]


def signatories_missing(partnership: Partnership) -> list[Finding]:
    """Each partner names a signatory."""
    return [
        _finding(SIGNATORY_MISSING, f"partners[{i}].signatory", partner=p.name)
        for i, p in enumerate(partnership.partners)
        if p.signatory is None
    ]


def authorities_missing(partnership: Partnership) -> list[Finding]:
    """Each signatory's authority to bind the partner is stated."""
    return [
        _finding(
            AUTHORITY_MISSING,
            f"partners[{i}].signatory.authority",
            partner=p.name,
            signatory=p.signatory.name,
        )
        for i, p in enumerate(partnership.partners)
        if p.signatory is not None and not p.signatory.authority
    ]


def milestones_outside_term(partnership: Partnership) -> list[Finding]:
    """Every milestone falls inside the term of the agreement."""
    start, end = partnership.start_date, partnership.end_date
    return [
        _finding(
            MILESTONE_OUTSIDE_TERM,
            f"milestones[{i}].due",
            milestone=m.title,
            due=m.due.isoformat(),
            start=start.isoformat(),
            end=end.isoformat(),
        )
        for i, m in enumerate(partnership.milestones)
        if not start <= m.due <= end
    ]


def notice_too_long(partnership: Partnership) -> list[Finding]:
    """The notice period is shorter than the term."""
    if partnership.notice_months < partnership.duration_months:
        return []
    return [
        _finding(
            NOTICE_TOO_LONG,
            "notice_months",
            notice=partnership.notice_months,
            duration=partnership.duration_months,
        )
    ]


_PERIOD_WORDS = ("an", "ans", "année", "années", "year", "years", "mois", "month", "months")


def confidentiality_period_twice(partnership: Partnership) -> list[Finding]:
    """The confidentiality period is stated once (confidentiality_years), not in free text."""
    text = (partnership.sharing.confidentiality or "").lower()
    words = text.replace(",", " ").replace(".", " ").replace("(", " ").split()
    stated = any(
        w in _PERIOD_WORDS and i > 0 and (words[i - 1].isdigit() or words[i - 1] in _NUMBER_WORDS)
        for i, w in enumerate(words)
    )
    if not stated:
        return []
    return [
        Finding(
            code=CONFIDENTIALITY_PERIOD_TWICE,
            severity=Severity.warning,
            factor=Factor.formaliser,
            path="sharing.confidentiality",
            params={"years": partnership.sharing.confidentiality_years},
        )
    ]


_NUMBER_WORDS = frozenset(
    [
        "un",
        "une",
        "deux",
        "trois",
        "quatre",
        "cinq",
        "six",
        "sept",
        "huit",
        "neuf",
        "dix",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
    ]
)


RULES: tuple[Rule, ...] = (
    identifiers_missing,
    signatories_missing,
    authorities_missing,
    milestones_outside_term,
    notice_too_long,
    counterparts_not_stated,
    counterpart_values_missing,
    counterparts_disproportionate,
    tax_receipt_not_eligible,
    confidentiality_period_twice,
    *parties.RULES,
    tax_regime_missing,
    mecenat_without_gift,
    *requalification.RULES,
)


def completeness(
    partnership: Partnership, extra_rules: Sequence[Rule] = (), *, clauses: ClauseLibrary
) -> list[Finding]:
    """Every legal finding on the agreement; generation waits until none is blocking.

    ``clauses`` is the clause library the agreement is written from; ``extra_rules`` lets
    the caller add rules kept elsewhere (e.g. the SMART milestones of
    ``contracts.smart.smart_findings``) to the same check.
    """
    findings = clauses_incomplete(partnership, clauses)
    for rule in (*RULES, *extra_rules):
        findings.extend(rule(partnership))
    return findings


def _empty_paths(partnership: Partnership, field: str) -> list[str]:
    """The concrete paths (``partners[1].referent``) under ``field`` that hold nothing."""
    found: list[str] = []

    def walk(value: Any, parts: list[str], path: str) -> None:
        if not parts or value is None:  # an optional part left out holds nothing either
            if value is None or value == "" or value == []:
                found.append(path)
            return
        head, rest = parts[0], parts[1:]
        if head.endswith("[]"):
            name = head[:-2]
            items = getattr(value, name)
            if items is None:
                found.append(_join(path, name))
            for i, item in enumerate(items or []):
                walk(item, rest, f"{_join(path, name)}[{i}]")
            return
        walk(getattr(value, head), rest, _join(path, head))

    walk(partnership, field.split("."), "")
    return found


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


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

    def amount(value: Decimal | None) -> str:
        return words["not_valued"] if value is None else format_amount(value, lang)

    partners = [partner_context(p, lang) for p in partnership.partners]

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
                "value": amount(c.valued_eur),
                "detail": detail,
            }
        )
    totals = []
    for p in partnership.partners:
        own = [c.valued_eur for c in partnership.contributions if c.partner == p.key]
        total = sum((v or Decimal(0) for v in own), Decimal(0))
        totals.append({"partner": p.name, "total": format_amount(total, lang)})
    grand_total = sum((c.valued_eur or Decimal(0) for c in partnership.contributions), Decimal(0))

    committee = partnership.governance.steering_committee
    deadlock = committee.deadlock or ""
    milestones = [
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
    counterparts = partnership.counterparts or []
    terms = terms_context(partnership, signature_provider)
    donation = donation_value(partnership)
    counterpart_total = counterparts_value(partnership)

    return {
        "doc": {
            "title": partnership.title,
            "reference": partnership.reference or words["none"],
            "language": lang,
            "kind": KIND_WORDS[lang][partnership.kind.value],
            "cover": COVER_WORDS[lang][partnership.kind.value].upper(),
            "cover_short": COVER_WORDS[lang][partnership.kind.value],
            "court": forum(partnership)["court"],
        },
        "donees": names_list([p.name for p in donees(partnership)], lang) or words["none"],
        "several_donees": len(donees(partnership)) > 1,
        "clause": clause_context(partnership, clauses),
        "kind": {k.value: partnership.kind is k for k in PartnershipKind},
        "partners": partners,
        "vision": {
            "statement": partnership.vision.statement,
            "objectives": list(partnership.vision.shared_objectives),
            "beneficiaries": partnership.vision.beneficiaries or words["beneficiaries"],
        },
        "term": {
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
            else count(
                partnership.sharing.confidentiality_years, "year", "years", lang, words=True
            ),
            "tacit": partnership.renewal.value == "tacit",
        },
        "contributions": contributions,
        "contribution_groups": [
            {
                "partner": p.name,
                "entries": [c for c in contributions if c["partner"] == p.name],
            }
            for p in partnership.partners
            if any(c["partner"] == p.name for c in contributions)
        ],
        "totals": totals,
        "grand_total": format_amount(grand_total, lang),
        "money": payment_terms(partnership),  # the money block (contracts.money_terms)
        "benefits": [
            {
                "partner": names[b.partner],
                "description": b.description,
                "value": amount(b.value_eur),
            }
            for b in partnership.benefits
        ],
        "risks": [
            {
                "owner": names[r.owner],
                "description": r.description,
                "mitigation": r.mitigation or words["none"],
                "exposure": amount(r.exposure_eur),
            }
            for r in partnership.risks
        ],
        "sharing": {
            "costs": partnership.sharing.costs,
            "intellectual_property": partnership.sharing.intellectual_property,
            "communication": partnership.sharing.communication,
            "personal_data": partnership.sharing.personal_data,
            "confidentiality": [partnership.sharing.confidentiality]
            if partnership.sharing.confidentiality
            else [],
        },
        "committee": {
            "members": [
                {
                    "name": m.name,
                    "partner": names[m.partner],
                    "role": m.role or words["none"],
                    "votes": words["vote"]
                    if m.votes == 1
                    else words["votes"].format(votes=m.votes),
                }
                for m in committee.members
            ],
            "cadence": every(committee.meets_every_months, "months", lang),
            "rule": DECISION_RULE_WORDS[lang][committee.decision_rule.value],
            "deadlock": deadlock_words(deadlock, lang) or words["none"],
            "quorum": [str(committee.quorum)] if committee.quorum else [],
        },
        "rituals": [
            {
                "name": r.name,
                "cadence": every(r.every_weeks, "weeks", lang)
                if r.every_weeks
                else every(r.every_months or 1, "months", lang),
                "participants": ", ".join(names[k] for k in r.participants),
                "participant_list": [names[k] for k in r.participants],
            }
            for r in partnership.governance.rituals
        ],
        "milestones": milestones,
        "gates": [
            m for m, source in zip(milestones, partnership.milestones, strict=True) if source.gate
        ],
        "reviews": every(partnership.reviews.every_months, "months", lang),
        "counterparts": [
            {"description": c.description, "value": amount(c.value_eur)} for c in counterparts
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
        "annexes": ANNEX_WORDS[lang],
        "exit": exit_terms(partnership),
        "governance": governance_terms(partnership),
        **terms,
    }


def _indicator(indicator: Indicator, lang: str) -> str:
    baseline = format_number(indicator.baseline, lang)
    target = format_number(indicator.target, lang)
    colon = " :" if lang == "fr" else ":"  # no-break space: typography at rendering
    return f"{indicator.name}{colon} {baseline} → {target} {indicator.unit}"
