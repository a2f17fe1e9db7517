"""PDF export through LibreOffice, when it is installed.

One LibreOffice is started per process, on first need, and reused for every later
conversion (a start costs seconds; a conversion by a running LibreOffice a fraction of one):
``coopact/adapters/documents/libreoffice_worker.py`` runs under a Python that has LibreOffice's
``uno`` module (``COOPACT_UNO_PYTHON``, else this Python, else Debian's ``/usr/bin/python3`` with
python3-uno), keeps ``soffice --headless`` open with a user profile of its own and converts
on request. It stops when this process exits, even when killed (it reads its end of a pipe).

Without ``uno`` anywhere, each call runs ``soffice --headless --convert-to pdf`` once for all
the documents it is given, with a fresh profile of its own. Either way a conversion is
stopped after a timeout and its output is checked; a missing LibreOffice is an environment
problem (exit 3) said in one sentence.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from coopact.contracts.errors import EnvironmentProblem

DEFAULT_TIMEOUT = 120.0
STARTUP_TIMEOUT = 120.0
WORKER = Path(__file__).with_name("libreoffice_worker.py")
NO_UNO = 3  # the worker's exit code when it cannot run here (see libreoffice_worker.py)


class PdfExportError(EnvironmentProblem):
    """LibreOffice is missing, failed, timed out, or produced no valid PDF (exit code 3)."""


def available() -> bool:
    return shutil.which("soffice") is not None


def _soffice() -> str:
    soffice = shutil.which("soffice")
    if soffice is None:
        raise PdfExportError(
            "PDF export needs LibreOffice: soffice is not on the PATH "
            "(Debian: apt-get install libreoffice-writer-nogui)"
        )
    return soffice


def _check_docx(name: str, content: bytes) -> None:
    if not content.startswith(b"PK\x03\x04"):
        raise PdfExportError(f"{name}.docx is not a Word document: nothing sent to LibreOffice")


def docx_to_pdf(
    content: bytes, *, timeout: float = DEFAULT_TIMEOUT, name: str = "document"
) -> bytes:
    """The PDF of a .docx given as bytes."""
    return docx_to_pdf_many({name: content}, timeout=timeout)[name]


def docx_to_pdf_many(
    documents: dict[str, bytes], *, timeout: float = DEFAULT_TIMEOUT
) -> dict[str, bytes]:
    """The PDFs of several .docx (name -> bytes), by the LibreOffice this process keeps
    running (started on first need), or by one ``soffice --convert-to`` for them all."""
    soffice = _soffice()
    if not documents:
        return {}
    for name, content in documents.items():
        _check_docx(name, content)
    with tempfile.TemporaryDirectory(prefix="coopact-pdf-") as work:
        root = Path(work)
        sources: list[tuple[str, Path]] = []
        for index, (name, content) in enumerate(documents.items()):
            source = root / f"{index:03d}.docx"  # safe names; mapped back below
            source.write_bytes(content)
            sources.append((name, source))
        outdir = root / "out"
        outdir.mkdir()
        if not CONVERTER.convert(soffice, sources, outdir, timeout):
            _convert_once(soffice, sources, outdir, root / "profile", timeout)
        result: dict[str, bytes] = {}
        for name, source in sources:
            result[name] = (outdir / f"{source.stem}.pdf").read_bytes()
        return result


def _convert_once(
    soffice: str, sources: list[tuple[str, Path]], outdir: Path, profile: Path, timeout: float
) -> None:
    """One ``soffice --convert-to pdf`` for every source, with a profile of its own."""
    command = [
        soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
        "--nolockcheck", "--convert-to", "pdf", "--outdir", str(outdir),
        *(str(source) for _, source in sources),
    ]  # fmt: skip
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
        raise PdfExportError(f"LibreOffice did not convert {what} within {limit:.0f} s") from None
    for name, source in sources:
        if not _is_pdf(outdir / f"{source.stem}.pdf"):
            detail = stderr.decode(errors="replace").strip()[-300:]
            raise PdfExportError(
                f"LibreOffice could not convert {name}.docx to PDF "
                f"(exit code {process.returncode}){': ' + detail if detail else ''}"
            )


def _is_pdf(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"%PDF-"
    except OSError:
        return False


def _uno_pythons() -> list[str]:
    """The Pythons that may have LibreOffice's ``uno`` module, the likeliest first."""
    named = os.environ.get("COOPACT_UNO_PYTHON")
    if named:
        return [named]
    found = [sys.executable]
    for candidate in ("/usr/bin/python3", "/usr/lib/libreoffice/program/python"):
        if Path(candidate).is_file() and candidate not in found:
            found.append(candidate)
    return found


class _Converter:
    """The LibreOffice of this process: started on first need, reused, restarted after a
    failure, stopped at exit. One conversion at a time (a lock: the portal has threads)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._buffer = b""
        self._ended = False  # the worker closed its output (exited)
        self._profile: str | None = None  # LibreOffice's user profile, removed at the end
        self._unusable = False  # no Python with uno here: each call runs soffice itself
        self.starts = 0  # LibreOffice processes started by this converter (tests read it)

    def convert(
        self, soffice: str, sources: list[tuple[str, Path]], outdir: Path, timeout: float
    ) -> bool:
        """Convert every source into ``outdir``; False when no reusable LibreOffice can
        run here (the caller then runs soffice once itself)."""
        with self._lock:
            if self._unusable:
                return False
            running = self._process is not None and self._process.poll() is None
            if not running and not self._start(soffice):
                return False
            for name, source in sources:
                target = outdir / f"{source.stem}.pdf"
                self._request(name, source, target, timeout)
            return True

    def _start(self, soffice: str) -> bool:
        self._stop()
        for python in _uno_pythons():
            self._profile = tempfile.mkdtemp(prefix="coopact-lo-profile-")
            process = subprocess.Popen(
                [python, str(WORKER), soffice, str(STARTUP_TIMEOUT), self._profile],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                start_new_session=True,  # its own group: killed with its LibreOffice
            )  # fmt: skip
            self._process, self._buffer = process, b""
            answer = self._answer(STARTUP_TIMEOUT + 10)
            if answer == {"ready": True}:
                self.starts += 1
                return True
            timed_out = answer is None and not self._ended
            self._stop()
            if timed_out:
                raise PdfExportError(f"LibreOffice did not start within {STARTUP_TIMEOUT:.0f} s")
        self._unusable = True
        return False

    def _request(self, name: str, source: Path, target: Path, timeout: float) -> None:
        assert self._process is not None and self._process.stdin is not None
        line = json.dumps({"source": str(source), "target": str(target)}) + "\n"
        try:
            self._process.stdin.write(line.encode())
            self._process.stdin.flush()
        except OSError:
            self._stop()
            raise PdfExportError(f"LibreOffice stopped before converting {name}.docx") from None
        answer = self._answer(timeout)
        if answer is None:
            self._stop()
            raise PdfExportError(f"LibreOffice did not convert {name}.docx within {timeout:.0f} s")
        if "error" in answer or not _is_pdf(target):
            detail = str(answer.get("error") or "no PDF written")
            raise PdfExportError(f"LibreOffice could not convert {name}.docx to PDF: {detail}")

    def _answer(self, timeout: float) -> dict[str, Any] | None:
        """The worker's next JSON object (other lines skipped); None when it is silent for
        ``timeout`` s or ends."""
        assert self._process is not None and self._process.stdout is not None
        stream = self._process.stdout
        self._ended = False
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(stream, selectors.EVENT_READ)
            while True:
                while b"\n" in self._buffer:
                    line, self._buffer = self._buffer.split(b"\n", 1)
                    try:
                        answer = json.loads(line)
                    except ValueError:
                        continue  # not ours (a library's notice)
                    if isinstance(answer, dict):
                        return answer
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(left):
                    return None
                chunk = os.read(stream.fileno(), 65536)
                if not chunk:
                    self._ended = True  # the worker exited
                    return None
                self._buffer += chunk

    def _stop(self) -> None:
        process, self._process = self._process, None
        profile, self._profile = self._profile, None
        if process is not None:
            self._end(process)
        if profile is not None:
            shutil.rmtree(profile, ignore_errors=True)

    @staticmethod
    def _end(process: subprocess.Popen[bytes]) -> None:
        if process.poll() is None:
            try:
                assert process.stdin is not None
                process.stdin.close()  # the worker closes LibreOffice and exits
                process.wait(timeout=15)
            except (OSError, subprocess.TimeoutExpired):
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for stream in (process.stdout, process.stdin):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()

    def close(self) -> None:
        with self._lock:
            self._stop()

    def _forget_in_child(self) -> None:
        """A forked child starts its own LibreOffice; the parent's stays the parent's."""
        self._lock = threading.Lock()
        self._process, self._buffer = None, b""


CONVERTER = _Converter()
atexit.register(CONVERTER.close)
os.register_at_fork(after_in_child=CONVERTER._forget_in_child)


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
