"""Who the parties are: the identification a lawyer needs before the legal approval.

A company is identified by its RCS (city and number, its SIREN) and its share capital; a
foundation by its type, which decides who signs for it (a sheltered foundation has no legal
personality: its sheltering foundation signs); a party whose address, mission or red lines
repeat another's was probably copied, and is flagged. Each rule returns findings; the
agreement's completeness runs them (:data:`contracts.agreement_checks.RULES`).
"""

from __future__ import annotations

from typing import Any

from coopact.contracts.agreement_words import LEGAL_FORM_WORDS, WORDS, registration_words
from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.contracts.formatting import format_date
from coopact.schemas import COMPANY_FORMS, FoundationType, LegalForm, Partner, Partnership

COMPANY_IDENTIFICATION_MISSING = message(
    "agreement.company_identification_missing",
    fr="{partner} est une société : la convention doit indiquer {missing} avant la "
    "validation juridique. Renseignez {fields}.",
    en="{partner} is a company: the agreement must state {missing} before the legal "
    "approval. Fill in {fields}.",
)
FOUNDATION_TYPE_MISSING = message(
    "agreement.foundation_type_missing",
    fr="{partner} est une fondation dont le type n'est pas indiqué (reconnue d'utilité "
    "publique, d'entreprise, abritée...) : sa capacité à signer en dépend. Renseignez "
    "{field}.",
    en="{partner} is a foundation whose type is not stated (recognised as of public "
    "utility, corporate, sheltered...): its capacity to sign depends on it. Fill in {field}.",
)
SHELTERED_FOUNDATION_SIGNS = message(
    "agreement.sheltered_foundation_signs",
    fr="{partner} est une fondation abritée : sans personnalité morale, elle ne peut pas "
    "signer pour elle-même. Faites de la fondation abritante{sheltering} la partie à la "
    "convention, représentée par son propre signataire, « au titre de » {partner}.",
    en="{partner} is a sheltered foundation: it has no legal personality and cannot sign "
    "for itself. Make the sheltering foundation{sheltering} the party to the agreement, "
    "represented by its own signatory, “on behalf of” {partner}.",
)
PARTY_REPEATS_ANOTHER = message(
    "agreement.party_repeats_another",
    fr="{partner} reprend {what} de {other} mot pour mot : vérifiez que la fiche n'a pas "
    "été copiée d'un autre partenaire.",
    en="{partner} repeats the {what} of {other} word for word: check that its entry was "
    "not copied from another partner.",
)

_WHAT = {
    "fr": {"address": "l'adresse", "mission": "la mission", "red_lines": "les lignes rouges"},
    "en": {"address": "address", "mission": "mission", "red_lines": "red lines"},
}
_MISSING = {
    "fr": {
        "rcs_city": "la ville du RCS",
        "rcs_number": "le numéro RCS (SIREN ou SIRET)",
        "share_capital": "le capital social",
    },
    "en": {
        "rcs_city": "the RCS city",
        "rcs_number": "the RCS number (SIREN or SIRET)",
        "share_capital": "the share capital",
    },
}


def _finding(code: str, severity: Severity, path: str, **params: Any) -> Finding:
    return Finding(code=code, severity=severity, factor=Factor.formaliser, path=path, params=params)


def _company_missing(p: Partner, i: int) -> list[tuple[str, str]]:
    """(word, field path) of each identification item the company lacks."""
    r = p.registration
    missing: list[tuple[str, str]] = []
    if r is None or not r.rcs_city:
        missing.append(("rcs_city", f"partners[{i}].registration.rcs_city"))
    if not (p.identifiers.siren or p.identifiers.siret):
        missing.append(("rcs_number", f"partners[{i}].identifiers.siren"))
    if p.legal_form is not LegalForm.entreprise_individuelle and (
        r is None or r.share_capital_eur is None
    ):
        missing.append(("share_capital", f"partners[{i}].registration.share_capital_eur"))
    return missing


def company_identification_missing(partnership: Partnership) -> list[Finding]:
    """A company states its RCS city and number and its share capital (blocking)."""
    lang = partnership.language.value
    findings: list[Finding] = []
    for i, p in enumerate(partnership.partners):
        if p.legal_form not in COMPANY_FORMS:
            continue
        missing = _company_missing(p, i)
        if not missing:
            continue
        conjunction = " et " if lang == "fr" else " and "
        words = [_MISSING[lang][word] for word, _ in missing]
        findings.append(
            _finding(
                COMPANY_IDENTIFICATION_MISSING,
                Severity.blocking,
                missing[0][1],
                partner=p.name,
                missing=", ".join(words[:-1]) + conjunction + words[-1]
                if len(words) > 1
                else words[0],
                fields=", ".join(path for _, path in missing),
            )
        )
    return findings


def foundation_type_missing(partnership: Partnership) -> list[Finding]:
    """A foundation states its type (blocking)."""
    return [
        _finding(
            FOUNDATION_TYPE_MISSING,
            Severity.blocking,
            f"partners[{i}].registration.foundation_type",
            partner=p.name,
            field=f"partners[{i}].registration.foundation_type",
        )
        for i, p in enumerate(partnership.partners)
        if p.legal_form is LegalForm.fondation
        and (p.registration is None or p.registration.foundation_type is None)
    ]


def sheltered_foundation_signs(partnership: Partnership) -> list[Finding]:
    """A sheltered foundation is never a party signing for itself (blocking)."""
    findings: list[Finding] = []
    for i, p in enumerate(partnership.partners):
        r = p.registration
        if r is None or r.foundation_type is not FoundationType.abritee:
            continue
        sheltering = f" ({r.sheltered_by})" if r.sheltered_by else ""
        findings.append(
            _finding(
                SHELTERED_FOUNDATION_SIGNS,
                Severity.blocking,
                f"partners[{i}].registration.foundation_type",
                partner=p.name,
                sheltering=sheltering,
            )
        )
    return findings


def _same(a: str | list[str], b: str | list[str]) -> bool:
    def norm(x: str | list[str]) -> str:
        text = " | ".join(x) if isinstance(x, list) else x
        return " ".join(text.lower().split())

    return bool(norm(a)) and norm(a) == norm(b)


def parties_repeated(partnership: Partnership) -> list[Finding]:
    """A party's address, mission or red lines repeat another party's (warning)."""
    lang = partnership.language.value
    findings: list[Finding] = []
    partners = partnership.partners
    for i, p in enumerate(partners):
        for field in ("address", "mission", "red_lines"):
            other = next(
                (q for q in partners[:i] if _same(getattr(p, field), getattr(q, field))), None
            )
            if other is not None:
                findings.append(
                    _finding(
                        PARTY_REPEATS_ANOTHER,
                        Severity.warning,
                        f"partners[{i}].{field}",
                        partner=p.name,
                        other=other.name,
                        what=_WHAT[lang][field],
                    )
                )
    return findings


RULES = (
    company_identification_missing,
    foundation_type_missing,
    sheltered_foundation_signs,
    parties_repeated,
)


# --- The party as the agreement prints it ----------------------------------------------


def partner_context(p: Partner, lang: str) -> dict[str, Any]:
    """The printed identification of a party: form, registration, identifiers, seat,
    representative and authority, referent."""
    words = WORDS[lang]
    ids = [
        f"{words[name]} {value}"
        for name, value in (
            ("siren", p.identifiers.siren),
            ("siret", p.identifiers.siret),
            ("rna", p.identifiers.rna),
        )
        if value
    ]
    signatory = p.signatory
    referent = p.referent
    return {
        "key": p.key,
        "name": p.name,
        "registration": registration_words(p, lang) + foundation_words(p, lang),
        "legal_form": LEGAL_FORM_WORDS[lang][p.legal_form.value],
        "identifiers": (" ; " if lang == "fr" else "; ").join(ids) or words["none"],
        "address": p.address,
        "mission": p.mission,
        "esus": [words["esus"].format(date=format_date(p.esus.expires_on, lang))] if p.esus else [],
        "stakes": list(p.stakes),
        "constraints": list(p.constraints),
        "red_lines": list(p.red_lines),
        "signatory": {
            "name": signatory.name if signatory else words["none"],
            "role": signatory.role if signatory else words["none"],
            "authority": words["authority"].format(authority=signatory.authority)
            if signatory and signatory.authority
            else words["none"],
        },
        "referent": {
            "name": referent.name if referent else words["none"],
            "role": referent.role if referent else words["none"],
            "email": referent.email if referent and referent.email else words["none"],
            "contact": ", ".join(x for x in (referent.name, referent.role, referent.email) if x)
            if referent
            else words["none"],
        },
    }


def foundation_words(p: Partner, lang: str) -> list[str]:
    """A foundation's type, as a phrase of the parties' clause (empty otherwise)."""
    r = p.registration
    if p.legal_form is not LegalForm.fondation or r is None or r.foundation_type is None:
        return []
    kind = r.foundation_type
    if kind is FoundationType.rup:
        decree = f" par décret du {format_date(r.recognised_on, 'fr')}" if r.recognised_on else ""
        decree_en = f" by decree of {format_date(r.recognised_on, 'en')}" if r.recognised_on else ""
        return [
            f"reconnue d'utilité publique{decree}"
            if lang == "fr"
            else f"recognised as being of public utility{decree_en}"
        ]
    words = {
        FoundationType.entreprise: ("fondation d'entreprise", "corporate foundation"),
        FoundationType.abritee: ("fondation abritée", "sheltered foundation"),
        FoundationType.cooperation_scientifique: (
            "fondation de coopération scientifique",
            "scientific cooperation foundation",
        ),
        FoundationType.partenariale: ("fondation partenariale", "partnership foundation"),
    }[kind]
    return [words[0] if lang == "fr" else words[1]]
