"""The agreement is signed as a PDF: made once per agreement version by LibreOffice, stored,
named by the packet and the signatures; without LibreOffice the work says it cannot be made
(exit 3), never prepares a signature on something else."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
import yaml

from coopact.adapters.config import settings
from coopact.adapters.documents import pdf
from coopact.adapters.loading import load_text
from coopact.entrypoints import boundary
from coopact.stages import signature
from coopact.stages.base import DocumentView, WorkContext
from tests.conftest import EXAMPLE
from tests.every_document import every_document

TEMPLATES = settings().templates


def _partnership():  # type: ignore[no-untyped-def]
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    return load_text(yaml.safe_dump(data, allow_unicode=True), "example")


def _context(*stored: DocumentView) -> WorkContext:
    (agreement,) = every_document(_partnership(), TEMPLATES, ["agreement"]).values()
    view = DocumentView(
        "agreement", 1, "fr", agreement.sha256, "P-2027-001-agreement-fr.docx", agreement.content
    )
    return WorkContext("P-2027-001", TEMPLATES, dt.date(2027, 1, 4), documents=[view, *stored])


def test_without_libreoffice_the_signature_work_says_the_pdf_cannot_be_made(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf, "available", lambda: False)
    with pytest.raises(pdf.PdfExportError) as refused:
        signature.run(_partnership(), _context())
    verdict = boundary.classify(refused.value)
    assert verdict.code == 3
    assert "the agreement is signed as a PDF, and the PDF cannot be produced" in verdict.message
    assert "LibreOffice is not installed" in verdict.message


@pytest.mark.skipif(not pdf.available(), reason="LibreOffice is not installed")
def test_the_pdf_is_stored_once_and_the_packet_names_it_as_the_file_signed() -> None:
    context = _context()
    output = signature.run(_partnership(), context)
    made, packet = output.documents
    assert (made.kind, made.media_type) == ("agreement_pdf", "application/pdf")
    assert made.content.startswith(b"%PDF-")
    agreement = context.latest("agreement")
    assert agreement is not None
    assert made.inputs["agreement_sha256"] == agreement.sha256
    assert made.filename == f"P-2027-001-agreement-fr-{agreement.sha256[:12]}.pdf"
    with zipfile.ZipFile(io.BytesIO(packet.content)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["agreement"]["sha256"] == hashlib.sha256(made.content).hexdigest()
    assert manifest["how_to_sign"].endswith(hashlib.sha256(made.content).hexdigest())
    # The PDF stored is reused: LibreOffice's output is not byte-reproducible.
    stored = DocumentView("agreement_pdf", 1, "fr", made.sha256, made.filename, made.content)
    again = signature.run(_partnership(), _context(stored))
    assert [d.kind for d in again.documents] == ["signature_packet"]
    assert again.documents[0].content == packet.content
