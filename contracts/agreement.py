"""The convention de partenariat: legal completeness, then assembly into a plain context.

Nothing is generated before :func:`completeness` returns no blocking finding. Each legal
rule is one function returning :class:`Finding` s; :data:`RULES` lists them in the order an
officer reads them. :func:`assemble` turns a complete partnership into a plain context
(dicts, lists, strings, booleans, ints only) that the Word template prints as it is: every
amount, date, label and article heading is computed here, in the agreement's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from contracts.clauses import select_clauses
from contracts.findings import Factor, Finding, Severity, message
from contracts.formatting import NBSP as _NBSP
from contracts.formatting import (
    count,
    every,
    format_amount,
    format_date,
    format_number,
    in_words,
    months,
    percent,
)
from schemas import Indicator, LegalForm, Partner, Partnership, PartnershipKind

Rule = Callable[[Partnership], list[Finding]]

# The administration fiscale's rule of thumb: counterparts of a mécénat stay below 25 % of
# the donation ("disproportion marquée"), otherwise the donation is a purchase of services.
COUNTERPART_CEILING = Decimal("0.25")

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
COUNTERPARTS_NOT_STATED = message(
    "agreement.counterparts_not_stated",
    fr="Pour un mécénat, les contreparties doivent être déclarées (counterparts), même s'il "
    "n'y en a aucune : elles conditionnent le reçu fiscal (article 238 bis du CGI).",
    en="For a mécénat (patronage), counterparts must be declared (counterparts), even if "
    "there are none: the tax receipt depends on them (article 238 bis of the CGI).",
)
COUNTERPART_VALUE_MISSING = message(
    "agreement.counterpart_value_missing",
    fr="La contrepartie « {counterpart} » n'est pas valorisée : sa valeur en euros est "
    "nécessaire pour vérifier la disproportion marquée avec le don.",
    en="The counterpart “{counterpart}” has no value: its value in euros is needed to check "
    "that it stays markedly disproportionate to the donation.",
)
COUNTERPARTS_DISPROPORTIONATE = message(
    "agreement.counterparts_disproportionate",
    fr="Les contreparties ({counterparts}) dépassent 25 % du don ({donation}) : elles "
    "représentent {share}. Au-delà, l'administration fiscale peut requalifier le mécénat "
    "en parrainage, facturé avec TVA, sans reçu fiscal.",
    en="The counterparts ({counterparts}) exceed 25 % of the donation ({donation}): they "
    "represent {share}. Beyond that, the tax authority may requalify the mécénat as a "
    "sponsorship, invoiced with VAT, without a tax receipt.",
)

TAX_RECEIPT_NOT_ELIGIBLE = message(
    "agreement.tax_receipt_not_eligible",
    fr="{donee} ({form}) ne peut pas, en règle générale, délivrer de reçu fiscal : "
    "l'article 238 bis du CGI vise les organismes d'intérêt général à gestion désintéressée "
    "(associations, fondations, fonds de dotation, organismes publics), pas les sociétés. "
    "Le paragraphe sur la réduction d'impôt est retiré pour ce bénéficiaire ; vérifiez "
    "son éligibilité (rescrit fiscal) avant de promettre un avantage fiscal au mécène.",
    en="{donee} ({form}) cannot, as a rule, issue a tax receipt: article 238 bis of the CGI "
    "covers non-profit organisations of general interest (associations, foundations, "
    "endowment funds, public bodies), not companies. The tax-reduction paragraph is left "
    "out for this donee; check its eligibility (tax ruling) before promising the donor a "
    "tax advantage.",
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


def clauses_incomplete(partnership: Partnership) -> list[Finding]:
    """Every field used by a clause of this agreement is filled."""
    findings: list[Finding] = []
    for selected in select_clauses(partnership):
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


def counterparts_not_stated(partnership: Partnership) -> list[Finding]:
    """A mécénat declares its counterparts (an empty list says: none)."""
    if partnership.kind is not PartnershipKind.mecenat or partnership.counterparts is not None:
        return []
    return [_finding(COUNTERPARTS_NOT_STATED, "counterparts")]


def counterpart_values_missing(partnership: Partnership) -> list[Finding]:
    """Each counterpart of a mécénat is valued in euros."""
    if partnership.kind is not PartnershipKind.mecenat:
        return []
    return [
        _finding(
            COUNTERPART_VALUE_MISSING, f"counterparts[{i}].value_eur", counterpart=c.description
        )
        for i, c in enumerate(partnership.counterparts or [])
        if c.value_eur is None
    ]


def counterparts_disproportionate(partnership: Partnership) -> list[Finding]:
    """The counterparts of a mécénat stay at or below 25 % of the donation."""
    if partnership.kind is not PartnershipKind.mecenat or not partnership.counterparts:
        return []
    counterparts = counterparts_value(partnership)
    donation = donation_value(partnership)
    if counterparts <= donation * COUNTERPART_CEILING:
        return []
    language = partnership.language.value
    return [
        _finding(
            COUNTERPARTS_DISPROPORTIONATE,
            "counterparts",
            counterparts=format_amount(counterparts, language),
            donation=format_amount(donation, language),
            share=_share(counterparts, donation, language),
        )
    ]


# Legal forms that can, as a rule, receive donations under article 238 bis of the CGI
# (organismes d'intérêt général à gestion désintéressée, fondations, fonds de dotation,
# organismes publics). Companies (SCOP, SCIC, SAS...) and mutuelles cannot, as a rule.
TAX_ELIGIBLE_FORMS = frozenset(
    {
        LegalForm.association_loi_1901,
        LegalForm.association_loi_1908,
        LegalForm.fondation,
        LegalForm.fonds_de_dotation,
        LegalForm.gip,
        LegalForm.etablissement_public,
        LegalForm.collectivite_territoriale,
    }
)


def tax_receipt_not_eligible(partnership: Partnership) -> list[Finding]:
    """A mécénat's donee whose legal form cannot, as a rule, issue a tax receipt (warning)."""
    if partnership.kind is not PartnershipKind.mecenat:
        return []
    language = partnership.language.value
    return [
        Finding(
            code=TAX_RECEIPT_NOT_ELIGIBLE,
            severity=Severity.warning,
            factor=Factor.formaliser,
            path=f"partners[{partnership.partners.index(p)}].legal_form",
            params={"donee": p.name, "form": _LEGAL_FORM[language][p.legal_form.value]},
        )
        for p in donees(partnership)
        if p.legal_form not in TAX_ELIGIBLE_FORMS
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
    clauses_incomplete,
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
)


def completeness(partnership: Partnership, extra_rules: Sequence[Rule] = ()) -> list[Finding]:
    """Every legal finding on the agreement; generation waits until none is blocking.

    ``extra_rules`` lets the caller add rules kept elsewhere (e.g. the SMART milestones of
    ``contracts.smart.smart_findings``) to the same check.
    """
    findings: list[Finding] = []
    for rule in (*RULES, *extra_rules):
        findings.extend(rule(partnership))
    return findings


# --- Values the rules and the document share --------------------------------------------


def donors(partnership: Partnership) -> list[Partner]:
    """The mécènes: partners outside the ESS (all partners when every one is in the ESS)."""
    outside = [p for p in partnership.partners if not p.ess]
    return outside or list(partnership.partners)


def donees(partnership: Partnership) -> list[Partner]:
    """The beneficiaries of a mécénat: the ESS partners that are not donors."""
    keys = {p.key for p in donors(partnership)}
    return [p for p in partnership.partners if p.key not in keys] or [
        p for p in partnership.partners if p.ess
    ]


def donation_value(partnership: Partnership) -> Decimal:
    """The donation: every valued contribution of the donors (cash, in kind, skills)."""
    keys = {p.key for p in donors(partnership)}
    return sum(
        (c.valued_eur or Decimal(0) for c in partnership.contributions if c.partner in keys),
        Decimal(0),
    )


def counterparts_value(partnership: Partnership) -> Decimal:
    return sum((c.value_eur or Decimal(0) for c in partnership.counterparts or []), Decimal(0))


def _empty_paths(partnership: Partnership, field: str) -> list[str]:
    """The concrete paths (``partners[1].referent``) under ``field`` that hold nothing."""
    found: list[str] = []

    def walk(value: Any, parts: list[str], path: str) -> None:
        if not parts:
            if value is None or value == "" or value == []:
                found.append(path)
            return
        head, rest = parts[0], parts[1:]
        if head.endswith("[]"):
            name = head[:-2]
            items = getattr(value, name)
            for i, item in enumerate(items):
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


# --- Labels -------------------------------------------------------------------------------

_KIND = {
    "fr": {
        "mecenat": "mécénat",
        "parrainage": "parrainage",
        "partenariat": "partenariat",
        "cooperation_economique": "coopération économique",
        "innovation_societale": "innovation sociétale",
    },
    "en": {
        "mecenat": "patronage (mécénat)",
        "parrainage": "sponsorship (parrainage)",
        "partenariat": "partnership",
        "cooperation_economique": "economic cooperation",
        "innovation_societale": "societal innovation",
    },
}
_LEGAL_FORM = {
    "fr": {
        "association_loi_1901": "association régie par la loi du 1er juillet 1901",
        "association_loi_1908": "association de droit local (loi de 1908)",
        "fondation": "fondation",
        "fonds_de_dotation": "fonds de dotation",
        "mutuelle": "mutuelle",
        "scop": "société coopérative et participative (SCOP)",
        "scic": "société coopérative d'intérêt collectif (SCIC)",
        "cooperative": "société coopérative",
        "sas": "société par actions simplifiée",
        "sasu": "société par actions simplifiée unipersonnelle",
        "sa": "société anonyme",
        "sarl": "société à responsabilité limitée",
        "eurl": "entreprise unipersonnelle à responsabilité limitée",
        "sca": "société en commandite par actions",
        "snc": "société en nom collectif",
        "entreprise_individuelle": "entreprise individuelle",
        "gip": "groupement d'intérêt public",
        "etablissement_public": "établissement public",
        "collectivite_territoriale": "collectivité territoriale",
    },
    "en": {
        "association_loi_1901": "non-profit association under the French law of 1 July 1901",
        "association_loi_1908": "association under local law (law of 1908)",
        "fondation": "foundation",
        "fonds_de_dotation": "endowment fund",
        "mutuelle": "mutual society",
        "scop": "workers' cooperative (SCOP)",
        "scic": "multi-stakeholder cooperative (SCIC)",
        "cooperative": "cooperative company",
        "sas": "simplified joint-stock company (SAS)",
        "sasu": "single-shareholder simplified joint-stock company (SASU)",
        "sa": "public limited company (SA)",
        "sarl": "limited liability company (SARL)",
        "eurl": "single-member limited liability company (EURL)",
        "sca": "partnership limited by shares (SCA)",
        "snc": "general partnership (SNC)",
        "entreprise_individuelle": "sole proprietorship",
        "gip": "public interest group (GIP)",
        "etablissement_public": "public institution",
        "collectivite_territoriale": "local authority",
    },
}
_CONTRIBUTION_KIND = {
    "fr": {"cash": "Financier", "in_kind": "En nature", "skills": "Compétences"},
    "en": {"cash": "Cash", "in_kind": "In kind", "skills": "Skills"},
}
_DECISION_RULE = {
    "fr": {
        "consensus": "par consensus",
        "majority": "à la majorité des voix exprimées",
        "unanimity": "à l'unanimité des membres",
    },
    "en": {
        "consensus": "by consensus",
        "majority": "by a majority of the votes cast",
        "unanimity": "unanimously",
    },
}
_DEADLOCK = {
    "fr": {
        "mediation": "les partenaires recourent à une médiation conventionnelle avant toute "
        "autre démarche",
        "escalation": "la question est portée devant les dirigeants des partenaires",
        "sponsors": "la question est portée devant les dirigeants des partenaires",
        "arbitration": "la question est soumise à un arbitrage",
    },
    "en": {
        "mediation": "the partners first refer the matter to a mediator",
        "escalation": "the matter is referred to the partners' executives",
        "sponsors": "the matter is referred to the partners' executives",
        "arbitration": "the matter is referred to arbitration",
    },
}
_WORDS = {
    "fr": {
        "not_valued": "non valorisé",
        "none": "—",
        "yes": "Oui",
        "no": "Non",
        "siren": "SIREN",
        "siret": "SIRET",
        "rna": "RNA",
        "hours": "{hours} heures à {rate} de l'heure",
        "esus": "titulaire de l'agrément ESUS jusqu'au {date}",
        "beneficiaries": "les publics définis par le comité de pilotage",
        "authority": "dûment habilité(e) en vertu de : {authority}",
        "votes": "{votes} voix",
        "vote": "1 voix",
    },
    "en": {
        "not_valued": "not valued",
        "none": "—",
        "yes": "Yes",
        "no": "No",
        "siren": "SIREN",
        "siret": "SIRET",
        "rna": "RNA",
        "hours": "{hours} hours at {rate} per hour",
        "esus": "holding the ESUS accreditation until {date}",
        "beneficiaries": "the people defined by the steering committee",
        "authority": "duly authorised by: {authority}",
        "votes": "{votes} votes",
        "vote": "1 vote",
    },
}


# --- Assembly -----------------------------------------------------------------------------


def clause_context(partnership: Partnership) -> dict[str, dict[str, Any]]:
    """For each clause id: whether it is included, its heading (``Article 3 – Objet...``)."""
    language = partnership.language.value
    cited = "l'article" if language == "fr" else "Article"
    result: dict[str, dict[str, Any]] = {}
    for selected in select_clauses(partnership):
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


def assemble(partnership: Partnership) -> dict[str, Any]:
    """The plain context of the agreement: every value the template prints, ready to print.

    Optional items are lists of zero or one element (the template loops over them), so a
    printed value is never empty and no condition is evaluated in Word.
    """
    lang = partnership.language.value
    words = _WORDS[lang]
    names = {p.key: p.name for p in partnership.partners}
    is_mecenat = partnership.kind is PartnershipKind.mecenat

    def amount(value: Decimal | None) -> str:
        return words["not_valued"] if value is None else format_amount(value, lang)

    partners = [_partner_context(p, lang) for p in partnership.partners]

    contributions = []
    for c in partnership.contributions:
        if c.kind.value == "skills" and c.hours is not None and c.hourly_value_eur is not None:
            detail = words["hours"].format(
                hours=format_number(c.hours, lang), rate=format_amount(c.hourly_value_eur, lang)
            )
        else:
            detail = c.schedule or c.valuation or words["none"]
        contributions.append(
            {
                "partner": names[c.partner],
                "kind": _CONTRIBUTION_KIND[lang][c.kind.value],
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
    donation = donation_value(partnership)
    counterpart_total = counterparts_value(partnership)

    return {
        "doc": {
            "title": partnership.title,
            "reference": partnership.reference or words["none"],
            "language": lang,
            "kind": _KIND[lang][partnership.kind.value],
            "copies": in_words(len(partnership.partners), lang),
            "cover": _COVER[lang][is_mecenat].upper(),
            "cover_short": _COVER[lang][is_mecenat],
            "court": court(partnership),
        },
        "tax": {
            "eligible": [p.name for p in donees(partnership) if p.legal_form in TAX_ELIGIBLE_FORMS],
        },
        "donees": _names_list([p.name for p in donees(partnership)], lang),
        "several_donees": len(donees(partnership)) > 1,
        "clause": clause_context(partnership),
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
            "rule": _DECISION_RULE[lang][committee.decision_rule.value],
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
        ],
        "counterpart_total": format_amount(counterpart_total, lang),
        "donation": format_amount(donation, lang),
        "counterpart_share": _share(counterpart_total, donation, lang),
        "donors": _names_list([p.name for p in donors(partnership)], lang),
        "annexes": _ANNEXES[lang],
    }


_COVER = {
    "fr": {False: "Convention de partenariat", True: "Convention de mécénat"},
    "en": {False: "Partnership agreement", True: "Sponsorship (mécénat) agreement"},
}
_ANNEXES = {
    "fr": [
        "Annexe 1 – Contributions des Partenaires",
        "Annexe 2 – Jalons, indicateurs et points Go/noGo",
        "Annexe 3 – Gouvernance",
    ],
    "en": [
        "Annex 1 – Contributions of the Partners",
        "Annex 2 – Milestones, indicators and Go/noGo points",
        "Annex 3 – Governance",
    ],
}


def _names_list(names: list[str], lang: str) -> str:
    """``A, B et C`` / ``A, B and C``."""
    if len(names) <= 1:
        return "".join(names)
    conjunction = " et " if lang == "fr" else " and "
    return ", ".join(names[:-1]) + conjunction + names[-1]


def seat_city(address: str) -> str | None:
    """The city of a French address (``12 rue X, 75011 Paris`` -> ``Paris``), or None."""
    found = re.search(r"\b\d{5}\s+([^,\d][^,]*)$", address.strip())
    if not found:
        return None
    city = found.group(1).strip()
    return re.sub(r"\s+(cedex|CEDEX)(\s+\d+)?$", "", city)


def court(partnership: Partnership) -> str:
    """The named court: the file's ``court``, else the tribunal judiciaire of the seat of the
    first ESS partner (first partner when none is in the ESS)."""
    if partnership.court:
        return partnership.court
    ess = [p for p in partnership.partners if p.ess] or list(partnership.partners)
    city = seat_city(ess[0].address)
    if partnership.language.value == "fr":
        if city is None:
            return "le tribunal judiciaire du siège de " + ess[0].name
        article = "d'" if city[:1].lower() in "aeiouyéèh" else "de "
        return f"le tribunal judiciaire {article}{city}"
    if city is None:
        return "the tribunal judiciaire of the seat of " + ess[0].name
    return f"the tribunal judiciaire of {city}"


def deadlock_words(deadlock: str | None, language: str) -> str:
    """The deadlock procedure as a sentence of the language (``mediation`` translated)."""
    text = (deadlock or "").strip()
    return _DEADLOCK[language].get(text.lower(), text)


def _partner_context(p: Partner, lang: str) -> dict[str, Any]:
    words = _WORDS[lang]
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
        "registration": _registration(p, lang),
        "legal_form": _LEGAL_FORM[lang][p.legal_form.value],
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


def _indicator(indicator: Indicator, lang: str) -> str:
    baseline = format_number(indicator.baseline, lang)
    target = format_number(indicator.target, lang)
    colon = f"{_NBSP}:" if lang == "fr" else ":"
    return f"{indicator.name}{colon} {baseline} → {target} {indicator.unit}"


def _registration(p: Partner, lang: str) -> list[str]:
    """How the partner is registered, as phrases (empty when the file states nothing)."""
    r = p.registration
    if r is None:
        return []
    phrases: list[str] = []
    siren = p.identifiers.siren or (p.identifiers.siret[:9] if p.identifiers.siret else None)
    if r.share_capital_eur is not None:
        capital = format_amount(r.share_capital_eur, lang)
        phrases.append(
            f"au capital de {capital}" if lang == "fr" else f"with a share capital of {capital}"
        )
    if r.rcs_city:
        number = " ".join((siren[:3], siren[3:6], siren[6:])) if siren else ""
        rcs = f"RCS {r.rcs_city} {number}".strip()
        phrases.append(f"immatriculée au {rcs}" if lang == "fr" else f"registered with the {rcs}")
    if r.prefecture:
        declared = ""
        if r.declared_on:
            declared = (
                f" le {format_date(r.declared_on, lang)}"
                if lang == "fr"
                else f" on {format_date(r.declared_on, lang)}"
            )
        phrases.append(
            f"déclarée à la préfecture de {r.prefecture}{declared}"
            if lang == "fr"
            else f"declared at the prefecture of {r.prefecture}{declared}"
        )
    if r.published_on:
        day = format_date(r.published_on, lang)
        phrases.append(
            f"publiée au Journal officiel du {day}"
            if lang == "fr"
            else f"published in the Journal officiel of {day}"
        )
    return phrases
