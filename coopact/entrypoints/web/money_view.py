"""The money page (`/p/REF/money`) as an officer or a treasurer reads it: the schedule that
`coopact money` reads (:func:`coopact.queries.money.money_of`), its amounts and dates
written by Babel in the officer's language (``30 000,00 €`` / ``€30,000.00``), partners
named, statuses in words; and what the page checks, in the officer's words, before it asks
the use case to record a payment (which checks it all again, in one transaction)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from coopact.contracts import money
from coopact.contracts.formatting import format_amount, format_date
from coopact.contracts.lifecycle import Stage
from coopact.queries.money import as_json, money_of
from coopact.services.schedule_links import RECEIPT_KIND
from coopact.store.uow import UnitOfWork
from coopact.usecases.money_event import SIGNED

__all__ = ["problems", "recordable", "view_for"]


def recordable(stage: str) -> bool:
    """A payment is recorded once the agreement is signed, until the partnership is closed."""
    return Stage(stage) in SIGNED


def _eur(amount: str, lang: str) -> str:
    return format_amount(Decimal(amount), lang)


def _day(iso: str, lang: str) -> str:
    return format_date(dt.date.fromisoformat(iso), lang)


def view_for(uow: UnitOfWork, reference: str, today: dt.date, lang: str) -> dict[str, Any]:
    """The page's schedule, totals, payments and valued gifts, written in ``lang``."""
    view = as_json(money_of(uow, reference, today))
    with uow:
        row = uow.partnerships.get(reference)
        versions: Any = uow.partnerships.document_versions(row, RECEIPT_KIND)
        prints = {v.filename: v.sha256 for v in versions}
    names = {t["partner"]: t["partner_name"] for t in view["totals"]}
    names.update({i["partner"]: i["partner_name"] for i in view["instalments"]})
    view["instalments"] = [
        {**i, "due": _day(i["due"], lang), "amount": _eur(i["amount_eur"], lang),
         "paid": _eur(i["paid_eur"], lang)}
        for i in view["instalments"]
    ]  # fmt: skip
    view["totals"] = [
        {**t, **{k: _eur(t[f"{k}_eur"], lang) for k in ("promised", "paid", "remaining", "late")}}
        for t in view["totals"]
    ]
    view["payments"] = [
        _given(p, p["paid_on"], names, prints, reference, lang) for p in view["payments"]
    ]
    view["valuations"] = [
        _given(v, v["valued_on"], names, prints, reference, lang) for v in view["valuations"]
    ]
    view["today"] = format_date(today, lang)
    view["recordable"] = recordable(view["stage"])
    return view


def _given(
    gift: dict[str, Any],
    day: str,
    names: dict[str, str],
    prints: dict[str, str],
    reference: str,
    lang: str,
) -> dict[str, Any]:
    number = gift.get("receipt")
    return {
        **gift,
        "partner_name": names.get(gift["partner"], gift["partner"]),
        "day": _day(day, lang),
        "amount": _eur(gift["amount_eur"], lang),
        "receipt_sha256": prints.get(f"{reference}-{number}.docx", "") if number else "",
    }


def problems(
    view: dict[str, Any], form: dict[str, str], _: Callable[[str], str], lang: str
) -> tuple[int, list[str]]:
    """What is wrong with the payment typed on the page, in the officer's language (the
    HTTP status to answer with and each problem), before anything is recorded; the use case
    refuses the same again, in a transaction, for what only it can see (a concurrent
    payment)."""
    if not view["recordable"]:
        return 409, [_(
            "Aucun versement ne peut être enregistré à cette étape : les versements "
            "s'enregistrent une fois la convention signée, jusqu'à la clôture du partenariat."
        )]  # fmt: skip
    found: list[str] = []
    totals = {t["partner"]: t for t in view["totals"]}
    payer = totals.get(form["partner"])
    if payer is None:
        found.append(_(
            "Partenaire payeur : choisissez un partenaire qui verse une contribution en "
            "numéraire."
        ))  # fmt: skip
    amount = money.parse_amount(form["amount"])
    if amount is None:
        found.append(_(
            "Montant : « {amount} » n'est pas un montant positif en euros et centimes "
            "(par exemple 30000 ou 30 000,50)."
        ).format(amount=form["amount"]))  # fmt: skip
    if _date(form["date"]) is None:
        found.append(_("Date de réception : indiquez la date à laquelle le versement a été reçu."))
    if not form["reference"].strip():
        found.append(_("Référence bancaire : indiquez la référence du virement reçu."))
    if found:
        return 400, found
    assert payer is not None and amount is not None
    known = {p["reference"] for p in view["payments"]}
    if form["reference"].strip() in known:
        return 409, [_(
            "Un versement de référence « {reference} » est déjà enregistré (voir les "
            "versements reçus ci-dessous) : rien n'a été enregistré de nouveau."
        ).format(reference=form["reference"].strip())]  # fmt: skip
    if amount > Decimal(payer["remaining_eur"]):
        return 409, [_(
            "{amount} dépasse ce qui reste dû par {partner} ({remaining} sur {promised} "
            "promis) : rien n'a été enregistré."
        ).format(
            amount=format_amount(amount, lang), partner=payer["partner_name"],
            remaining=payer["remaining"], promised=payer["promised"],
        )]  # fmt: skip
    return 200, []


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
