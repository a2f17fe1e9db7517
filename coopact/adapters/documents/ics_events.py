"""The pieces of an iCalendar event the calendars share (the partnership's calendar,
:mod:`calendar_ics`, and its instalments, :mod:`money_calendar`)."""

from __future__ import annotations

import datetime as dt

from icalendar import Alarm, Event


def alarm(event: Event, before: dt.timedelta, text: str) -> None:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", text)
    alarm.add("trigger", -before)
    event.add_component(alarm)


def new_event(uid: str, summary: str, stamp: dt.datetime, description: str = "") -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    if description:
        event.add("description", description)
    return event


def all_day(event: Event, day: dt.date) -> Event:
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    return event
