"""`coopact export portfolio --format csv|xlsx [--output FILE]`: one row per partnership
(coopact.queries.portfolio), for a spreadsheet or a BI tool."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Any

import typer

from coopact.bootstrap import units
from coopact.entrypoints.cli.common import ready, reports_errors
from coopact.entrypoints.cli.failures import err
from coopact.queries.portfolio import rows

export_app = typer.Typer(help="Exports for spreadsheets and BI tools.", no_args_is_help=True)


class Format(enum.StrEnum):
    csv = "csv"
    xlsx = "xlsx"


HEADINGS = {
    "reference": "Reference",
    "title": "Title",
    "kind": "Kind",
    "partners": "Partners",
    "start": "Start",
    "end": "End",
    "renewal": "Renewal",
    "notice_deadline": "Notice deadline",
    "contract_value_eur": "Contract value (EUR)",
    "stage": "Stage",
    "awaited": "Awaited",
    "next_review": "Next review",
    "blocking_findings": "Blocking findings",
}


def register(app: typer.Typer) -> None:

    app.add_typer(export_app, name="export")

    @export_app.command("portfolio")
    @reports_errors
    def portfolio(
        format_: Annotated[
            Format, typer.Option("--format", help="csv (UTF-8, comma) or xlsx (a workbook).")
        ] = Format.csv,
        output: Annotated[
            Path | None,
            typer.Option(help="Write here; default: stdout for csv, portfolio.xlsx for xlsx."),
        ] = None,
    ) -> None:
        """One row per partnership: reference, title, kind, partners, start, end, renewal,
        notice deadline, contract value, stage, awaited, next review, blocking findings."""

        ready()
        records = rows(units.uow)
        if format_ is Format.csv:
            count = _csv(records, output)
        else:
            output = output or Path("portfolio.xlsx")
            count = _xlsx(records, output)
        if output is not None:
            err.print(f"{count} partnership(s) written to {output}", markup=False)


def _csv(records: Any, output: Path | None) -> int:
    import csv
    import sys

    def write(stream: Any) -> int:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(HEADINGS.values())
        count = 0
        for record in records:
            writer.writerow(_inert(record[key]) for key in HEADINGS)
            count += 1
        return count

    if output is None:
        return write(sys.stdout)
    part = output.with_name(output.name + ".part")
    with part.open("w", encoding="utf-8", newline="") as stream:
        count = write(stream)
    part.replace(output)
    return count


def _xlsx(records: Any, output: Path) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Portfolio")
    sheet.append(list(HEADINGS.values()))
    count = 0
    for record in records:
        cells = []
        for key in HEADINGS:
            cell = WriteOnlyCell(sheet, value=_cell(record[key]))
            if key in DATES and cell.value:
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
        count += 1
    part = output.with_name(output.name + ".part")
    book.save(part)
    part.replace(output)
    return count


DATES = ("start", "end", "notice_deadline", "next_review")


def _inert(value: Any) -> Any:
    """Text a spreadsheet would run as a formula (=, +, -, @ first) kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    """Numbers as numbers, dates as dates (a spreadsheet sorts and sums them), text as text."""
    import datetime as dt
    from decimal import Decimal

    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return _inert(value)
