"""`coopact documents REF --pdf`: a PDF of each Word document, by one LibreOffice; without
LibreOffice, one sentence and exit 3."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from coopact import services
from coopact.adapters.config import settings
from coopact.store.uow import UnitOfWork
from tests.conftest import EXAMPLE

REF = "P-2027-001"


def _with_a_vision_note(cli) -> None:  # type: ignore[no-untyped-def]
    cli("init", check=True)
    cli("new", str(EXAMPLE), check=True)
    services.advance(UnitOfWork.for_url(cli.database_url), REF, templates=settings().templates)


@pytest.mark.libreoffice
@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_documents_pdf_writes_a_pdf_of_each_word_document(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        if os.environ.get("COOPACT_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice required (COOPACT_REQUIRE_LIBREOFFICE=1) but it is missing")
        pytest.skip("soffice or pdftotext not installed")
    _with_a_vision_note(cli)
    folder = tmp_path / "export"
    result = cli("documents", REF, "--pdf", "--export", str(folder), check=True)
    [written] = sorted(folder.glob("*.pdf"))
    assert f"wrote {written}" in result.stdout
    assert written.name == next(folder.glob("*.docx")).stem + ".pdf"  # v1-...-fr.pdf
    text = subprocess.run(
        ["pdftotext", str(written), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Parcours vers l'emploi dans la logistique urbaine" in " ".join(text.split())


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_documents_pdf_without_libreoffice_exits_3_in_one_sentence(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    _with_a_vision_note(cli)
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    folder = tmp_path / "export"
    result = cli("documents", REF, "--pdf", "--export", str(folder))
    assert result.returncode == 3
    assert "LibreOffice" in result.stderr and "soffice is not on the PATH" in result.stderr
    assert "Traceback" not in result.stderr
    assert list(folder.glob("*.pdf")) == []
