"""Mécénat: who gives, who receives, and what the donee can promise.

A mécénat (art. 238 bis CGI) is a donation: its counterparts stay in marked disproportion
with it, and only a donee whose legal form can, as a rule, be eligible (a non-profit
organisation of general interest, a foundation, an endowment fund, a public body) issues
a tax receipt. These rules and values are shared by the agreement's completeness check and
its assembly.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from coopact.contracts import gifts
from coopact.contracts.agreement_words import LEGAL_FORM_WORDS
from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.contracts.formatting import format_amount, percent
from coopact.contracts.requalification import services_value
from coopact.schemas import Partner, Partnership, PartnershipKind

# The administration fiscale's rule of thumb: counterparts of a mécénat stay below 25 % of
# the donation ("disproportion marquée"), otherwise the donation is a purchase of services.
COUNTERPART_CEILING = Decimal("0.25")

COUNTERPARTS_NOT_STATED = message(
    "agreement.counterparts_not_stated",
    fr="Pour un mécénat, les contreparties doivent être déclarées (counterparts), même s'il "
    "n'y en a aucune : elles conditionnent le reçu fiscal (article 238 bis du CGI).",
    en="For a mécénat (patronage), the benefits in return must be declared (counterparts), even if "
    "there are none: the tax receipt depends on them (article 238 bis of the CGI).",
)
COUNTERPART_VALUE_MISSING = message(
    "agreement.counterpart_value_missing",
    fr="La contrepartie « {counterpart} » n'est pas valorisée : sa valeur en euros est "
    "nécessaire pour vérifier la disproportion marquée avec le don.",
    en="The benefit in return “{counterpart}” has no value: its value in euros is needed to check "
    "that it stays markedly disproportionate to the donation.",
)
COUNTERPARTS_DISPROPORTIONATE = message(
    "agreement.counterparts_disproportionate",
    fr="Les contreparties ({counterparts}) dépassent 25 % du don ({donation}) : elles "
    "représentent {share}. Au-delà, l'administration fiscale peut requalifier le mécénat "
    "en parrainage, facturé avec TVA, sans reçu fiscal.",
    en="The benefits in return ({counterparts}) exceed 25 % of the donation ({donation}): "
    "they represent {share}. Beyond that, the tax authority may requalify the mécénat as a "
    "sponsorship (parrainage), invoiced with VAT, without a tax receipt.",
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


def _finding(code: str, path: str, **params: Any) -> Finding:
    return Finding(
        code=code, severity=Severity.blocking, factor=Factor.formaliser, path=path, params=params
    )


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
    if partnership.kind is not PartnershipKind.mecenat:
        return []
    counterparts = counterparts_value(partnership)
    donation = donation_value(partnership)
    if not counterparts or counterparts <= donation * COUNTERPART_CEILING:
        return []
    language = partnership.language.value
    return [
        _finding(
            COUNTERPARTS_DISPROPORTIONATE,
            "counterparts",
            counterparts=format_amount(counterparts, language),
            donation=format_amount(donation, language),
            share=percent(counterparts, donation, language),
        )
    ]


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
            params={"donee": p.name, "form": LEGAL_FORM_WORDS[language][p.legal_form.value]},
        )
        for p in donees(partnership)
        if not gifts.can_issue_receipt(p)
        and any(f.reduction_238bis and f.receiver == p.key for f in gifts.gift_flows(partnership))
    ]


# --- Values the rules and the document share --------------------------------------------


def donors(partnership: Partnership) -> list[Partner]:
    """The mécènes: the partners that give to another partner (:mod:`contracts.gifts`)."""
    return gifts.donors(partnership)


def donees(partnership: Partnership) -> list[Partner]:
    """The beneficiaries: the partners that receive from another (:mod:`contracts.gifts`)."""
    return gifts.donees(partnership)


def donation_value(partnership: Partnership) -> Decimal:
    """The donation the counterparts are weighed against: what the companies give (they
    receive the counterparts), or every gift when no company gives."""
    flows = gifts.gift_flows(partnership)
    weighed = [f for f in flows if f.reduction_238bis] or flows
    return sum((f.amount or Decimal(0) for f in weighed), Decimal(0))


def counterparts_value(partnership: Partnership) -> Decimal:
    """Every benefit to the donors: the stated counterparts, and what partners give to a
    donor promised a receipt (a service to it or its staff)."""
    stated = sum((c.value_eur or Decimal(0) for c in partnership.counterparts or []), Decimal(0))
    return stated + services_value(partnership)
