"""pydantic v2 models: the partnership file and what each stage needs and produces."""

from coopact.schemas.contributions import Contribution
from coopact.schemas.gifts import receiver_of
from coopact.schemas.parties import Identifiers, Partner, Person, Registration, Signatory
from coopact.schemas.partnership import (
    Benefit,
    CommitteeMember,
    Counterpart,
    GateParties,
    Governance,
    Indicator,
    Milestone,
    Partnership,
    Risk,
    Ritual,
    Sharing,
    SteeringCommittee,
    Vision,
)
from coopact.schemas.term import Term, add_months
from coopact.schemas.vocabulary import (
    COMPANY_FORMS,
    GIFT_RECEIVER_FORMS,
    ContributionKind,
    DecisionRule,
    FoundationType,
    Language,
    LegalForm,
    PartnershipKind,
    Renewal,
    TaxRegime,
)

__all__ = [
    "COMPANY_FORMS",
    "GIFT_RECEIVER_FORMS",
    "Benefit",
    "CommitteeMember",
    "Contribution",
    "ContributionKind",
    "Counterpart",
    "DecisionRule",
    "FoundationType",
    "GateParties",
    "Governance",
    "Identifiers",
    "Indicator",
    "Language",
    "LegalForm",
    "Milestone",
    "Partner",
    "Partnership",
    "PartnershipKind",
    "Person",
    "Registration",
    "Renewal",
    "Risk",
    "Ritual",
    "Sharing",
    "Signatory",
    "SteeringCommittee",
    "TaxRegime",
    "Term",
    "Vision",
    "add_months",
    "receiver_of",
]
