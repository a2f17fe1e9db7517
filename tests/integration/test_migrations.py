"""The schema is built by Alembic, and the migrations match the models."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from coopact.bootstrap import wiring
from coopact.store.db import make_engine
from coopact.store.migrate import current_revision, downgrade, head_revision, upgrade
from coopact.store.schema import metadata


def test_migrations_match_the_models(db_url: str) -> None:
    engine = make_engine(db_url)
    with engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), metadata
        )
    engine.dispose()
    assert diff == []


def test_downgrade_then_upgrade_round_trips(db_url: str) -> None:
    engine = make_engine(db_url)
    assert current_revision(engine) == head_revision()
    downgrade(engine, "base")
    assert current_revision(engine) is None
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_the_head_read_from_the_scripts_text_is_alembics() -> None:
    """``wiring.head_revision`` (every command's readiness check, without Alembic) reads the
    head Alembic computes; several heads are refused by both."""
    assert wiring.head_revision() == head_revision()
    assert wiring.head_revision() is not None


def test_the_tables_review_due_changes_leave_room_on_their_pages(pg_url: str) -> None:
    """PostgreSQL (revision 2026_12_06_openinghot): a schedule item marked done, a
    partnership moved, is written on its own page without touching the indexes."""
    engine = make_engine(pg_url)
    with engine.connect() as conn:
        options = dict(
            conn.execute(
                text(
                    "SELECT relname, reloptions FROM pg_class "
                    "WHERE relname IN ('schedule', 'partnerships')"
                )
            ).all()
        )
    engine.dispose()
    assert options == {
        "schedule": ["fillfactor=85"],
        "partnerships": ["fillfactor=70"],
    }
