"""The closed vocabularies of the partnership file (languages, kinds, legal forms,
contribution kinds, tax regimes, decision rules, offices), and the legal forms that give
or receive a gift.
"""

from __future__ import annotations

from enum import StrEnum


class Language(StrEnum):
    fr = "fr"
    en = "en"


class PartnershipKind(StrEnum):
    mecenat = "mecenat"
    parrainage = "parrainage"
    partenariat = "partenariat"
    cooperation_economique = "cooperation_economique"
    innovation_societale = "innovation_societale"


class Renewal(StrEnum):
    express = "express"
    tacit = "tacit"


class LegalForm(StrEnum):
    association_loi_1901 = "association_loi_1901"
    association_loi_1908 = "association_loi_1908"
    fondation = "fondation"
    fonds_de_dotation = "fonds_de_dotation"
    mutuelle = "mutuelle"
    scop = "scop"
    scic = "scic"
    cooperative = "cooperative"
    sas = "sas"
    sasu = "sasu"
    sa = "sa"
    sarl = "sarl"
    eurl = "eurl"
    sca = "sca"
    snc = "snc"
    entreprise_individuelle = "entreprise_individuelle"
    gip = "gip"
    etablissement_public = "etablissement_public"
    collectivite_territoriale = "collectivite_territoriale"


class ContributionKind(StrEnum):
    cash = "cash"
    in_kind = "in_kind"
    skills = "skills"


class TaxRegime(StrEnum):
    """How the money of a partenariat is taxed (the "Régime fiscal" article)."""

    gift = "gift"  # a gift (don), no direct counterpart: a receipt when eligible
    operating_subsidy = "operating_subsidy"  # a subvention de fonctionnement, outside VAT
    service = "service"  # payment for a service: invoiced with VAT


class DecisionRule(StrEnum):
    consensus = "consensus"
    majority = "majority"
    unanimity = "unanimity"


class FoundationType(StrEnum):
    """The type of a foundation: its capacity to sign depends on it."""

    rup = "rup"  # reconnue d'utilité publique (by decree)
    entreprise = "entreprise"  # fondation d'entreprise
    abritee = "abritee"  # sheltered: no legal personality, its sheltering foundation signs
    cooperation_scientifique = "cooperation_scientifique"
    partenariale = "partenariale"  # fondation partenariale (universities)


class OfficeRole(StrEnum):
    """Roles held inside the organisations running the partnership, beyond the partners'."""

    partnership_officer = "partnership_officer"
    legal_officer = "legal_officer"
    treasurer = "treasurer"  # records the payments received (coopact payment)


# --- Who gives to whom (issue 21) ------------------------------------------------------
# A contribution goes from its ``partner`` to its ``to``. Donors and donees follow these
# directions (contracts.gifts), never the ESS flag.

# Commercial companies (RCS, share capital; commercial by form, art. L. 210-1 C. com.).
COMMERCIAL_COMPANY_FORMS = frozenset(
    LegalForm[name] for name in ("sas", "sasu", "sa", "sarl", "eurl", "sca", "snc", "scop", "scic")
)


# Legal forms of a company (entreprise soumise à l'IR ou à l'IS): the donors that can claim
# the reduction of article 238 bis CGI.
COMPANY_FORMS = COMMERCIAL_COMPANY_FORMS | {
    LegalForm.entreprise_individuelle,
    LegalForm.cooperative,
}


# Legal forms that can receive a gift by default (non-profit organisations, foundations,
# endowment funds, public bodies): those that can, as a rule, receive donations under
# article 238 bis of the CGI and issue their receipts (organismes d'intérêt général à
# gestion désintéressée, fondations, fonds de dotation, organismes publics). Companies
# (SCOP, SCIC, SAS...) and mutuelles cannot, as a rule (contracts.gifts.can_issue_receipt).
GIFT_RECEIVER_FORMS = frozenset(
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
