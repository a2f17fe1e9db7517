"""An empty Prefect database at the current schema, kept per Prefect version: a new home
starts from a copy instead of running Prefect's hundred-odd migrations (seconds). Made at
install time (``make``: :func:`prepare_template`) or saved from the first server started.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from pathlib import Path

from coopact.adapters.config import Settings
from coopact.adapters.prefect.server_files import server_env
from coopact.contracts.errors import EnvironmentProblem


def template_path() -> Path:
    """An empty Prefect database at the current schema, per Prefect version: a new home
    starts from a copy instead of running Prefect's hundred-odd migrations (seconds)."""
    from importlib.metadata import version

    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "coopact"
    return cache / f"prefect-{version('prefect')}.db"


def _own_sqlite(config: Settings) -> Path | None:
    """The local server's SQLite file, unless Prefect is pointed at another database."""
    if os.environ.get("PREFECT_API_DATABASE_CONNECTION_URL") or os.environ.get(
        "PREFECT_SERVER_DATABASE_CONNECTION_URL"
    ):
        return None
    return config.prefect_home / "prefect.db"


def seed_from_template(config: Settings) -> None:
    database = _own_sqlite(config)
    if database is None or database.exists():
        return
    with contextlib.suppress(OSError):
        template = template_path()
        if template.is_file():
            temporary = database.with_suffix(".db.part")
            temporary.write_bytes(template.read_bytes())
            temporary.replace(database)


def save_template(config: Settings) -> None:
    """Keep a copy of a freshly migrated database (SQLite's online backup: consistent while
    the server runs)."""
    import sqlite3

    database = _own_sqlite(config)
    with contextlib.suppress(Exception):
        template = template_path()
        if database is None or template.exists() or not database.is_file():
            return
        template.parent.mkdir(parents=True, exist_ok=True)
        temporary = template.with_suffix(f".{os.getpid()}.part")
        source, target = sqlite3.connect(database), sqlite3.connect(temporary)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        temporary.replace(template)


def prepare_template() -> Path:
    """Migrate an empty Prefect database into the template (at install time: `make`)."""
    import tempfile

    template = template_path()
    if template.is_file():
        return template
    with tempfile.TemporaryDirectory() as scratch:
        env = server_env(Settings(Path(scratch), "", Path(scratch)))
        env["PREFECT_HOME"] = scratch
        done = subprocess.run(
            [sys.executable, "-m", "prefect", "server", "database", "upgrade", "-y"],
            env=env, stdin=subprocess.DEVNULL, capture_output=True, check=False,
        )  # fmt: skip
        made = Path(scratch) / "prefect.db"
        if done.returncode != 0 or not made.is_file():
            raise EnvironmentProblem(
                "could not prepare the Prefect database: "
                + done.stderr.decode(errors="replace")[-500:]
            )
        template.parent.mkdir(parents=True, exist_ok=True)
        temporary = template.with_suffix(f".{os.getpid()}.part")
        temporary.write_bytes(made.read_bytes())
        temporary.replace(template)
    return template
