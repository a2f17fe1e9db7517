"""PDF export of the agreement through LibreOffice."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
import yaml

from coopact.adapters.documents import pdf
from coopact.adapters.documents.clause_library import clause_library
from coopact.contracts.clauses import select_clauses
from coopact.schemas import Partnership
from coopact.stages.agreement import run
from coopact.stages.base import WorkContext

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


def _word(text: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.libreoffice
@needs_soffice
def test_one_libreoffice_converts_every_document_of_the_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    converter = pdf._Converter()  # a process of its own, as a fresh `coopact` command
    monkeypatch.setattr(pdf, "CONVERTER", converter)
    one_shot: list[list[str]] = []
    real = subprocess.Popen

    def counting(command, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "--convert-to" in command:
            one_shot.append(command)
        return real(command, *args, **kwargs)

    monkeypatch.setattr(pdf.subprocess, "Popen", counting)
    documents = {name: _word(f"Document {name}") for name in ("agreement", "charter", "vision")}
    try:
        first = pdf.docx_to_pdf_many(documents)
        second = pdf.docx_to_pdf(_word("Avenant"), name="avenant")
    finally:
        converter.close()
    assert set(first) == {"agreement", "charter", "vision"}
    assert all(data.startswith(b"%PDF") for data in [*first.values(), second])
    if converter.starts:  # LibreOffice's uno is here: one LibreOffice kept for both calls
        assert (converter.starts, one_shot) == (1, [])
    else:  # no uno: one soffice per call, never one per document
        assert len(one_shot) == 2
        if os.environ.get("COOPACT_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice is not reused: no Python with uno (Debian: python3-uno)")


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


@pytest.mark.libreoffice
@needs_soffice
def test_a_killed_process_leaves_no_libreoffice_behind(tmp_path: Path) -> None:
    (tmp_path / "note.docx").write_bytes(_word("Note"))
    script = (
        "import sys, time; from pathlib import Path; from coopact.adapters.documents import pdf\n"
        "pdf.docx_to_pdf(Path(sys.argv[1]).read_bytes())\n"
        "worker = pdf.CONVERTER._process\n"
        "print(worker.pid if worker else 0, flush=True); time.sleep(600)\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "note.docx")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        worker = int(process.stdout.readline())
        if worker == 0:
            pytest.skip("no reused LibreOffice here (no Python with uno)")
        left = {worker} | _descendants(worker)
        assert any("soffice" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")
                   for pid in left if Path(f"/proc/{pid}/cmdline").exists())  # fmt: skip
    finally:
        process.kill()
        process.wait()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and any(_running(pid) for pid in left):
        time.sleep(0.2)
    assert not [pid for pid in left if _running(pid)]


def _running(pid: int) -> bool:
    """The process exists and is not a zombie (exited, waiting for its parent to reap it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


@pytest.mark.libreoffice
@needs_soffice
def test_a_libreoffice_that_died_is_started_again(monkeypatch: pytest.MonkeyPatch) -> None:
    converter = pdf._Converter()
    monkeypatch.setattr(pdf, "CONVERTER", converter)
    try:
        pdf.docx_to_pdf(_word("Avant"))
        if not converter.starts:
            pytest.skip("no reused LibreOffice here (no Python with uno)")
        assert converter._process is not None
        os.killpg(converter._process.pid, signal.SIGKILL)
        converter._process.wait()
        assert pdf.docx_to_pdf(_word("Après")).startswith(b"%PDF")
        assert converter.starts == 2
    finally:
        converter.close()
