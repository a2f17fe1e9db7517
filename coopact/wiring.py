"""Wiring: the engine and unit of work of this process, and the stage work registry."""

from __future__ import annotations

from functools import cache

from sqlalchemy import Engine

from contracts.errors import CoopactError
from coopact.config import settings
from coopact.notify import Transport, transport_from_env
from store.db import make_engine
from store.migrate import current_revision, head_revision
from store.uow import UnitOfWork


@cache
def engine(url: str | None = None) -> Engine:
    config = settings()
    url = url or config.database_url
    if url.startswith("sqlite:///"):
        config.home.mkdir(parents=True, exist_ok=True)
    return make_engine(url)


def uow() -> UnitOfWork:
    return UnitOfWork.for_engine(engine())


def transport() -> Transport:
    """SMTP when COOPACT_SMTP_HOST is set, else .eml files in COOPACT_HOME/outbox."""
    return transport_from_env(settings().outbox)


def ensure_ready() -> None:
    """Refuse to work on a database that is not migrated to the current schema."""
    current = current_revision(engine())
    if current != head_revision():
        raise CoopactError(
            "the database is not initialised or not up to date: run `coopact init` first"
            f" (schema revision {current or 'none'}, expected {head_revision()})"
        )
