"""Steps of features/governance.feature: governance set-up at activation."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import docx
import icalendar
import pytest
import yaml
from pytest_bdd import given, parsers, scenarios, then, when

from coopact.contracts.finding_texts import Severity
from coopact.contracts.lifecycle import Event
from coopact.schemas import Partnership
from coopact.stages.base import StageOutput, WorkContext
from coopact.stages.governance import run

scenarios("governance.feature")

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "partnership.example.yaml"
REFERENCE = "P-2027-001"


@pytest.fixture
def data() -> dict[str, Any]:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


SET_UP_AT = dt.datetime(2027, 1, 10, 9, 41, 7, tzinfo=dt.UTC)


def _context(at: dt.datetime = SET_UP_AT) -> WorkContext:
    return WorkContext(
        reference=REFERENCE, templates=ROOT / "templates", today=at.date(), generated_at=at
    )


def _document(output: StageOutput, kind: str) -> Any:
    return next(d for d in output.documents if d.kind == kind)


def _charter_text(output: StageOutput) -> str:
    document = docx.Document(io.BytesIO(_document(output, "charter").content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return _plain("\n".join(parts))


def _plain(text: str) -> str:
    """No-break spaces are French typography, added at rendering: compare the words."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _charter_table_rows(output: StageOutput, *header: str) -> list[list[str]]:
    document = docx.Document(io.BytesIO(_document(output, "charter").content))
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows[0][: len(header)] == list(header):
            return rows[1:]
    raise AssertionError(f"no table headed {header!r}")


def _events(output: StageOutput) -> list[Any]:
    calendar = icalendar.Calendar.from_ical(_document(output, "calendar").content)
    return list(calendar.walk("VEVENT"))


def _partner(data: dict[str, Any], key: str) -> dict[str, Any]:
    return next(p for p in data["partners"] if p["key"] == key)


# Given ----------------------------------------------------------------------------------


@given(parsers.parse('the signed example partnership "{reference}"'))
def example(data: dict[str, Any], reference: str) -> None:
    assert data["reference"] == reference


@given(parsers.parse('"{key}" has named no referent'))
def no_referent(data: dict[str, Any], key: str) -> None:
    _partner(data, key).pop("referent")


@given(parsers.parse('the members for "{key}" leave the committee'))
def members_leave(data: dict[str, Any], key: str) -> None:
    committee = data["governance"]["steering_committee"]
    committee["members"] = [m for m in committee["members"] if m["partner"] != key]


@given("the committee states no deadlock procedure")
def no_deadlock(data: dict[str, Any]) -> None:
    data["governance"]["steering_committee"].pop("deadlock")


@given(parsers.parse("the committee states a quorum of {quorum:d}"))
def quorum(data: dict[str, Any], quorum: int) -> None:
    data["governance"]["steering_committee"]["quorum"] = quorum


@given("the committee decides by majority")
def majority(data: dict[str, Any]) -> None:
    data["governance"]["steering_committee"]["decision_rule"] = "majority"


@given(parsers.parse('"{name}" holds {votes:d} votes'))
def holds_votes(data: dict[str, Any], name: str, votes: int) -> None:
    members = data["governance"]["steering_committee"]["members"]
    next(m for m in members if m["name"] == name)["votes"] = votes


@given(parsers.parse('the ritual "{name}" shares "{share}"'))
def ritual_shares(data: dict[str, Any], name: str, share: str) -> None:
    next(r for r in data["governance"]["rituals"] if r["name"] == name)["shares"] = [share]


@given(parsers.parse('the rituals are held with "{key}" only'))
def rituals_with_one(data: dict[str, Any], key: str) -> None:
    for ritual in data["governance"]["rituals"]:
        ritual["with"] = [key]


@given(parsers.parse('"{key}" is named'), target_fixture="special_name")
def named(data: dict[str, Any], key: str, docstring: str) -> str:
    _partner(data, key)["name"] = docstring
    for member in data["governance"]["steering_committee"]["members"]:
        if member["partner"] == key:
            member["name"] = docstring
    _partner(data, key)["referent"]["name"] = docstring
    return docstring


# When -----------------------------------------------------------------------------------


@when("the governance is set up", target_fixture="output")
def set_up(data: dict[str, Any]) -> StageOutput:
    return run(Partnership.model_validate(data), _context())


@when("the governance is set up, then again an hour later", target_fixture="outputs")
def set_up_later(data: dict[str, Any]) -> tuple[StageOutput, StageOutput]:
    first = run(Partnership.model_validate(data), _context())
    later = run(Partnership.model_validate(data), _context(SET_UP_AT + dt.timedelta(hours=1)))
    return first, later


@when("the governance is set up twice", target_fixture="outputs")
def set_up_twice(data: dict[str, Any]) -> tuple[StageOutput, StageOutput]:
    first = run(Partnership.model_validate(data), _context())
    second = run(Partnership.model_validate(data), _context())
    return first, second


# Then -----------------------------------------------------------------------------------


@then(parsers.parse('the partnership moves on with "{event}"'))
def moves_on(output: StageOutput, event: str) -> None:
    assert output.event is Event(event)
    assert {d.kind for d in output.documents} == {"charter", "calendar"}


@then(parsers.parse('the charter "{filename}" is issued'))
def charter_issued(output: StageOutput, filename: str) -> None:
    charter = _document(output, "charter")
    assert charter.filename == filename
    assert charter.media_type.endswith("wordprocessingml.document")
    assert "Charte de gouvernance" in _charter_text(output)


@then(parsers.parse('the charter lists the committee members "{names}"'))
def committee_members(output: StageOutput, names: str) -> None:
    rows = _charter_table_rows(output, "Membre")
    assert [row[0] for row in rows] == names.split(", ")


@then(parsers.parse('the charter names the referents "{names}"'))
def referents(output: StageOutput, names: str) -> None:
    rows = _charter_table_rows(output, "Partenaire")
    assert [row[1].split("\n")[0] for row in rows] == names.split(", ")  # name, then role


@then(parsers.parse('the calendar "{filename}" is issued as "{media_type}"'))
def calendar_issued(output: StageOutput, filename: str, media_type: str) -> None:
    calendar = _document(output, "calendar")
    assert (calendar.filename, calendar.media_type) == (filename, media_type)
    parsed = icalendar.Calendar.from_ical(calendar.content)
    assert parsed["VERSION"] == "2.0" and parsed["PRODID"]
    assert [tz["TZID"] for tz in parsed.walk("VTIMEZONE")] == ["Europe/Paris"]


@then(
    parsers.parse(
        'the calendar holds "{ritual}" recurring {freq} with interval {interval:d} '
        "until the end of the term"
    ),
    target_fixture="event",
)
def recurring(output: StageOutput, ritual: str, freq: str, interval: int) -> Any:
    matching = [e for e in _events(output) if str(e["SUMMARY"]).startswith(ritual + " (")]
    assert len(matching) == 1
    event = matching[0]
    rule = event["RRULE"]
    assert rule["FREQ"] == [freq] and rule["INTERVAL"] == [interval]
    until = rule["UNTIL"][0].astimezone(ZoneInfo("Europe/Paris"))
    assert until.date() == dt.date(2030, 1, 14)
    assert str(event["UID"]).startswith(f"{REFERENCE}-ritual-")
    return event


@then(parsers.parse("its first occurrence is on {day} at {time} Europe/Paris for one hour"))
def first_occurrence(event: Any, day: str, time: str) -> None:
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    at = dt.datetime.combine(dt.date.fromisoformat(day), dt.time.fromisoformat(time))
    assert start == at.replace(tzinfo=ZoneInfo("Europe/Paris"))
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert end - start == dt.timedelta(hours=1)


@then(parsers.parse('the calendar holds milestone "{key}" on {day}'))
def milestone_event(output: StageOutput, key: str, day: str) -> None:
    uid = f"{REFERENCE}-milestone-{key}@coopact"
    event = next(e for e in _events(output) if str(e["UID"]) == uid)
    assert event.decoded("DTSTART") == dt.date.fromisoformat(day)
    assert "RRULE" not in event


@then("both runs give identical documents")
def identical(outputs: tuple[StageOutput, StageOutput]) -> None:
    first, second = outputs
    assert [d.sha256 for d in first.documents] == [d.sha256 for d in second.documents]


@then("the charters are identical")
def same_charters(outputs: tuple[StageOutput, StageOutput]) -> None:
    first, second = (_document(o, "charter") for o in outputs)
    assert first.sha256 == second.sha256


@then("the calendars differ only in their DTSTAMP lines, the later one an hour later")
def calendars_differ_by_stamp(outputs: tuple[StageOutput, StageOutput]) -> None:
    first, second = (_document(o, "calendar").content.split(b"\r\n") for o in outputs)
    changed = [(a, b) for a, b in zip(first, second, strict=True) if a != b]
    assert changed and all(a.startswith(b"DTSTAMP:") for a, _ in changed)
    assert {(a, b) for a, b in changed} == {
        (b"DTSTAMP:20270110T094107Z", b"DTSTAMP:20270110T104107Z")
    }


@then(parsers.parse("the schedule holds reviews on {days}"))
def reviews(output: StageOutput, days: str) -> None:
    expected = [dt.date.fromisoformat(d) for d in days.split(", ")]
    assert [s.due_on for s in output.schedule if s.kind == "review"] == expected


@then(parsers.parse("the schedule holds a gate milestone on {day}"))
def gate_milestone(output: StageOutput, day: str) -> None:
    due = [s.due_on for s in output.schedule if s.kind == "gate_milestone"]
    assert due == [dt.date.fromisoformat(day)]


@then(parsers.parse("the schedule holds the renewal notice on {day}"))
def renewal_notice(output: StageOutput, day: str) -> None:
    due = [s.due_on for s in output.schedule if s.kind == "renewal_notice"]
    assert due == [dt.date.fromisoformat(day)]


def _find(output: StageOutput, code: str, path: str, severity: Severity) -> Any:
    matching = [f for f in output.findings if f.code == code and f.path == path]
    assert matching, [(f.code, f.path) for f in output.findings]
    assert matching[0].severity is severity
    return matching[0]


@then(parsers.parse('a {severity} finding "{code}" names "{partner}" at "{path}"'))
@then(parsers.parse('a warning "{code}" names "{partner}" at "{path}"'))
def finding_naming(
    output: StageOutput, code: str, partner: str, path: str, severity: str = "warning"
) -> None:
    finding = _find(output, code, path, Severity(severity))
    assert partner in finding.text("fr") and partner in finding.text("en")


@then(parsers.parse('a {severity} finding "{code}" is reported at "{path}"'))
@then(parsers.parse('a warning "{code}" is reported at "{path}"'))
def finding_at(output: StageOutput, code: str, path: str, severity: str = "warning") -> None:
    _find(output, code, path, Severity(severity))


@then(parsers.parse('no finding "{code}" is reported'))
def no_finding(output: StageOutput, code: str) -> None:
    assert [f for f in output.findings if f.code == code] == []


@then("no document is issued and the partnership does not move on")
def blocked(output: StageOutput) -> None:
    assert output.documents == [] and output.schedule == []
    assert output.event is None


@then(parsers.parse('the charter states the quorum "{text}"'))
def quorum_text(output: StageOutput, text: str) -> None:
    assert f"Quorum : {text}." in _charter_text(output)


@then(parsers.parse('the charter shows that "{ritual}" shares "{shares}"'))
def charter_shares(output: StageOutput, ritual: str, shares: str) -> None:
    rows = _charter_table_rows(output, "Rituel", "Ce qui est partagé")
    plan = {row[0]: row[1] for row in rows}
    assert plan[ritual] == shares


@then("the charter shows that name verbatim, in the parties, the committee and the team")
def verbatim(output: StageOutput, special_name: str) -> None:
    document = docx.Document(io.BytesIO(_document(output, "charter").content))
    assert special_name in [_plain(p.text) for p in document.paragraphs]
    cells = [
        _plain(cell.text) for table in document.tables for row in table.rows for cell in row.cells
    ]
    assert cells.count(special_name) >= 3  # committee member, its partner, the team row


@then("no ritual of the calendar meets on a weekend or a French public holiday")
def working_days_only(output: StageOutput) -> None:
    import holidays
    from dateutil.rrule import rruleset, rrulestr

    french = holidays.country_holidays("FR", years=range(2027, 2031))
    rituals = [e for e in _events(output) if "RRULE" in e]
    assert rituals
    for event in rituals:
        days = rruleset()
        days.rrule(rrulestr(event["RRULE"].to_ical().decode(), dtstart=event.decoded("DTSTART")))
        for prop, add in (("EXDATE", days.exdate), ("RDATE", days.rdate)):
            values = event.get(prop, [])
            for value in values if isinstance(values, list) else [values]:
                for item in value.dts:
                    add(item.dt)
        for occurrence in days:
            assert occurrence.weekday() < 5 and occurrence.date() not in french, occurrence


@then("every event of the calendar has a reminder")
def reminders(output: StageOutput) -> None:
    events = _events(output)
    assert events and all(list(e.walk("VALARM")) for e in events)


@then(parsers.parse("the calendar holds the end of the term on {day}"))
def end_of_term(output: StageOutput, day: str) -> None:
    ends = [e for e in _events(output) if str(e["UID"]).endswith("-end-of-term@coopact")]
    assert [e.decoded("DTSTART") for e in ends] == [dt.date.fromisoformat(day)]


@then("the calendar is stamped with the time the governance was set up, in UTC")
def stamped(output: StageOutput) -> None:
    stamps = {e.decoded("DTSTAMP") for e in _events(output)}
    assert stamps == {SET_UP_AT}  # when the work ran, not the start of the term
    assert b"DTSTAMP:20270110T094107Z" in _document(output, "calendar").content
