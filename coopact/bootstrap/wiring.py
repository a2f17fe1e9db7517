"""Wiring, the light side: the engine of this process, its read-only unit of work
(:func:`reads`, SQLAlchemy Core without the ORM), the secret store's keyring, the anchor log
and whether the database is ready (:func:`ensure_ready`), for the CLI, the flows and the
portal alike.

Imported at CLI start-up (the read commands open the database through it), so it imports
nothing heavy (tests/integration/test_cli_startup.py keeps the ORM, httpx, jinja2 and the
document stack out of the read commands). The unit of work that writes (the ORM, its
webhook delivery) is :mod:`coopact.bootstrap.units`; the writing side's adapters (mail
transport, signature providers, the stage work and the decisions' follow-up) are
:mod:`coopact.bootstrap.writing`: each imported by the modules that write.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from coopact.adapters.config import settings
from coopact.adapters.settings import environ as config_environ
from coopact.contracts.errors import EnvironmentProblem
from coopact.store.anchors import AnchorLog
from coopact.store.db import make_engine, read_only_connection
from coopact.store.engines import Engine, check_url, schema_revision
from coopact.store.keys import Keyring, load_keyring
from coopact.store.reading import ReadOnlyUnitOfWork, last_key_id

if TYPE_CHECKING:
    pass

_URL_HELP = "expected sqlite:///path/to/coopact.db or postgresql://user@host:5432/name"


@cache
def engine(url: str | None = None) -> Engine:
    config = settings()
    url = url or config.database_url
    try:
        check_url(url)
    except Exception as error:
        raise EnvironmentProblem(
            f"COOPACT_DATABASE_URL is not a database URL coopact can use ({error}); {_URL_HELP}"
        ) from None
    if url.startswith("sqlite:///"):
        if config.home.exists() and not config.home.is_dir():
            raise EnvironmentProblem(
                f"COOPACT_HOME ({config.home}) is a file; it must name a folder (it is "
                "created when missing)"
            )
        config.home.mkdir(parents=True, exist_ok=True)
    try:
        return make_engine(url)
    except ModuleNotFoundError as error:
        raise EnvironmentProblem(
            f"the database driver {error.name!r} is not installed; {_URL_HELP}"
        ) from None


def reads() -> ReadOnlyUnitOfWork:
    """A unit of work for reading only, on this process's database, without the ORM
    (`coopact history`, `documents`, `audit verify`: :mod:`coopact.store.reading`); the
    keyring is read when first needed, the anchor log is the one the unit of work anchors in."""
    return ReadOnlyUnitOfWork(engine(), keyring=keyring, anchor=anchor_log)


def keyring() -> Keyring:
    """The secret store: COOPACT_SECRET_KEY, else COOPACT_SECRET_KEY_FILE, else
    $COOPACT_HOME/secret.key (never made when the database is signed by another key)."""
    return load_keyring(settings().home, signed_by=lambda: last_key_id(engine()))


def anchor_log_path(environ: Mapping[str, str] | None = None) -> Path:
    """COOPACT_ANCHOR_LOG, else $COOPACT_HOME/anchors.log."""
    env = config_environ() if environ is None else environ
    if env.get("COOPACT_ANCHOR_LOG"):
        return Path(env["COOPACT_ANCHOR_LOG"]).expanduser()
    return settings().home / "anchors.log"


def anchor_log(ring: Keyring | None = None) -> AnchorLog:

    return AnchorLog(anchor_log_path(), ring or keyring())


# --------------------------------------------------------------------------- readiness
_VERSIONS = Path(__file__).resolve().parents[1] / "store" / "migrations" / "versions"
_REVISION = re.compile(r'^revision\s*(?::\s*str\s*)?=\s*["\']([^"\']+)["\']', re.M)
_DOWN = re.compile(r"^down_revision\s*(?::[^=]+)?=\s*(.+)$", re.M)


@cache
def head_revision() -> str | None:
    """The head of the migration scripts, read from their text (Alembic is not imported:
    this runs on every command; ``store.migrate.head_revision`` is the reference)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in _VERSIONS.glob("*.py"):
        body = script.read_text(encoding="utf-8")
        found = _REVISION.search(body)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN.search(body)
        if down:
            parents.update(re.findall(r"[\"']([^\"']+)[\"']", down.group(1)))
    heads = revisions - parents
    if len(heads) > 1:  # Alembic's get_current_head refuses them as well (MultipleHeads)
        raise EnvironmentProblem(
            f"the migration scripts have several heads ({', '.join(sorted(heads))}): merge "
            "them (`alembic merge`) before coopact can tell the current schema"
        )
    return heads.pop() if heads else None


def _sqlite_revision(path: Path) -> str | None:
    """The schema revision of a SQLite file, opened read-only (nothing is created or
    converted: an empty or damaged file is left exactly as it is)."""
    connection = read_only_connection(path)  # (immutable in a read-only home)
    try:
        found = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if found is None:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        connection.close()


def ensure_ready() -> None:
    """Refuse to work on a database that is missing or not migrated to the current schema.

    A SQLite file that does not exist is not created (nothing is written before `coopact
    init`); every failure is an :class:`EnvironmentProblem` (exit 3).
    """
    config = settings()
    url = config.database_url
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///")).expanduser()
        if config.home.exists() and not config.home.is_dir():
            raise EnvironmentProblem(
                f"COOPACT_HOME ({config.home}) is a file; it must name a folder: point "
                "COOPACT_HOME at a folder and run `coopact init`"
            )
        if not path.is_file():
            raise EnvironmentProblem(
                f"there is no coopact database at {path}: run `coopact init` first (or set "
                "COOPACT_HOME / COOPACT_DATABASE_URL to where it is)"
            )
        current = _sqlite_revision(path)  # read-only: an empty file stays empty
    else:
        current = schema_revision(engine())
    head = head_revision()
    if current != head:
        raise EnvironmentProblem(
            "the database is not initialised or not up to date: run `coopact init` first"
            f" (schema revision {current or 'none'}, expected {head})"
        )
