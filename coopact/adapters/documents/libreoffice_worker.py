"""One LibreOffice kept running, converting .docx to PDF on request (see
coopact.adapters.documents.pdf).

Run as a script by a Python that has LibreOffice's ``uno`` module (Debian: python3-uno, for
the system's python3), never imported by coopact itself:
``python3 libreoffice_worker.py SOFFICE STARTUP_SECONDS PROFILE_DIR``. It starts
``soffice --headless`` with the user profile PROFILE_DIR, listening on a private pipe, then
reads one JSON request a line on stdin (``{"source": path, "target": path}``) and answers
one JSON line on stdout (``{"ok": true}`` or ``{"error": "..."}``). At the end of stdin
(coopact done, or killed) it closes LibreOffice and exits: nothing outlives the process
that started it.

Exit code 3 with a line on stderr: uno is not importable here, or LibreOffice did not start.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import time
from typing import Any

NO_UNO = 3


# UNO (LibreOffice's Python bridge) has no type stubs: its objects are typed Any here.
def _props(**values: object) -> tuple[Any, ...]:
    from com.sun.star.beans import PropertyValue

    found = []
    for name, value in values.items():
        prop = PropertyValue()
        prop.Name, prop.Value = name, value
        found.append(prop)
    return tuple(found)


def _connect(soffice: subprocess.Popen[bytes], pipe: str, timeout: float) -> Any:
    import uno

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + timeout
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext(
                "com.sun.star.frame.Desktop", context
            )
        except Exception:  # NoConnectException until soffice listens
            if soffice.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _convert(desktop: Any, source: str, target: str) -> None:
    import uno

    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(source), "_blank", 0, _props(Hidden=True, ReadOnly=True)
    )
    if document is None:
        raise RuntimeError("LibreOffice could not open the document")
    try:
        document.storeToURL(uno.systemPathToFileUrl(target), _props(FilterName="writer_pdf_Export"))
    finally:
        document.close(True)


def main() -> int:
    soffice_path, startup, profile = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    try:
        import uno  # noqa: F401
    except ImportError:
        print("no uno module for this Python", file=sys.stderr)
        return NO_UNO
    pipe = f"coopact_{os.getpid()}_{os.urandom(4).hex()}"
    soffice = subprocess.Popen(
        [
            soffice_path,
            f"-env:UserInstallation=file://{profile}",
            "--headless", "--invisible", "--nocrashreport", "--nodefault", "--nologo",
            "--norestore", "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        try:
            desktop = _connect(soffice, pipe, startup)
        except Exception as exc:
            print(f"LibreOffice did not start: {exc}", file=sys.stderr)
            return NO_UNO
        print(json.dumps({"ready": True}), flush=True)
        for line in sys.stdin:
            request = json.loads(line)
            try:
                _convert(desktop, request["source"], request["target"])
                answer: dict[str, object] = {"ok": True}
            except Exception as exc:
                answer = {"error": f"{type(exc).__name__}: {exc}".strip()[:300]}
            print(json.dumps(answer), flush=True)
            if soffice.poll() is not None:
                return 1  # LibreOffice died: coopact starts a new one next time
        with contextlib.suppress(Exception):
            desktop.terminate()
        return 0
    finally:
        try:
            soffice.wait(timeout=10)
        except subprocess.TimeoutExpired:
            soffice.kill()
            soffice.wait()
        shutil.rmtree(profile, ignore_errors=True)  # coopact removes it too, if killed


if __name__ == "__main__":
    sys.exit(main())
