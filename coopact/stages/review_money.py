"""What the review report shows of the money: per cash payer, what the agreement promised,
what fell due by the review date, what was received (the payments recorded) and what is
late, so that the comité de pilotage sees money promised that never came."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from functools import partial
from typing import Any

from coopact.contracts import money
from coopact.contracts.formatting import format_date
from coopact.contracts.money_flows import cash_flows
from coopact.schemas import Partnership
from coopact.stages import presentation

WORDS = {
    "fr": {
        "intro": "Contributions en numéraire au {date}, selon les paiements enregistrés.",
        "no_cash": "Aucune contribution en numéraire.",
        "not_read": "Les paiements n'ont pas été lus pour ce rapport.",
        "no_schedule": "non échéancé",
    },
    "en": {
        "intro": "Cash contributions on {date}, according to the payments recorded.",
        "no_cash": "No cash contribution.",
        "not_read": "The payments were not read for this report.",
        "no_schedule": "no schedule",
    },
}


def money_context(
    partnership: Partnership, paid: Mapping[str, Decimal] | None, review_date: dt.date
) -> dict[str, Any]:
    """``money_intro`` and ``money`` (one row per cash payer: partner, promised, due by the
    review date, received, late) for the review report's template."""
    language = partnership.language.value
    words = WORDS.get(language, WORDS["en"])
    payers = [p for p in partnership.partners if money.pays_cash(partnership, p.key)]
    if not payers:
        return {"money_intro": words["no_cash"], "money": []}
    if paid is None:
        return {"money_intro": words["not_read"], "money": []}
    rows = money.states(
        money.instalments(partnership, cash_flows(partnership).receivers), paid, review_date
    )
    euros = partial(presentation.euros, language=language)
    table = []
    for partner in payers:
        mine = [r for r in rows if r.instalment.payer == partner.key]
        fallen = [r for r in mine if r.instalment.due <= review_date]
        due = sum((r.instalment.amount for r in fallen), money.ZERO)
        late = sum((r.instalment.amount - r.paid for r in fallen), money.ZERO)
        table.append(
            {
                "partner": partner.name,
                "promised": euros(money.cash_promised(partnership, partner.key)),
                "due": euros(due) if mine else words["no_schedule"],
                "received": euros(paid.get(partner.key, money.ZERO)),
                "late": euros(late) if mine else words["no_schedule"],
            }
        )
    intro = words["intro"].format(date=format_date(review_date, language))
    return {"money_intro": intro, "money": table}
