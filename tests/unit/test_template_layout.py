"""The layout a legal officer keeps when editing the Word templates is in the templates
themselves (they are the source, no script rebuilds them): A4 pages, tables of fixed
column widths that fit the page, no row split across two pages, and the header row of
every repeating table repeated at the top of each page."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted((ROOT / "templates").glob("*/*.docx"))


def _mm(value: int) -> int:
    return round(value / 36000)  # EMU -> mm


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_pages_are_a4_and_tables_fit_them(path: Path) -> None:
    document = docx.Document(str(path))
    for section in document.sections:
        size = (_mm(section.page_width), _mm(section.page_height))
        assert size in {(210, 297), (297, 210)}, size
        text_width = section.page_width - section.left_margin - section.right_margin
    for table in document.tables:
        layout = table._tbl.tblPr.find(qn("w:tblLayout"))
        assert layout is not None and layout.get(qn("w:type")) == "fixed"
        width = sum(int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.gridCol_lst)  # twips
        assert width * 635 <= text_width + 635 * 20, (width, text_width)  # 1 twip = 635 EMU


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_rows_are_kept_whole_and_headers_repeated(path: Path) -> None:
    document = docx.Document(str(path))
    for table in document.tables:
        rows = table._tbl.tr_lst
        for row in rows:
            assert row.trPr is not None and row.trPr.find(qn("w:cantSplit")) is not None
        repeating = len(rows) > 1 and "{%tr for" in "".join(rows[1].itertext())
        if repeating:  # a header row, then the rows of a loop
            assert rows[0].trPr.find(qn("w:tblHeader")) is not None
