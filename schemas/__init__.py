"""pydantic v2 models: the partnership file and what each stage needs and produces."""

from typing import TYPE_CHECKING

from coopact.schemas.lazy import lazy_getattr

# Imported lazily (PEP 562, coopact.schemas.lazy), as coopact.services is: importing one
# module of the package (`coopact.schemas.vocabulary`, `coopact.schemas.term`) does not
# build the partnership file's models, so that `status REF` with a stored scorecard starts
# light. Static tools read the same names from the explicit imports under TYPE_CHECKING
# below; tests/unit/test_lazy_facades.py keeps the two lists one.
if TYPE_CHECKING:  # what static tools read: the same names, imported explicitly
    from coopact.schemas.contributions import Contribution as Contribution
    from coopact.schemas.gate_parties import GateParties as GateParties
    from coopact.schemas.gifts import receiver_of as receiver_of
    from coopact.schemas.parties import Identifiers as Identifiers
    from coopact.schemas.parties import Partner as Partner
    from coopact.schemas.parties import Person as Person
    from coopact.schemas.parties import Registration as Registration
    from coopact.schemas.parties import Signatory as Signatory
    from coopact.schemas.partnership import Benefit as Benefit
    from coopact.schemas.partnership import CommitteeMember as CommitteeMember
    from coopact.schemas.partnership import Counterpart as Counterpart
    from coopact.schemas.partnership import Governance as Governance
    from coopact.schemas.partnership import Indicator as Indicator
    from coopact.schemas.partnership import Milestone as Milestone
    from coopact.schemas.partnership import Partnership as Partnership
    from coopact.schemas.partnership import Risk as Risk
    from coopact.schemas.partnership import Ritual as Ritual
    from coopact.schemas.partnership import Sharing as Sharing
    from coopact.schemas.partnership import SteeringCommittee as SteeringCommittee
    from coopact.schemas.partnership import Vision as Vision
    from coopact.schemas.term import Term as Term
    from coopact.schemas.term import add_months as add_months
    from coopact.schemas.vocabulary import COMPANY_FORMS as COMPANY_FORMS
    from coopact.schemas.vocabulary import GIFT_RECEIVER_FORMS as GIFT_RECEIVER_FORMS
    from coopact.schemas.vocabulary import ContributionKind as ContributionKind
    from coopact.schemas.vocabulary import DecisionRule as DecisionRule
    from coopact.schemas.vocabulary import FoundationType as FoundationType
    from coopact.schemas.vocabulary import Language as Language
    from coopact.schemas.vocabulary import LegalForm as LegalForm
    from coopact.schemas.vocabulary import PartnershipKind as PartnershipKind
    from coopact.schemas.vocabulary import Renewal as Renewal
    from coopact.schemas.vocabulary import TaxRegime as TaxRegime

_WHERE = {
    "Benefit": "partnership",
    "COMPANY_FORMS": "vocabulary",
    "CommitteeMember": "partnership",
    "Contribution": "contributions",
    "ContributionKind": "vocabulary",
    "Counterpart": "partnership",
    "DecisionRule": "vocabulary",
    "FoundationType": "vocabulary",
    "GIFT_RECEIVER_FORMS": "vocabulary",
    "GateParties": "gate_parties",
    "Governance": "partnership",
    "Identifiers": "parties",
    "Indicator": "partnership",
    "Language": "vocabulary",
    "LegalForm": "vocabulary",
    "Milestone": "partnership",
    "Partner": "parties",
    "Partnership": "partnership",
    "PartnershipKind": "vocabulary",
    "Person": "parties",
    "Registration": "parties",
    "Renewal": "vocabulary",
    "Risk": "partnership",
    "Ritual": "partnership",
    "Sharing": "partnership",
    "Signatory": "parties",
    "SteeringCommittee": "partnership",
    "TaxRegime": "vocabulary",
    "Term": "term",
    "Vision": "partnership",
    "add_months": "term",
    "receiver_of": "gifts",
}


if not TYPE_CHECKING:  # at run time: each name imported on first use
    __getattr__ = lazy_getattr(__name__, _WHERE)


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
