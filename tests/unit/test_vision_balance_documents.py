"""The vision note and the balance report reopen in python-docx with partner data verbatim."""

from __future__ import annotations

import copy
import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

from coopact.contracts import balance as balance_rules
from coopact.schemas import Partnership
from coopact.stages import balance, vision
from coopact.stages.base import WorkContext

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = yaml.safe_load((ROOT / "tests" / "data" / "partnership.example.yaml").read_text("utf-8"))

TRICKY_NAMES = [
    'Tremplin & Cie <"Emploi"> l\'asso {{ partner.name }}',
    "Logistix {% if x %}Urbaine{% endif %} $SAS$ & <b>fils</b>",
]
TRICKY_RED_LINES = [
    [
        'Jamais de « sélection » des bénéficiaires & <pas> de "tri" {{ 7*7 }}',
        "Pas d'image ' sans accord",
    ],
    [
        "{{ config }} {%- raw %} & < > \" '",
        "Aucun engagement > 50 000 € & <script>alert(1)</script>",
    ],
]


def tricky_partnership(language: str) -> Partnership:
    data: dict[str, Any] = copy.deepcopy(EXAMPLE)
    data["language"] = language
    for partner, name, red_lines in zip(
        data["partners"], TRICKY_NAMES, TRICKY_RED_LINES, strict=True
    ):
        partner["name"] = name
        partner["red_lines"] = red_lines
    return Partnership.model_validate(data)


def context() -> WorkContext:
    return WorkContext(
        reference="P-2027-001", templates=ROOT / "templates", today=dt.date(2026, 12, 1)
    )


def all_text(content: bytes) -> list[str]:
    """The texts of the document; no-break spaces are typography, added at rendering (every
    document kind): compare the words."""
    document = docx.Document(io.BytesIO(content))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return [t.replace("\u00a0", " ").replace("\u202f", " ") for t in texts]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_vision_note_keeps_names_and_red_lines_verbatim(language: str) -> None:
    partnership = tricky_partnership(language)
    output = vision.run(partnership, context())
    (note,) = output.documents
    assert note.kind == "vision_note" and note.language == language
    texts = all_text(note.content)
    for name, red_lines in zip(TRICKY_NAMES, TRICKY_RED_LINES, strict=True):
        assert any(text.startswith(name) for text in texts)  # the partner's heading
        for red_line in red_lines:
            assert red_line in texts


@pytest.mark.parametrize("language", ["fr", "en"])
def test_balance_report_keeps_names_verbatim_and_holds_the_chart(language: str) -> None:
    partnership = tricky_partnership(language)
    output = balance.run(partnership, context())
    (report,) = output.documents
    assert report.kind == "balance_report" and report.language == language
    texts = all_text(report.content)
    for name in TRICKY_NAMES:
        assert name in texts
    assert len(docx.Document(io.BytesIO(report.content)).inline_shapes) == 1


def test_the_chart_is_the_same_png_for_the_same_ledger() -> None:
    book = balance_rules.ledger(tricky_partnership("fr"))
    first, second = balance.shares_chart(book, "fr"), balance.shares_chart(book, "fr")
    assert first.startswith(b"\x89PNG")
    assert first == second


def test_the_documents_are_reproducible() -> None:
    partnership = tricky_partnership("fr")
    assert vision.run(partnership, context()).documents[0].sha256 == (
        vision.run(partnership, context()).documents[0].sha256
    )
    assert balance.run(partnership, context()).documents[0].sha256 == (
        balance.run(partnership, context()).documents[0].sha256
    )


@pytest.mark.libreoffice
@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="needs LibreOffice and pdftotext",
)
def test_libreoffice_opens_both_documents(tmp_path: Path) -> None:
    partnership = tricky_partnership("fr")
    for work in (vision.run, balance.run):
        document = work(partnership, context()).documents[0]
        (tmp_path / document.filename).write_bytes(document.content)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *sorted(str(p) for p in tmp_path.glob("*.docx")),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdfs = sorted(tmp_path.glob("*.pdf"))
    assert len(pdfs) == 2
    for pdf in pdfs:
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert "Tremplin & Cie" in text


def example(language: str) -> Partnership:
    data: dict[str, Any] = copy.deepcopy(EXAMPLE)
    data["language"] = language
    return Partnership.model_validate(data)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_executives_read_no_field_path_no_iso_date_and_no_repeated_legal_form(
    language: str,
) -> None:
    for work in (vision.run, balance.run):
        text = "\n".join(all_text(work(example(language), context()).documents[0].content))
        assert "partners[" not in text and "esus.expires_on" not in text
        assert "2027-01-15" not in text and "2029-05-01" not in text
        assert "Logistix Urbaine SAS SAS" not in text and "SAS (SAS)" not in text
    note = "\n".join(all_text(vision.run(example(language), context()).documents[0].content))
    assert ("1er mai 2029" if language == "fr" else "1 May 2029") in note
    assert ("15 janvier 2027" if language == "fr" else "15 January 2027") in note


@pytest.mark.parametrize("work", [vision.run, balance.run])
def test_both_documents_hold_the_14_element_scorecard(work: Any) -> None:
    document = docx.Document(io.BytesIO(work(example("fr"), context()).documents[0].content))
    (table,) = [t for t in document.tables if t.rows[0].cells[0].text == "Élément"]
    assert len(table.rows) == 1 + 14
    elements = [row.cells[0].paragraphs[0].text for row in table.rows[1:]]
    assert elements[0] == "Construire" and elements[-1] == "Jalons SMART"
    assert {row.cells[1].text for row in table.rows[1:]} <= {"absent", "partiel", "couvert"}


def test_every_table_has_fixed_column_widths() -> None:
    for work in (vision.run, balance.run):
        document = docx.Document(io.BytesIO(work(example("fr"), context()).documents[0].content))
        for table in document.tables:
            assert table.autofit is False


def test_the_chart_gives_every_partner_a_legend_line_however_long_its_name() -> None:
    from decimal import Decimal

    from PIL import Image

    from coopact.stages import balance_chart

    def chart(names: list[str]) -> Image.Image:
        series = [
            balance_chart.Series(name, (Decimal("0.1"), None, Decimal("0.1")), unvalued=False)
            for name in names
        ]
        return Image.open(io.BytesIO(balance_chart.png(series, ("a", "b", "c"), "%", "-")))

    two = chart(["A", "B"])
    long = chart(["A", "B", "Une association au nom très long " * 8])
    assert two.size[0] == long.size[0] == balance_chart.WIDTH
    assert long.size[1] > two.size[1]  # the long name is wrapped, never cut
