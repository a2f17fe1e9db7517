"""Alembic environment: runs on the connection handed in by ``store.migrate``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from coopact.store.schema import metadata

target_metadata = metadata
config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:  # plain `alembic` command line
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
        with engine.begin() as connection:
            _run(connection)
    else:
        _run(connection)


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # type: ignore[attr-defined]
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
