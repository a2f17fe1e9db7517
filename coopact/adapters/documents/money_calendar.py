"""The payment dates of the calendar: one all-day event per instalment (who pays whom, how
much), with a reminder on the day its call for funds goes out (COOPACT_CALL_DAYS before)."""

from __future__ import annotations

import datetime as dt
import os

from icalendar import Event

from coopact.adapters.documents.ics_events import alarm, all_day, new_event
from coopact.contracts import money
from coopact.contracts.formatting import format_amount
from coopact.contracts.money_flows import cash_flows
from coopact.schemas import Partnership

DEFAULT_DAYS_BEFORE = 15  # COOPACT_CALL_DAYS: how many days before its date a call goes out


def days_before_from_env() -> int:
    """How many days before an instalment its call for funds goes out (COOPACT_CALL_DAYS)."""
    return int(os.environ.get("COOPACT_CALL_DAYS", DEFAULT_DAYS_BEFORE))


WORDS = {
    "fr": ("Échéance : {payer} verse {amount} à {receiver}", "Appel de fonds : {summary}"),
    "en": ("Instalment: {payer} pays {amount} to {receiver}", "Call for funds: {summary}"),
}


def instalment_events(
    partnership: Partnership, reference: str, stamp: dt.datetime, days_before: int
) -> list[Event]:
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
        event = all_day(new_event(uid, summary, stamp), step.due)
        alarm(event, dt.timedelta(days=days_before), call_words.format(summary=summary))
        events.append(event)
    return events
