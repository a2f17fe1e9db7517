"""The partnership's calendar as an iCalendar file (RFC 5545) everyone can import.

- Each ritual is one recurring event: ``RRULE:FREQ=WEEKLY;INTERVAL=n`` or
  ``FREQ=MONTHLY;INTERVAL=n``, ``UNTIL`` the last day of the term (23:59:59 Paris time,
  written in UTC as RFC 5545 requires with a zoned DTSTART), lasting one hour. Rituals are
  spread over working days (:mod:`contracts.working_days`): each its own time slot, a yearly
  ritual first at the end of its year, and an occurrence on a weekend or a French public
  holiday replaced (EXDATE) by the next working day (RDATE).
- Each milestone, each periodic Go/noGo review, the renewal notice deadline and the end of
  the term is an all-day dated event; every event carries a reminder (VALARM).
- Times are in Europe/Paris, with the VTIMEZONE component written out (EU summer time rules),
  so Outlook, Google Calendar and Thunderbird place events at the same hour.
- UIDs are derived from the partnership reference (``P-2027-001-ritual-1@coopact``):
  importing a new version updates the events instead of duplicating them.
- DTSTAMP is the time of generation (UTC, to the second), given by the caller: the stage
  passes the time its work runs, which is also the time its document version is recorded
  and is kept in the version's inputs; the same inputs, that time included, give
  byte-identical files.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from coopact.adapters.documents.ics_events import alarm, all_day, new_event
from coopact.adapters.documents.money_calendar import days_before_from_env, instalment_events
from coopact.contracts.calendar_dates import CalendarKind, History, governance_calendar
from coopact.contracts.communication import cadence_words, ritual_shares, share_label
from coopact.contracts.working_days import (
    first_day,
    is_working_day,
    next_working_day,
    nominal_days,
    slot,
)
from coopact.schemas import Partnership
from coopact.schemas.partnership import Milestone, Ritual

ICS_MEDIA_TYPE = "text/calendar"
TZID = "Europe/Paris"
PARIS = ZoneInfo(TZID)
RITUAL_DURATION = dt.timedelta(hours=1)
PRODID = "-//coopact//coopact partnership calendar//{language}"

_WORDS = {
    "fr": {
        "calendar": "Partenariat {ref} : {title}",
        "milestone": "Jalon {key} : {title}",
        "gate": " (Go/noGo)",
        "indicator": "Indicateur : {name}, de {baseline} à {target} {unit}",
        "owner": "Porteur : {owner}",
        "ritual": "{name} ({cadence})",
        "shares": "Partage : {shares}",
        "participants": "Participants : {participants}",
        "end": "Fin de la convention {ref}",
        "reminder": "Rappel : {summary}",
    },
    "en": {
        "calendar": "Partnership {ref}: {title}",
        "milestone": "Milestone {key}: {title}",
        "gate": " (Go/noGo)",
        "indicator": "Indicator: {name}, from {baseline} to {target} {unit}",
        "owner": "Owner: {owner}",
        "ritual": "{name} ({cadence})",
        "shares": "Shares: {shares}",
        "participants": "Participants: {participants}",
        "end": "End of agreement {ref}",
        "reminder": "Reminder: {summary}",
    },
}


def issued_at(partnership: Partnership) -> dt.datetime:
    """The creation date written in the charter's properties: midnight UTC of the start date."""
    return dt.datetime.combine(partnership.start_date, dt.time(0), tzinfo=dt.UTC)


def paris_timezone() -> Timezone:
    """VTIMEZONE for Europe/Paris: CET/CEST, last Sunday of March and of October."""
    timezone = Timezone()
    timezone.add("tzid", TZID)
    timezone.add("x-lic-location", TZID)
    daylight = TimezoneDaylight()
    daylight.add("tzname", "CEST")
    daylight.add("tzoffsetfrom", dt.timedelta(hours=1))
    daylight.add("tzoffsetto", dt.timedelta(hours=2))
    daylight.add("dtstart", dt.datetime(1970, 3, 29, 2, 0, 0))
    daylight.add("rrule", vRecur(freq="YEARLY", bymonth=3, byday="-1SU"))
    standard = TimezoneStandard()
    standard.add("tzname", "CET")
    standard.add("tzoffsetfrom", dt.timedelta(hours=2))
    standard.add("tzoffsetto", dt.timedelta(hours=1))
    standard.add("dtstart", dt.datetime(1970, 10, 25, 3, 0, 0))
    standard.add("rrule", vRecur(freq="YEARLY", bymonth=10, byday="-1SU"))
    timezone.add_component(daylight)
    timezone.add_component(standard)
    return timezone


def _number(value: object) -> str:
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _instalments(partnership: Partnership, reference: str, stamp: dt.datetime) -> list[Event]:
    """The payment dates and call-for-funds reminders
    (coopact.adapters.documents.money_calendar)."""
    return instalment_events(partnership, reference, stamp, days_before_from_env())


def _ritual_event(
    uid: str,
    ritual: Ritual,
    n: int,
    begin: dt.date,
    last_day: dt.date,
    names: dict[str, str],
    words: dict[str, str],
    stamp: dt.datetime,
    language: str,
) -> Event:
    """One recurring ritual from ``begin`` to ``last_day`` (23:59:59 Paris time)."""
    shares = ", ".join(share_label(s, language) for s in ritual_shares(ritual))
    participants = ", ".join(names.get(k, k) for k in ritual.participants)
    description = "\n".join(
        [
            words["participants"].format(participants=participants),
            words["shares"].format(shares=shares),
        ]
    )
    summary = words["ritual"].format(name=ritual.name, cadence=cadence_words(ritual, language))
    event = new_event(uid, summary, stamp, description)
    at = slot(n)
    until = dt.datetime.combine(last_day, dt.time(23, 59, 59), tzinfo=PARIS).astimezone(dt.UTC)
    first = dt.datetime.combine(first_day(ritual, begin), at, tzinfo=PARIS)
    event.add("dtstart", first)
    event.add("dtend", first + RITUAL_DURATION)
    if ritual.every_weeks is not None:
        rule = vRecur(freq="WEEKLY", interval=ritual.every_weeks, until=until)
    else:
        rule = vRecur(freq="MONTHLY", interval=ritual.every_months, until=until)
    event.add("rrule", rule)
    off = [d for d in nominal_days(ritual, begin, last_day) if not is_working_day(d)]
    for day in off:  # a weekend or a public holiday: the next working day instead
        event.add("exdate", dt.datetime.combine(day, at, tzinfo=PARIS))
        event.add("rdate", dt.datetime.combine(next_working_day(day), at, tzinfo=PARIS))
    alarm(event, dt.timedelta(days=1), words["reminder"].format(summary=summary))
    return event


def build_calendar(
    partnership: Partnership,
    reference: str,
    generated_at: dt.datetime,
    *,
    history: History | None = None,
    previous: bytes | None = None,
) -> bytes:
    """The .ics bytes of the partnership's rituals, milestones, reviews, renewal notice and
    end of term. ``generated_at`` (timezone-aware) is the DTSTAMP, written in UTC. Re-issued
    after an avenant: ``history`` keeps the reviews held as held, and each event of the
    ``previous`` issue keeps its UID, its SEQUENCE raised when it changed; an event it no
    longer holds is sent again as cancelled (RFC 5545/5546)."""
    if generated_at.tzinfo is None:
        raise ValueError("generated_at must carry its timezone (the DTSTAMP is in UTC)")
    language = partnership.language.value
    words = _WORDS.get(language, _WORDS["en"])
    stamp = generated_at.astimezone(dt.UTC).replace(microsecond=0)
    names = {p.key: p.name for p in partnership.partners}
    cal = _new_calendar(partnership, reference)
    for event in _ritual_events(partnership, reference, history, stamp):
        cal.add_component(event)
    for event in _instalments(partnership, reference, stamp):  # the money (issue 26)
        cal.add_component(event)
    for milestone in partnership.milestones:
        cal.add_component(_milestone_event(milestone, reference, names, words, stamp))
    for event in _governance_events(partnership, reference, history, words, stamp):
        cal.add_component(event)
    end = words["end"].format(ref=reference)
    event = all_day(new_event(f"{reference}-end-of-term@coopact", end, stamp), partnership.end_date)
    alarm(event, dt.timedelta(days=30), words["reminder"].format(summary=end))
    cal.add_component(event)
    _sequence(cal, previous, stamp)
    content: bytes = cal.to_ical()
    return content


def _new_calendar(partnership: Partnership, reference: str) -> Calendar:
    """An empty calendar named after the partnership, in Paris time."""
    language = partnership.language.value
    words = _WORDS.get(language, _WORDS["en"])
    cal = Calendar()
    cal.add("prodid", PRODID.format(language=language.upper()))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", words["calendar"].format(ref=reference, title=partnership.title))
    cal.add("x-wr-timezone", TZID)
    cal.add_component(paris_timezone())
    return cal


def _ritual_events(
    partnership: Partnership, reference: str, history: History | None, stamp: dt.datetime
) -> list[Event]:
    """One recurring series per ritual over the term; a ritual an avenant changed: the past
    series ending the day before ``history.since``, and a new one from that day."""
    language = partnership.language.value
    words = _WORDS.get(language, _WORDS["en"])
    names = {p.key: p.name for p in partnership.partners}
    events = []
    before = history.rituals if history is not None else ()
    for n, ritual in enumerate(partnership.governance.rituals, start=1):
        uid = f"{reference}-ritual-{n}@coopact"
        old = before[n - 1] if history is not None and n <= len(before) else None
        if history is None or old is None or old == ritual:
            series = [(uid, ritual, partnership.start_date, partnership.end_date)]
        else:  # changed by the avenant: the past series ends, a new one starts
            since = history.since
            series = [
                (uid, old, partnership.start_date, since - dt.timedelta(days=1)),
                (f"{reference}-ritual-{n}-{since.isoformat()}@coopact", ritual, since,
                 partnership.end_date),
            ]  # fmt: skip
        for key, held, begin, last in series:
            events.append(_ritual_event(key, held, n, begin, last, names, words, stamp, language))
    return events


def _milestone_event(
    milestone: Milestone,
    reference: str,
    names: dict[str, str],
    words: dict[str, str],
    stamp: dt.datetime,
) -> Event:
    """A milestone on its due date (a Go/noGo gate said so), its owner and indicator, with a
    reminder a week before."""
    summary = words["milestone"].format(key=milestone.key, title=milestone.title)
    if milestone.gate:
        summary += words["gate"]
    lines = [words["owner"].format(owner=names.get(milestone.owner, milestone.owner))]
    if milestone.indicator is not None:
        indicator = milestone.indicator
        lines.append(
            words["indicator"].format(
                name=indicator.name,
                baseline=_number(indicator.baseline),
                target=_number(indicator.target),
                unit=indicator.unit,
            )
        )
    uid = f"{reference}-milestone-{milestone.key}@coopact"
    event = all_day(new_event(uid, summary, stamp, "\n".join(lines)), milestone.due)
    alarm(event, dt.timedelta(days=7), words["reminder"].format(summary=summary))
    return event


def _governance_events(
    partnership: Partnership,
    reference: str,
    history: History | None,
    words: dict[str, str],
    stamp: dt.datetime,
) -> list[Event]:
    """The reviews and the renewal notice date (the Go/noGo gates are there as their
    milestones), each with a reminder a week before."""
    events = []
    for item in governance_calendar(partnership, history):
        if item.kind == CalendarKind.gate_milestone:
            continue  # already there as its milestone
        uid = f"{reference}-{item.key}@coopact"
        event = all_day(new_event(uid, item.subject, stamp), item.due_on)
        alarm(event, dt.timedelta(days=7), words["reminder"].format(summary=item.subject))
        events.append(event)
    return events


_UNCOMPARED = {b"DTSTAMP", b"SEQUENCE", b"STATUS"}


def _signature(event: Any) -> bytes:
    """What an event says, its stamp and sequence aside: two issues saying the same thing
    have the same signature."""
    lines = event.to_ical().replace(b"\r\n ", b"").split(b"\r\n")
    return b"\n".join(
        sorted(line for line in lines if line.split(b":")[0].split(b";")[0] not in _UNCOMPARED)
    )


def _events(content: bytes) -> dict[str, Any]:
    calendar = Calendar.from_ical(content)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def _sequence(cal: Calendar, previous: bytes | None, stamp: dt.datetime) -> None:
    """SEQUENCE of each event: 0 at the first issue; at a re-issue, the previous one's, plus
    one when the event changed; the previous issue's events that are gone, cancelled."""
    before = _events(previous) if previous else {}
    seen = set()
    for event in cal.walk("VEVENT"):
        uid = str(event["UID"])
        seen.add(uid)
        old = before.get(uid)
        number = 0 if old is None else int(old.get("SEQUENCE", 0))
        if old is not None and _signature(old) != _signature(event):
            number += 1
        event.add("sequence", number)
    for uid, old in before.items():
        if uid not in seen and str(old.get("STATUS", "")) != "CANCELLED":
            cal.add_component(_cancelled(old, stamp))


def _cancelled(old: Any, stamp: dt.datetime) -> Event:
    """The previous issue's event, cancelled: same UID and dates, SEQUENCE raised."""
    event = Event()
    for name in ("UID", "SUMMARY", "DTSTART", "DTEND", "RRULE"):
        if name in old:
            event.add(name.lower(), old.decoded(name) if name != "RRULE" else old[name])
    event.add("dtstamp", stamp)
    event.add("sequence", int(old.get("SEQUENCE", 0)) + 1)
    event.add("status", "CANCELLED")
    return event


def cancel_calendar(previous: bytes, generated_at: dt.datetime) -> bytes:
    """Every event of the calendar ``previous`` cancelled (METHOD:CANCEL, RFC 5546): sent to
    the attendees when the partnership ends, so that nothing stays in their agendas."""
    stamp = generated_at.astimezone(dt.UTC).replace(microsecond=0)
    source = Calendar.from_ical(previous)
    cal = Calendar()
    for name in ("PRODID", "VERSION", "CALSCALE", "X-WR-CALNAME", "X-WR-TIMEZONE"):
        if name in source:
            cal.add(name.lower(), source[name])
    cal.add("method", "CANCEL")
    cal.add_component(paris_timezone())
    for old in source.walk("VEVENT"):
        if str(old.get("STATUS", "")) != "CANCELLED":
            cal.add_component(_cancelled(old, stamp))
    content: bytes = cal.to_ical()
    return content
