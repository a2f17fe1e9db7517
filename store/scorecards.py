"""The stored method scorecards, through SQLAlchemy Core (no ORM: `status REF` reads them on
the read side, :mod:`coopact.store.reading`): a partnership's card and fingerprint read in
the caller's transaction, and kept in a short transaction of its own that gives up rather
than wait or fail (a read-only database, a writer holding the lock, another process keeping
the same card): the card is a cache, computed again next time."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, select, text
from sqlalchemy.exc import DBAPIError

from coopact.store.core_tables import scorecards
from coopact.store.db import SQLITE_BUSY_TIMEOUT_MS

WAIT_MS = 200  # at most this long for the write lock, then the card is not kept

_UPSERT = text(
    "INSERT INTO scorecards (partnership_id, fingerprint, card) VALUES (:id, :fingerprint, :card) "
    "ON CONFLICT (partnership_id) DO UPDATE "
    "SET fingerprint = excluded.fingerprint, card = excluded.card"
)  # SQLite >= 3.24 and PostgreSQL alike


class StoredScorecards:
    """``bind``: the caller's connection or session (reads); ``engine``: where a card is kept."""

    def __init__(self, bind: Any, engine: Engine) -> None:
        self.bind = bind
        self.engine = engine

    def get(self, partnership_id: int) -> tuple[str, str] | None:
        """The stored (fingerprint, card JSON text) of the partnership, or None."""
        c = scorecards.c
        query = select(c.fingerprint, c.card).where(c.partnership_id == partnership_id)
        row = self.bind.execute(query).first()
        return None if row is None else (row.fingerprint, row.card)

    def keep(self, partnership_id: int, fingerprint: str, card: str) -> bool:
        """Store the card in a transaction of its own; False when it could not be (nothing
        is raised: the next reader computes it again)."""
        sqlite = self.engine.dialect.name == "sqlite"
        try:
            with self.engine.connect() as conn:
                if sqlite:  # the connection's busy timeout, for this write only
                    _pragma(conn, f"busy_timeout={WAIT_MS}")
                try:
                    with conn.begin():
                        if not sqlite:
                            conn.exec_driver_sql(f"SET LOCAL lock_timeout = '{WAIT_MS}ms'")
                        values = {"id": partnership_id, "fingerprint": fingerprint, "card": card}
                        conn.execute(_UPSERT, values)
                finally:
                    if sqlite:
                        _pragma(conn, f"busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        except DBAPIError:  # read-only, locked, or kept meanwhile by another process
            return False
        return True


def _pragma(conn: Connection, pragma: str) -> None:
    """A PRAGMA on the DBAPI connection itself (autocommit: no transaction begun)."""
    cursor = conn.connection.cursor()
    try:
        cursor.execute(f"PRAGMA {pragma}")
    finally:
        cursor.close()
