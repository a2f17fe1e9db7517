"""The JSON column type of the tables."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


class _Json(TypeDecorator[Any]):
    """JSON, stored as JSONB on PostgreSQL. SQLAlchemy's PostgreSQL dialect is imported
    only when a PostgreSQL database is used: on SQLite the read commands are spared it
    (a tenth of their start-up)."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import JSONB  # PostgreSQL only

            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(JSON())


Json = _Json()
