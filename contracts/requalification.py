"""Requalification: what in a mécénat reads as a direct counterpart for the donor.

A gift that buys something is not a gift: the tax authority can requalify it as a service
(invoiced with VAT, no receipt) and fine the receipts issued (art. 1740 A CGI). Where a
company donor is promised a receipt, three things are findings the legal officer must
answer (move them to the counterparts, or split off an invoiced service): a stake of the
donor that reads as a business return (recruiting, sales, visibility); a benefit the donor
expects; a contribution that another partner gives to the donor (a service to it or its
staff), which the agreement counts in the counterparts anyway.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from coopact.contracts.finding_texts import Factor, Severity, message
from coopact.contracts.findings import Finding
from coopact.contracts.formatting import format_amount
from coopact.contracts.gifts import GiftFlow, gift_flows, receipt_flows
from coopact.schemas import Partnership

_BUSINESS = re.compile(
    r"recrut|embauch|client|vente|chiffre d.affaires|notori|visibilit|image de marque|"
    r"marque employeur|prospect|commercial|publicit|"
    r"recruit|\bhir(e|es|ing)\b|customer|\bsales\b|revenue|visibility|brand|advertis|marketing",
    re.IGNORECASE,
)

STAKE_AS_COUNTERPART = message(
    "agreement.requalification_stake",
    fr="L'enjeu « {stake} » de {donor}, mécène, se lit comme une contrepartie directe du "
    "don : répondez-y (retirez-le, comptez-le dans les contreparties, ou facturez la "
    "prestation à part) avant de promettre un reçu fiscal.",
    en="The stake “{stake}” of {donor}, a donor, reads as a direct return for the gift: "
    "answer it (remove it, count it in the benefits in return, or invoice that service "
    "separately) before promising a tax receipt.",
)
BENEFIT_AS_COUNTERPART = message(
    "agreement.requalification_benefit",
    fr="{donor}, mécène, attend « {benefit} » : un bénéfice attendu du don est une "
    "contrepartie. Comptez-le dans les contreparties valorisées, ou scindez une prestation "
    "facturée.",
    en="{donor}, a donor, expects “{benefit}”: a benefit expected from the gift is a "
    "benefit in return. Count it in the valued benefits in return, or split off an "
    "invoiced service.",
)
SERVICE_TO_DONOR = message(
    "agreement.requalification_service",
    fr="{giver} fournit « {service} » à {donor}, mécène : ce service est compté dans les "
    "contreparties ({value}). Confirmez-le, ou facturez-le à part avec TVA.",
    en="{giver} provides “{service}” to {donor}, a donor: this service is counted in the "
    "benefits in return ({value}). Confirm it, or invoice it separately with VAT.",
)


def _warning(code: str, path: str, **params: Any) -> Finding:
    return Finding(
        code=code, severity=Severity.warning, factor=Factor.formaliser, path=path, params=params
    )


def _receipted_donors(partnership: Partnership) -> set[str]:
    return {f.giver for f in receipt_flows(partnership)}


def services_to_donors(partnership: Partnership) -> list[GiftFlow]:
    """What partners give to a donor promised a receipt: counterparts, whatever the file
    calls them."""
    donors = _receipted_donors(partnership)
    return [f for f in gift_flows(partnership) if f.receiver in donors]


def services_value(partnership: Partnership) -> Decimal:
    return sum((f.amount or Decimal(0) for f in services_to_donors(partnership)), Decimal(0))


def stakes_as_counterparts(partnership: Partnership) -> list[Finding]:
    """A receipted donor's stake that reads as a business return (warning)."""
    donors = _receipted_donors(partnership)
    return [
        _warning(STAKE_AS_COUNTERPART, f"partners[{i}].stakes[{j}]", stake=stake, donor=p.name)
        for i, p in enumerate(partnership.partners)
        if p.key in donors
        for j, stake in enumerate(p.stakes)
        if _BUSINESS.search(stake)
    ]


def benefits_as_counterparts(partnership: Partnership) -> list[Finding]:
    """A benefit a receipted donor expects (warning)."""
    donors = _receipted_donors(partnership)
    return [
        _warning(
            BENEFIT_AS_COUNTERPART,
            f"benefits[{i}]",
            donor=partnership.partner(b.partner).name,
            benefit=b.description,
        )
        for i, b in enumerate(partnership.benefits)
        if b.partner in donors and _BUSINESS.search(b.description)
    ]


def services_as_counterparts(partnership: Partnership) -> list[Finding]:
    """A contribution given to a receipted donor (warning; counted in the counterparts)."""
    lang = partnership.language.value
    return [
        _warning(
            SERVICE_TO_DONOR,
            f"contributions[{f.contribution}].to",
            giver=partnership.partner(f.giver).name,
            donor=partnership.partner(f.receiver).name,
            service=partnership.contributions[f.contribution].description,
            value=format_amount(f.amount, lang) if f.amount is not None else "—",
        )
        for f in services_to_donors(partnership)
    ]


RULES = (stakes_as_counterparts, benefits_as_counterparts, services_as_counterparts)
