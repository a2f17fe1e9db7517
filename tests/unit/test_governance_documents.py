"""The activation documents: the iCalendar file as calendar clients read it, the charter."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import icalendar
import pytest
import yaml
from dateutil.rrule import rrulestr

from coopact.adapters.documents.calendar_ics import build_calendar
from coopact.contracts.communication import ritual_occurrences
from coopact.contracts.working_days import nominal_days
from coopact.schemas import Partnership, Ritual
from coopact.stages.base import WorkContext
from coopact.stages.governance import run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "tests" / "data" / "partnership.example.yaml"
STAMP = dt.datetime(2027, 1, 10, 9, 41, 7, tzinfo=dt.UTC)


@pytest.fixture
def data() -> dict[str, Any]:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def _context(reference: str = "P-2027-001") -> WorkContext:
    return WorkContext(
        reference=reference, templates=ROOT / "templates", today=dt.date(2027, 1, 10)
    )


def test_rrule_expansion_matches_the_charters_first_year(data: dict[str, Any]) -> None:
    """What a calendar client expands from the RRULE is what the charter's table lists."""
    partnership = Partnership.model_validate(data)
    calendar = icalendar.Calendar.from_ical(build_calendar(partnership, "P-2027-001", STAMP))
    rituals = [e for e in calendar.walk("VEVENT") if "RRULE" in e]
    assert len(rituals) == len(partnership.governance.rituals)
    for event, ritual in zip(rituals, partnership.governance.rituals, strict=True):
        start = event.decoded("DTSTART")
        rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start)
        expected = nominal_days(ritual, partnership.start_date, partnership.end_date)
        assert [d.date() for d in rule] == expected  # before moving days off (EXDATE/RDATE)


def test_monthly_ritual_started_on_the_31st_skips_short_months_like_rfc5545() -> None:
    ritual = Ritual.model_validate({"name": "Point", "every_months": 1, "with": ["a"]})
    days = ritual_occurrences(ritual, dt.date(2027, 1, 31), dt.date(2027, 5, 31))
    assert days == [dt.date(2027, 1, 31), dt.date(2027, 3, 31), dt.date(2027, 5, 31)]


def test_ics_lines_are_crlf_and_folded_at_75_octets(data: dict[str, Any]) -> None:
    content = build_calendar(Partnership.model_validate(data), "P-2027-001", STAMP)
    lines = content.split(b"\r\n")
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-2] == b"END:VCALENDAR"
    assert all(len(line) <= 75 for line in lines)
    assert b"\n" not in content.replace(b"\r\n", b"")


def test_uids_are_stable_and_unique_per_partnership(data: dict[str, Any]) -> None:
    partnership = Partnership.model_validate(data)
    uids = [
        str(e["UID"])
        for e in icalendar.Calendar.from_ical(
            build_calendar(partnership, "P-2027-001", STAMP)
        ).walk("VEVENT")
    ]
    assert len(uids) == len(set(uids))
    assert all(uid.startswith("P-2027-001-") and uid.endswith("@coopact") for uid in uids)
    assert "P-2027-001-ritual-1@coopact" in uids
    assert "P-2027-001-renewal-notice@coopact" in uids


def test_dtstamp_is_the_generation_time_given_written_in_utc(data: dict[str, Any]) -> None:
    partnership = Partnership.model_validate(data)
    paris = dt.datetime(2027, 1, 10, 10, 41, 7, 513, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    content = build_calendar(partnership, "P-2027-001", paris)
    stamps = {line for line in content.split(b"\r\n") if line.startswith(b"DTSTAMP")}
    assert stamps == {b"DTSTAMP:20270110T094107Z"}  # 10:41 in Paris (CET) is 09:41 UTC
    with pytest.raises(ValueError, match="timezone"):
        build_calendar(partnership, "P-2027-001", dt.datetime(2027, 1, 10, 9, 41))


def test_english_partnership_gets_an_english_charter_and_calendar(data: dict[str, Any]) -> None:
    data["language"] = "en"
    output = run(Partnership.model_validate(data), _context())
    charter = next(d for d in output.documents if d.kind == "charter")
    calendar = next(d for d in output.documents if d.kind == "calendar")
    assert charter.filename == "P-2027-001-governance-charter.docx"
    assert calendar.filename == "P-2027-001-calendar.ics"
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(charter.content)).paragraphs)
    assert "Partnership governance charter" in text
    assert "Quorum: at least one member of each partner present (2 members)." in text
    assert b"SUMMARY:Point projet (every two weeks)" in calendar.content


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_charter_opens_in_libreoffice(data: dict[str, Any], tmp_path: Path) -> None:
    output = run(Partnership.model_validate(data), _context())
    charter = next(d for d in output.documents if d.kind == "charter")
    source = tmp_path / charter.filename
    source.write_bytes(charter.content)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    assert (tmp_path / source.with_suffix(".pdf").name).stat().st_size > 0
