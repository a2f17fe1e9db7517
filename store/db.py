"""Engines for the embedded SQLite default and for PostgreSQL.

SQLite runs in WAL mode with foreign keys on, and every transaction starts with
``BEGIN IMMEDIATE`` so that two writers never interleave (the second waits, then sees the
first one's result) — except a unit of work for reading only (``UnitOfWork.reading()``,
execution option ``coopact_reading``), which begins deferred and never waits for a writer.

A PostgreSQL server restarted while a command runs is ridden out: once this process has
reached the server, a connection that cannot be made (refused, the server starting up or
shutting down) is tried again with backoff for up to :data:`RESTART_SECONDS`; a server
that never answered fails at once (a wrong URL, a server down: exit 3 without waiting).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from coopact.store import row_changes

if TYPE_CHECKING:  # the ORM is imported when a session is made, not to read with Core
    from sqlalchemy.orm import Session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000
RESTART_SECONDS = 30.0  # how long a PostgreSQL restart is waited for, once it was reached


def make_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = parsed.database
        on_disk = bool(path) and path != ":memory:" and not str(path).startswith("file:")
        if on_disk and _read_only(Path(str(path))):
            return _read_only_engine(Path(str(path)))
        engine = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        )
        if on_disk:
            file = Path(str(path))
            event.listen(engine, "do_connect", lambda *_: _create_private(file))
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        row_changes.follow(engine)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() in ("", "psycopg2"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    engine = create_engine(parsed, pool_pre_ping=True)
    _ride_out_restarts(engine)
    event.listen(engine, "connect", _custom_plans)
    row_changes.follow(engine)
    return engine


def _custom_plans(dbapi_connection: Any, _record: Any) -> None:
    """PostgreSQL plans each statement for its own values. The driver prepares a statement
    run five times on a connection, and the server may then keep a generic plan, blind to
    the values of an array parameter (``store.rows.among``: one parameter however many
    the ids): in review-due's chunks each row of the schedule was compared with all 2,000
    ids of the chunk, one by one (50 ms a chunk instead of 9 at 100,000 partnerships)."""
    autocommit = dbapi_connection.autocommit
    dbapi_connection.autocommit = True  # a setting of the session, not of a transaction
    dbapi_connection.execute("SET plan_cache_mode = force_custom_plan")
    dbapi_connection.autocommit = autocommit


def _ride_out_restarts(engine: Engine) -> None:
    reached = [False]

    def connect(dialect: Any, _record: Any, cargs: Any, cparams: Any) -> Any:
        deadline = time.monotonic() + (RESTART_SECONDS if reached[0] else 0.0)
        delay = 0.25
        while True:
            try:
                connection = dialect.connect(*cargs, **cparams)
            except dialect.loaded_dbapi.OperationalError:
                if time.monotonic() + delay > deadline:
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 4.0)
                continue
            reached[0] = True
            return connection

    event.listen(engine, "do_connect", connect)


def _create_private(path: Path) -> None:
    """A new SQLite database is created readable by its owner only (0600): it holds names,
    reasons and mails with live links. (SQLite gives its -wal and -shm files the same mode.)"""
    if path.exists() or not path.parent.is_dir():
        return
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def database_exists(engine: Engine) -> bool:
    """False for a SQLite file not created yet (nothing is created to find out)."""
    if engine.dialect.name != "sqlite":
        return True
    path = engine.url.database
    return not path or path == ":memory:" or Path(path).is_file()


def _read_only(path: Path) -> bool:
    """An existing database in a folder this process cannot write (a read-only home)."""
    return path.is_file() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def _read_only_engine(path: Path) -> Engine:
    """Reading only (`coopact audit verify` on a read-only home): opened read-only (immutable
    when SQLite cannot even make its -shm file); any write is refused by SQLite."""
    engine = create_engine("sqlite://", creator=lambda: read_only_connection(path))
    return engine.execution_options(coopact_read_only=str(path))


def read_only_path(engine: Engine) -> str | None:
    """The file of an engine opened read-only (a read-only home), else None."""
    found = engine.get_execution_options().get("coopact_read_only")
    return str(found) if found else None


def read_only_connection(path: Path) -> sqlite3.Connection:
    """A read-only connection to a SQLite file: ``mode=ro``, else (a WAL database in a
    folder that cannot be written: SQLite cannot make its -shm file) immutable."""
    base = f"file:{quote(str(path.resolve()))}?mode=ro"
    connection = sqlite3.connect(base, uri=True, check_same_thread=False)
    try:
        connection.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
        return connection
    except sqlite3.OperationalError:
        connection.close()
        return sqlite3.connect(base + "&immutable=1", uri=True, check_same_thread=False)


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite would defer it).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_begin_immediate(connection: Any) -> None:
    reading = connection.get_execution_options().get("coopact_reading")
    connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    from sqlalchemy.orm import sessionmaker

    return sessionmaker(engine, expire_on_commit=False)
