"""`coopact config check`: each part of the configuration tried, one line each.

Each check returns a :class:`Check` (``ok``, ``note`` when the part is not configured and
coopact uses its default, ``failed``); nothing is written, nothing is created, no server is
started.
"""

from __future__ import annotations

import os
import socket
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coopact.adapters.config import settings as paths
from coopact.adapters.prefect.server import running_api_url
from coopact.bootstrap import wiring
from coopact.bootstrap.wiring import anchor_log_path
from coopact.entrypoints import boundary
from coopact.store.keys import KEY_FILE
from coopact.store.migrate import current_revision, head_revision

OK, NOTE, FAILED = "ok", "note", "failed"


@dataclass(frozen=True)
class Check:
    part: str
    outcome: str
    detail: str

    def as_json(self) -> dict[str, str]:
        return {"part": self.part, "outcome": self.outcome, "detail": self.detail}


def run_checks(config: Any) -> list[Check]:
    """Every part, in order (``config``: the validated CoopactSettings)."""
    return [
        database(),
        prefect(),
        smtp(config),
        key(config),
        anchor_target(),
        public_url(config.public_url),
    ]


def database() -> Check:
    try:
        engine = wiring.engine()
        where = engine.url.render_as_string(hide_password=True)
        revision = current_revision(engine)
    except Exception as error:
        return Check("database", FAILED, boundary.classify(error).message)
    if revision is None:
        return Check("database", FAILED, f"{where} answers but is empty: run `coopact init`")
    if revision != head_revision():
        return Check(
            "database",
            FAILED,
            f"{where} is at revision {revision}, coopact needs {head_revision()}: run "
            "`coopact init`",
        )
    return Check("database", OK, f"{where}, migrated (revision {revision})")


def prefect() -> Check:
    import httpx

    url = running_api_url()
    if url is None:
        return Check(
            "prefect",
            NOTE,
            "PREFECT_API_URL is unset and no local server runs: the first command that needs "
            "one starts it",
        )
    try:
        answer = httpx.get(f"{url.rstrip('/')}/health", timeout=5)
    except httpx.HTTPError as error:
        return Check("prefect", FAILED, f"{url} does not answer ({type(error).__name__})")
    if answer.status_code != 200:
        return Check("prefect", FAILED, f"{url}/health answered {answer.status_code}")
    return Check("prefect", OK, f"{url} answers")


def smtp(config: Any) -> Check:
    if not config.smtp_host:
        return Check("smtp", NOTE, f"no mail server: mails go to {paths().outbox} as .eml files")
    where = f"{config.smtp_host}:{config.smtp_port}"
    try:
        with socket.create_connection((config.smtp_host, config.smtp_port), timeout=5) as conn:
            greeting = conn.recv(256).decode("ascii", "replace").strip()
    except OSError as error:
        return Check("smtp", FAILED, f"{where} does not answer ({error.strerror or error})")
    if not greeting.startswith("220"):
        return Check("smtp", FAILED, f"{where} answered {greeting[:60]!r}, not an SMTP greeting")
    tls = "STARTTLS" if config.smtp_starttls else "no STARTTLS (trusted network only)"
    return Check("smtp", OK, f"{where} answers ({tls})")


def key(config: Any) -> Check:
    if config.secret_key is not None:
        return Check("key", OK, "COOPACT_SECRET_KEY is set (from the environment or a file)")
    path = paths().home / KEY_FILE
    if not path.exists():
        return Check(
            "key", FAILED, f"no key at {path}: set COOPACT_SECRET_KEY_FILE to the fleet's key"
        )
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode != 0o600:
        return Check("key", FAILED, f"{path} has mode {mode:04o}: `chmod 600 {path}`")
    return Check("key", OK, f"{path}, mode 0600")


def anchor_target() -> Check:
    target = anchor_log_path()
    folder = target if target.is_dir() else target.parent
    if target.exists() and not os.access(target, os.W_OK):
        return Check("anchors", FAILED, f"{target} cannot be written by this user")
    if not target.exists() and not _writable_folder(folder):
        return Check("anchors", FAILED, f"{folder} cannot be written by this user")
    return Check("anchors", OK, f"{target} writable")


def _writable_folder(folder: Path) -> bool:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return os.access(folder, os.W_OK)


def public_url(url: str) -> Check:
    import httpx

    try:
        answer = httpx.get(url, timeout=5, follow_redirects=False)
    except httpx.HTTPError as error:
        return Check(
            "public url",
            FAILED,
            f"{url} does not answer ({type(error).__name__}): the links mailed would not "
            "open; start the portal (`coopact web`) or correct COOPACT_PUBLIC_URL",
        )
    return Check("public url", OK, f"{url} answers ({answer.status_code})")
