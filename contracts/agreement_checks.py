"""The legal completeness of the convention de partenariat (:func:`completeness`): each
rule one function returning :class:`Finding` s; :data:`RULES` lists them in the order an
officer reads them, after :func:`clauses_incomplete`, which reads the clause library (the
clause files' front matter, parsed by the application and passed in). Nothing is generated
before it returns no blocking finding (:mod:`coopact.contracts.agreement` assembles).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from coopact.contracts import parties, requalification
from coopact.contracts.clauses import ClauseLibrary, select_clauses
from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.contracts.mecenat import (
    counterpart_values_missing,
    counterparts_disproportionate,
    counterparts_not_stated,
    tax_receipt_not_eligible,
)
from coopact.contracts.tax import mecenat_without_gift, tax_regime_missing
from coopact.schemas import Partnership

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
