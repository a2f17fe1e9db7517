"""The payment dates of the calendar: one all-day event per instalment (who pays whom, how
much), with a reminder on the day its call for funds goes out (COOPACT_CALL_DAYS before)."""

from __future__ import annotations

import datetime as dt

from icalendar import Event

from coopact.contracts import money
from coopact.contracts.formatting import format_amount
from coopact.contracts.money_flows import cash_flows
from coopact.schemas import Partnership

WORDS = {
    "fr": ("Échéance : {payer} verse {amount} à {receiver}", "Appel de fonds : {summary}"),
    "en": ("Instalment: {payer} pays {amount} to {receiver}", "Call for funds: {summary}"),
}


def instalment_events(
    partnership: Partnership, reference: str, stamp: dt.datetime, days_before: int
) -> list[Event]:
    from coopact.adapters.documents.calendar_ics import _alarm, _all_day, _event

    language = partnership.language.value
    summary_words, call_words = WORDS.get(language, WORDS["en"])
    names = {p.key: p.name for p in partnership.partners}
    events = []
    for step in money.instalments(partnership, cash_flows(partnership).receivers):
        summary = summary_words.format(
            payer=names[step.payer], receiver=names[step.receiver],
            amount=format_amount(step.amount, language),
        )  # fmt: skip
        uid = f"{reference}-instalment-{step.payer}-{step.due:%Y%m%d}@coopact"
        event = _all_day(_event(uid, summary, stamp), step.due)
        _alarm(event, dt.timedelta(days=days_before), call_words.format(summary=summary))
        events.append(event)
    return events
