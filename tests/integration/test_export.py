"""Issue 27, exports: `coopact export portfolio --format csv|xlsx` has a row per partnership
with the columns an officer's spreadsheet needs; the workbook reopens (openpyxl) with numbers
and dates typed; a title that looks like a formula stays text. (LibreOffice here has no Calc
to open it.)"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import yaml

from tests.conftest import EXAMPLE
from tests.integration.conftest import Cli

HEADER = [
    "Reference", "Title", "Kind", "Partners", "Start", "End", "Renewal", "Notice deadline",
    "Contract value (EUR)", "Stage", "Awaited", "Next review", "Blocking findings",
]  # fmt: skip


def _two_partnerships(cli: Cli, tmp_path: Path) -> None:
    cli("init", check=True)
    cli("new", str(EXAMPLE), check=True)
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["reference"], data["title"] = "P-2027-002", '=HYPERLINK("http://x")'
    second = tmp_path / "second.yaml"
    second.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    cli("new", str(second), check=True)


def test_csv_has_a_row_per_partnership(cli: Cli, tmp_path: Path) -> None:
    _two_partnerships(cli, tmp_path)
    done = cli("export", "portfolio", "--format", "csv", check=True)
    rows = list(csv.reader(io.StringIO(done.stdout)))
    assert rows[0] == HEADER
    assert [r[0] for r in rows[1:]] == ["P-2027-001", "P-2027-002"]
    first = dict(zip(HEADER, rows[1], strict=True))
    assert first["Partners"] == "Association Tremplin Emploi; Logistix Urbaine SAS"
    assert (first["Start"], first["End"]) == ("2027-01-15", "2030-01-14")
    assert first["Stage"] == "draft" and first["Awaited"].startswith("vision_approval")
    assert float(first["Contract value (EUR)"]) > 0 and first["Blocking findings"] == "0"
    assert rows[2][1].startswith("'=")  # never run as a formula


def test_xlsx_reopens_with_numbers_and_dates(cli: Cli, tmp_path: Path) -> None:
    _two_partnerships(cli, tmp_path)
    target = tmp_path / "portfolio.xlsx"
    done = cli("export", "portfolio", "--format", "xlsx", "--output", str(target), check=True)
    assert "2 partnership(s) written" in done.stderr and done.stdout == ""
    sheet = openpyxl.load_workbook(target).active
    assert [c.value for c in sheet[1]] == HEADER
    assert sheet.max_row == 3
    assert sheet["E2"].value.date().isoformat() == "2027-01-15"
    assert isinstance(sheet["I2"].value, int | float) and sheet["I2"].value > 0
    assert sheet["B3"].data_type == "s"
