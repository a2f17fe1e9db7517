"""PDF export through LibreOffice, when it is installed.

Each conversion runs ``soffice --headless --convert-to pdf`` with its own user profile (a
fresh ``-env:UserInstallation`` directory), so conversions in parallel processes never
share or lock a profile; it is stopped after a timeout, and its output is checked.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from contracts.errors import CoopactError

DEFAULT_TIMEOUT = 120.0


class PdfExportError(CoopactError):
    """LibreOffice is missing, failed, timed out, or produced no valid PDF."""


def available() -> bool:
    return shutil.which("soffice") is not None


def docx_to_pdf(
    content: bytes, *, timeout: float = DEFAULT_TIMEOUT, name: str = "document"
) -> bytes:
    """The PDF of a .docx given as bytes."""
    return docx_to_pdf_many({name: content}, timeout=timeout)[name]


def docx_to_pdf_many(
    documents: dict[str, bytes], *, timeout: float = DEFAULT_TIMEOUT
) -> dict[str, bytes]:
    """The PDFs of several .docx (name -> bytes) from ONE LibreOffice process: soffice starts
    once and converts every file in turn, instead of one start (several seconds) per file."""
    soffice = shutil.which("soffice")
    if soffice is None:
        raise PdfExportError("PDF export needs LibreOffice: soffice is not on the PATH")
    if not documents:
        return {}
    for name, content in documents.items():
        if not content.startswith(b"PK\x03\x04"):
            raise PdfExportError(f"{name}.docx is not a Word document: nothing sent to LibreOffice")
    with tempfile.TemporaryDirectory(prefix="coopact-pdf-") as work:
        root = Path(work)
        sources = []
        for index, (name, content) in enumerate(documents.items()):
            source = root / f"{index:03d}.docx"  # safe names; mapped back below
            source.write_bytes(content)
            sources.append((name, source))
        outdir = root / "out"
        profile = root / "profile"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            *(str(source) for _, source in sources),
        ]
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
        )
        what = f"{sources[0][0]}.docx" if len(sources) == 1 else f"{len(sources)} documents"
        limit = timeout * len(sources)
        try:
            _, stderr = process.communicate(timeout=limit)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # its own group: soffice.bin stops too
            process.communicate()
            raise PdfExportError(
                f"LibreOffice did not convert {what} within {limit:.0f} s"
            ) from None
        result: dict[str, bytes] = {}
        for name, source in sources:
            target = outdir / f"{source.stem}.pdf"
            if not target.is_file() or not target.read_bytes().startswith(b"%PDF"):
                detail = stderr.decode(errors="replace").strip()[-300:]
                raise PdfExportError(
                    f"LibreOffice could not convert {name}.docx to PDF "
                    f"(exit code {process.returncode}){': ' + detail if detail else ''}"
                )
            result[name] = target.read_bytes()
        return result


DOCX_SUFFIX = ".docx"


def export_pdfs(rows: list[Any], folder: Path) -> list[Path]:
    """Write ``v<version>-<name>.pdf`` for the latest version of each Word document."""
    latest: dict[tuple[str, str], Any] = {}
    for row in rows:
        if row.filename.endswith(DOCX_SUFFIX):
            latest[(row.kind, row.language)] = row
    names = {f"v{r.version}-{r.filename[: -len(DOCX_SUFFIX)]}": r.content for r in latest.values()}
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in docx_to_pdf_many(names).items():
        target = folder / f"{name}.pdf"
        target.write_bytes(data)
        written.append(target)
    return written
