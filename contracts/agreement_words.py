"""The words of the agreement, in French and in English: labels of the closed vocabularies
(legal forms, kinds, decision rules), the title, the annexes, the court, the registration."""

from __future__ import annotations

from coopact.contracts.formatting import format_amount, format_date
from coopact.schemas import Partner

# --- Labels -------------------------------------------------------------------------------

KIND_WORDS = {
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
LEGAL_FORM_WORDS = {
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
CONTRIBUTION_KIND_WORDS = {
    "fr": {"cash": "Financier", "in_kind": "En nature", "skills": "Compétences"},
    "en": {"cash": "Cash", "in_kind": "In kind", "skills": "Skills"},
}
DECISION_RULE_WORDS = {
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
DEADLOCK_WORDS = {
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
WORDS = {
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
        "authority": "agissant en vertu des pouvoirs conférés par : {authority}",
        "votes": "{votes} voix",
        "vote": "1 voix",
        "to": "Au profit de {receiver} ; {detail}",
        "service_to_donor": "{description} (service rendu par {giver} à {donor} "
        "et à son personnel)",
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
        "to": "To {receiver}; {detail}",
        "service_to_donor": "{description} (a service of {giver} to {donor} and its staff)",
    },
}


COVER_WORDS = {
    "fr": {
        "mecenat": "Convention de mécénat",
        "parrainage": "Convention de parrainage",
        "partenariat": "Convention de partenariat",
        "cooperation_economique": "Convention de coopération économique",
        "innovation_societale": "Convention de partenariat d'innovation sociétale",
    },
    "en": {
        "mecenat": "Patronage (mécénat) agreement",
        "parrainage": "Sponsorship (parrainage) agreement",
        "partenariat": "Partnership agreement",
        "cooperation_economique": "Economic cooperation agreement",
        "innovation_societale": "Societal innovation partnership agreement",
    },
}
ANNEX_WORDS = {
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


def names_list(names: list[str], lang: str) -> str:
    """``A, B et C`` / ``A, B and C``."""
    if len(names) <= 1:
        return "".join(names)
    conjunction = " et " if lang == "fr" else " and "
    return ", ".join(names[:-1]) + conjunction + names[-1]


def deadlock_words(deadlock: str | None, language: str) -> str:
    """The deadlock procedure as a sentence of the language (``mediation`` translated)."""
    text = (deadlock or "").strip()
    return DEADLOCK_WORDS[language].get(text.lower(), text)


def registration_words(p: Partner, lang: str) -> list[str]:
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
