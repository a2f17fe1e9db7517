"""The database URL checked before an engine is made for it, and the schema revision an
engine's database is at (read without Alembic: this runs on every command), for
:mod:`coopact.bootstrap.wiring`."""

from __future__ import annotations

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import make_url

__all__ = ["Engine", "check_url", "schema_revision"]


def check_url(url: str) -> None:
    """Raise ValueError, saying why, unless ``url`` is a SQLite or PostgreSQL URL coopact
    can use (an invalid port included)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgres":
        raise ValueError("write postgresql:// rather than postgres://")
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ValueError(f"the database kind {parsed.get_backend_name()!r} is not supported")
    _ = parsed.port  # an invalid port raises here, not at the first query


def schema_revision(bind: Engine) -> str | None:
    """The Alembic revision of the database, None when it has no schema yet."""
    with bind.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if revision is None else str(revision)
