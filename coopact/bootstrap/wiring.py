"""Wiring: the engine and unit of work of this process, its adapters (templates, mail
transport, signature provider), and the stage work wired to them (:func:`advance`), for
the CLI, the flows and the portal alike. A decision and what follows it go through
:mod:`coopact.usecases.decide`, handed :func:`adapters`.

Imported at CLI start-up (the read commands open the database through it): the use cases,
the mail transport (jinja2), the signature providers and the webhook delivery (httpx) and
Alembic are imported inside the functions that need them, never at module top, each import
saying so (tests/integration/test_cli_startup.py keeps them out of the read commands).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from coopact.adapters.config import settings
from coopact.adapters.settings import environ as config_environ
from coopact.contracts.errors import EnvironmentProblem, InvalidInput, Problem
from coopact.store.anchors import AnchorLog
from coopact.store.db import make_engine, read_only_connection
from coopact.store.engines import Engine, check_url, schema_revision
from coopact.store.keys import Keyring, load_keyring
from coopact.store.reading import ReadOnlyUnitOfWork, last_key_id

if TYPE_CHECKING:
    from coopact.adapters.mail.notify import Transport
    from coopact.adapters.signature import SignatureProvider
    from coopact.adapters.signature.docuseal import DocusealProvider
    from coopact.services.work import AdvanceResult
    from coopact.store.uow import UnitOfWork

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


def uow() -> UnitOfWork:
    """A unit of work on this process's database, its audit chain signed by the secret
    store's key and anchored in the anchor log."""
    # `coopact status` lists with Core: the unit of work's ORM repositories (60 ms) wait
    from coopact.store.uow import UnitOfWork  # start-up: read commands list without it

    ring = keyring()
    return UnitOfWork.for_engine(
        engine(), keyring=ring, anchor=anchor_log(ring), after_webhooks=deliver_webhooks
    )


def reads() -> ReadOnlyUnitOfWork:
    """A unit of work for reading only, on this process's database, without the ORM
    (`coopact history`, `documents`, `audit verify`: :mod:`coopact.store.reading`); the
    keyring is read when first needed, the anchor log is the one :func:`uow` anchors in."""
    return ReadOnlyUnitOfWork(engine(), keyring=keyring, anchor=anchor_log)


def deliver_webhooks() -> None:
    """After a commit that queued outbound webhooks: deliver them now (a failure waits for
    its retry: :mod:`coopact.services.webhook_delivery`)."""
    from coopact.services.webhook_delivery import deliver_quietly  # start-up: httpx

    deliver_quietly(uow())


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


def transport() -> Transport:
    """SMTP when COOPACT_SMTP_HOST is set, else .eml files in COOPACT_HOME/outbox."""
    from coopact.adapters.mail.notify import transport_from_env  # start-up: jinja2

    return transport_from_env(settings().outbox)


def signature_provider(environ: Mapping[str, str] | None = None) -> SignatureProvider | None:
    """The provider the agreement is sent to once formalised, beyond the manual packet.

    None for ``manual`` (the default: the signature packet is the stage's document);
    DocuSeal when COOPACT_SIGNATURE_PROVIDER=docuseal, configured by COOPACT_DOCUSEAL_URL,
    _TOKEN and _WEBHOOK_SECRET (all required); Yousign when it is yousign, configured by
    COOPACT_YOUSIGN_API_KEY and _WEBHOOK_SECRET (required) and _URL.
    """
    env = config_environ() if environ is None else environ
    choice = (env.get("COOPACT_SIGNATURE_PROVIDER") or "manual").strip().lower()
    if choice == "manual":
        return None
    if choice == "docuseal":
        return docuseal(env)
    if choice == "yousign":
        from coopact.adapters.signature.yousign import YousignProvider  # start-up: httpx

        return YousignProvider.from_env(env)
    expected = "expected manual, docuseal or yousign"
    raise InvalidInput(
        "environment", [Problem("COOPACT_SIGNATURE_PROVIDER", f"is {choice!r}; {expected}")]
    )


def docuseal(environ: Mapping[str, str] | None = None) -> DocusealProvider:
    """DocuSeal from the environment, to hear its webhooks (COOPACT_DOCUSEAL_*)."""
    from coopact.adapters.signature.docuseal import DocusealProvider  # start-up: httpx

    return DocusealProvider.from_env(environ)


def webhook_providers() -> dict[str, SignatureProvider]:
    """The provider whose webhooks the portal hears (POST /webhooks/<name>): the configured
    one when it sends webhooks; none for the manual packet."""
    provider = signature_provider()
    if provider is None or not hasattr(provider, "receive"):
        return {}
    return {provider.name: provider}


def set_up_after_signature(reference: str) -> None:
    """Once a webhook's signature completes a partnership's: the governance set-up."""
    from coopact.usecases.decide import after_signatures  # start-up: the document stack

    done = after_signatures(reference, adapters(signing=False))
    if done.work_error is not None:  # kept in the audit log; `coopact advance` resumes
        raise done.work_error


# --------------------------------------------------------------------- the use cases wired
@dataclass(frozen=True)
class Adapters:
    """What the stage work is wired to: a unit of work, the templates, the mail transport
    (None: nobody is told by mail) and the signature provider (None: the manual packet)."""

    uow: Callable[[], UnitOfWork]
    templates: Path
    transport: Callable[[], Transport] | None = None
    signature: Callable[[], SignatureProvider | None] | None = None


def adapters(*, mail: bool = True, signing: bool = True) -> Adapters:
    """This process's adapters, from its environment (COOPACT_HOME, COOPACT_SMTP_HOST,
    COOPACT_SIGNATURE_PROVIDER...)."""
    return Adapters(
        uow,
        settings().templates,
        transport if mail else None,
        signature_provider if signing else None,
    )


def advance(
    reference: str, *, today: dt.date | None = None, using: Adapters | None = None
) -> AdvanceResult:
    """The automatic work up to the next gate on ``using``, by default this process's
    adapters (:func:`coopact.usecases.advance_partnership.advance_work`)."""
    from coopact.usecases.advance_partnership import advance_work  # start-up: document stack

    return advance_work(using or adapters(), reference, today=today)


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
    return heads.pop() if len(heads) == 1 else None


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
    if head is None:  # several heads while migrations are being merged: ask Alembic
        from coopact.store.migrate import head_revision as alembic_head  # start-up: Alembic

        head = alembic_head()
    if current != head:
        raise EnvironmentProblem(
            "the database is not initialised or not up to date: run `coopact init` first"
            f" (schema revision {current or 'none'}, expected {head})"
        )
