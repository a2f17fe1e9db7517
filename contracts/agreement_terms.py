"""The agreement's terms a lawyer reads first (issue 21): who pays whom and when, the tax
treatment, the forum, the prevailing language, and how the act is signed.

:func:`terms_context` adds these plain values to :func:`contracts.agreement.assemble`'s
context; the clause files print them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from coopact.contracts.agreement_words import names_list
from coopact.contracts.formatting import format_amount, format_date, in_words
from coopact.contracts.gifts import gift_flows
from coopact.contracts.obligations import payments
from coopact.contracts.requalification import services_to_donors
from coopact.contracts.tax import tax_context
from coopact.schemas import Partnership
from coopact.schemas.vocabulary import COMMERCIAL_COMPANY_FORMS

# Legal forms that are commercial by their form (art. L. 210-1 C. com.): only when every
# party is one may the agreement make a court exclusively competent (art. 48 CPC).
MERCHANT_FORMS = COMMERCIAL_COMPANY_FORMS

SIGNATURE_PROVIDERS = ("manual", "docuseal", "yousign")


def terms_context(partnership: Partnership, signature_provider: str = "manual") -> dict[str, Any]:
    """Payments, flows, tax, forum and signature, ready to print."""
    lang = partnership.language.value
    filled: dict[str, Any] = _filled(
        {
            "payments": _payments(partnership),
            "flows": _flows(partnership),
            "tax": tax_context(partnership),
            "services_to_donors": _services(partnership),
            "forum": forum(partnership),
            "signing": {
                "provider": signature_provider
                if signature_provider in SIGNATURE_PROVIDERS
                else "manual",
                "manual": signature_provider not in ("docuseal", "yousign"),
                "docuseal": signature_provider == "docuseal",
                "yousign": signature_provider == "yousign",
                "date_line": "Date : celle de la signature électronique"
                if lang == "fr"
                else "Date: that of the electronic signature",
                "sign_line": "Signature électronique (art. 1367 du code civil)"
                if lang == "fr"
                else "Electronic signature (art. 1367 of the French Civil Code)",
            },
        }
    )
    return filled


def _filled(value: Any) -> Any:
    """Every empty text replaced by a dash: a printed value is never empty."""
    if isinstance(value, dict):
        return {k: _filled(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_filled(v) for v in value]
    return "—" if value == "" else value


def _payments(partnership: Partnership) -> list[dict[str, Any]]:
    lang = partnership.language.value
    result = []
    for p in payments(partnership):
        amount = format_amount(p.amount, lang) if p.amount is not None else ""
        dates = [format_date(d, lang) for d in p.due]
        result.append(
            {
                "payer": partnership.partner(p.payer).name,
                "payee": partnership.partner(p.payee).name,
                "description": partnership.contributions[p.contribution].description,
                "amount": amount or ("non chiffré" if lang == "fr" else "not stated"),
                "instalments": len(p.due),
                "count": in_words(len(p.due), lang),
                "instalment": format_amount(p.instalment, lang) if p.instalment else "",
                "dates": names_list(dates, lang),
                "dated": bool(p.due),
                "trigger": p.trigger or "",
            }
        )
    return result


def _flows(partnership: Partnership) -> list[dict[str, Any]]:
    lang = partnership.language.value
    return [
        {
            "giver": partnership.partner(f.giver).name,
            "receiver": partnership.partner(f.receiver).name,
            "description": partnership.contributions[f.contribution].description,
            "kind": f.kind.value,
            "value": format_amount(f.amount, lang) if f.amount is not None else "",
        }
        for f in gift_flows(partnership)
    ]


def _services(partnership: Partnership) -> list[dict[str, Any]]:
    lang = partnership.language.value
    return [
        {
            "giver": partnership.partner(f.giver).name,
            "donor": partnership.partner(f.receiver).name,
            "description": partnership.contributions[f.contribution].description,
            "value": format_amount(f.amount or Decimal(0), lang),
        }
        for f in services_to_donors(partnership)
    ]


def all_merchants(partnership: Partnership) -> bool:
    return all(p.legal_form in MERCHANT_FORMS for p in partnership.partners)


def forum(partnership: Partnership) -> dict[str, Any]:
    """The court the dispute goes to: the named one, exclusive only between merchants (art.
    48 CPC); otherwise the court competent under the ordinary rules (never a guessed one)."""
    fr = partnership.language.value == "fr"
    named = partnership.court
    merchants = all_merchants(partnership)
    if named and merchants:
        court = f"{named}, seul compétent" if fr else f"{named}, which alone has jurisdiction"
    elif named:
        court = (
            f"{named}, sans préjudice de la compétence de toute autre juridiction désignée par "
            "les règles de droit commun"
            if fr
            else f"{named}, without prejudice to the jurisdiction of any other court under "
            "the ordinary rules"
        )
    else:
        court = (
            "la juridiction compétente selon les règles de droit commun"
            if fr
            else "the court having jurisdiction under the ordinary rules of French law"
        )
    return {"court": court, "exclusive": bool(named and merchants), "merchants": merchants}
