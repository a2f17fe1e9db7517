"""PDF export of the agreement through LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
import yaml

from contracts.clauses import select_clauses
from coopact import pdf
from coopact.clause_library import clause_library
from coopact.stages.agreement import run
from coopact.stages.base import WorkContext
from schemas import Partnership

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = yaml.safe_load((ROOT / "tests" / "data" / "partnership.example.yaml").read_text())

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice not installed")
needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no pdftotext")


@pytest.mark.libreoffice
@needs_soffice
@needs_pdftotext
def test_the_agreement_converts_to_a_pdf_with_its_parties_and_articles(tmp_path: Path) -> None:
    assert pdf.available()
    partnership = Partnership.model_validate(EXAMPLE)
    output = run(partnership, WorkContext("P-2027-001", ROOT / "templates", dt.date(2026, 12, 1)))
    data = pdf.docx_to_pdf(output.documents[0].content)
    assert data.startswith(b"%PDF")
    target = tmp_path / "agreement.pdf"
    target.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for partner in partnership.partners:
        assert partner.name in flat
    for selected in select_clauses(partnership, clause_library(ROOT / "templates")):
        if selected.number:
            assert f"Article {selected.number} – {selected.clause.title('fr')}" in flat
    assert "page 1 sur" in flat  # the PAGE field of the footer


@pytest.mark.libreoffice
@needs_soffice
def test_a_file_that_is_not_a_document_gives_a_clear_error() -> None:
    with pytest.raises(pdf.PdfExportError, match="not a Word document"):
        pdf.docx_to_pdf(b"not a word document at all", timeout=60)


def test_without_soffice_the_export_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    assert not pdf.available()
    with pytest.raises(pdf.PdfExportError, match="soffice is not on the PATH"):
        pdf.docx_to_pdf(b"")


@pytest.mark.libreoffice
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_several_documents_are_converted_by_one_libreoffice_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pdf_module = pdf

    started: list[list[str]] = []
    real = subprocess.Popen

    def counting(command, *args, **kwargs):  # type: ignore[no-untyped-def]
        started.append(command)
        return real(command, *args, **kwargs)

    monkeypatch.setattr(pdf_module.subprocess, "Popen", counting)
    documents = {}
    for name in ("agreement", "charter", "vision"):
        document = docx.Document()
        document.add_paragraph(f"Document {name}")
        buffer = io.BytesIO()
        document.save(buffer)
        documents[name] = buffer.getvalue()
    pdfs = pdf_module.docx_to_pdf_many(documents)
    assert len(started) == 1  # one soffice start for the three
    assert set(pdfs) == {"agreement", "charter", "vision"}
    assert all(data.startswith(b"%PDF") for data in pdfs.values())
