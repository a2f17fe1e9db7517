"""The tax treatment of the money: the agreement's "Régime fiscal" article, for every kind.

A mécénat: gifts with liberal intent, a 238 bis receipt to each company donor (never to
another payer), the reduction's conditions and limits stated without guarantee. A
parrainage: an advertising service, invoiced with VAT. A partenariat or a societal
innovation in which money flows: the treatment the file chooses (``tax_regime``: gift,
operating subsidy or service with VAT); none chosen blocks the legal approval. An economic
cooperation: services invoiced with VAT. :func:`tax_context` gives the clause its plain
values; :func:`tax_regime_missing` is the rule.
"""

from __future__ import annotations

from typing import Any

from coopact.contracts.agreement_words import names_list
from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.contracts.gifts import can_issue_receipt, gift_flows, receipt_flows
from coopact.schemas import COMPANY_FORMS, ContributionKind, Partnership, PartnershipKind

# Kinds whose money the file must qualify (``tax_regime``).
REGIME_KINDS = frozenset({PartnershipKind.partenariat, PartnershipKind.innovation_societale})

TAX_REGIME_MISSING = message(
    "agreement.tax_regime_missing",
    fr="{payers} verse de l'argent à {payees}, mais la convention ne dit pas comment ces "
    "sommes sont traitées fiscalement. Choisissez tax_regime : gift (don, reçu fiscal si "
    "éligible), operating_subsidy (subvention de fonctionnement, hors TVA) ou service "
    "(prestation facturée avec TVA).",
    en="{payers} pays money to {payees}, but the agreement does not say how these sums are "
    "taxed. Choose tax_regime: gift (a gift, with a tax receipt when eligible), "
    "operating_subsidy (an operating subsidy, outside VAT) or service (a service invoiced "
    "with VAT).",
)


MECENAT_WITHOUT_GIFT = message(
    "agreement.mecenat_without_gift",
    fr="La convention est qualifiée de mécénat, mais aucune contribution ne va d'un partenaire "
    "à un autre : il n'y a ni mécène ni bénéficiaire. Indiquez qui reçoit chaque don "
    "(contributions[].to) ou changez la qualification (kind).",
    en="The agreement is qualified as a mécénat, but no contribution goes from one partner "
    "to another: there is neither donor nor donee. State who receives each gift "
    "(contributions[].to) or change the qualification (kind).",
)


def mecenat_without_gift(partnership: Partnership) -> list[Finding]:
    """A mécénat has at least one gift from one partner to another (blocking): the
    qualification follows the flows."""
    if partnership.kind is not PartnershipKind.mecenat:
        return []
    if any(not f.returned for f in gift_flows(partnership)):
        return []
    return [
        Finding(
            code=MECENAT_WITHOUT_GIFT,
            severity=Severity.blocking,
            factor=Factor.formaliser,
            path="kind",
        )
    ]


def _cash_flows(partnership: Partnership) -> list[Any]:
    return [f for f in gift_flows(partnership) if f.kind is ContributionKind.cash]


def tax_regime_missing(partnership: Partnership) -> list[Finding]:
    """A partenariat in which money flows says how it is taxed (blocking)."""
    if partnership.kind not in REGIME_KINDS or partnership.tax_regime is not None:
        return []
    flows = _cash_flows(partnership)
    if not flows:
        return []
    lang = partnership.language.value
    payers = [p.name for p in partnership.partners if any(f.giver == p.key for f in flows)]
    payees = [p.name for p in partnership.partners if any(f.receiver == p.key for f in flows)]
    return [
        Finding(
            code=TAX_REGIME_MISSING,
            severity=Severity.blocking,
            factor=Factor.formaliser,
            path="tax_regime",
            params={"payers": names_list(payers, lang), "payees": names_list(payees, lang)},
        )
    ]


def tax_context(partnership: Partnership) -> dict[str, Any]:
    """The plain values of the tax article: who receipts whom, who gets no receipt, the
    regime chosen, and whether companies give skills (valued at cost) or staff."""
    lang = partnership.language.value
    flows = [f for f in gift_flows(partnership) if not f.returned]
    receipted = receipt_flows(partnership)
    receipted_keys = {f.contribution for f in receipted}
    cash = _cash_flows(partnership)

    def ordered(keys: set[str]) -> list[str]:
        return [p.name for p in partnership.partners if p.key in keys]

    unreceipted = {f.giver for f in flows if f.contribution not in receipted_keys}
    unreceipted -= {f.giver for f in receipted}
    regime = (
        partnership.tax_regime.value
        if partnership.tax_regime and partnership.kind in REGIME_KINDS
        else ""
    )
    gifts_kind = partnership.kind is PartnershipKind.mecenat or regime == "gift"
    ineligible = {
        f.receiver for f in flows if not can_issue_receipt(partnership.partner(f.receiver))
    }
    return {
        "eligible": ordered({f.receiver for f in receipted}),
        "receipt_donors": ordered({f.giver for f in receipted}),
        "receipt_donor_names": names_list(ordered({f.giver for f in receipted}), lang),
        "issuers": names_list(ordered({f.receiver for f in receipted}), lang),
        "other_donors": ordered(unreceipted) if gifts_kind else [],
        "ineligible_donees": ordered(ineligible & {f.receiver for f in flows})
        if gifts_kind
        else [],
        "has_money": bool(cash),
        "receipt_in_kind": any(f.kind is not ContributionKind.cash for f in receipted),
        "payers": names_list(ordered({f.giver for f in cash}), lang),
        "payees": names_list(ordered({f.receiver for f in cash}), lang),
        "regime": regime,
        "regime_gift": regime == "gift",
        "regime_subsidy": regime == "operating_subsidy",
        "regime_service": regime == "service",
        "invoiced": regime == "service"
        or partnership.kind in (PartnershipKind.parrainage, PartnershipKind.cooperation_economique),
        "skills_by_company": any(
            f.kind is ContributionKind.skills
            and partnership.partner(f.giver).legal_form in COMPANY_FORMS
            for f in flows
        ),
        "company_names": names_list(ordered({f.giver for f in flows if f.reduction_238bis}), lang),
    }
