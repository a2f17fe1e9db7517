"""Plain rows: Core queries read as named tuples (no ORM result processing), all at once or
streamed; ``column IN values`` with one parameter however many the values; thousands of
rows inserted in one statement."""

from __future__ import annotations

import collections
import functools
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ARRAY,
    Connection,
    String,
    Table,
    and_,
    any_,
    bindparam,
    func,
    insert,
    select,
)

if TYPE_CHECKING:  # the read side passes a Connection, without importing the ORM
    from sqlalchemy.orm import Session

    Bind = Session | Connection


def connection_of(bind: Bind) -> Connection:
    """The connection a session reads on (in its transaction), or the connection itself."""
    return bind if isinstance(bind, Connection) else bind.connection()


def dialect_name(bind: Bind) -> str:
    return bind.dialect.name if isinstance(bind, Connection) else bind.get_bind().dialect.name


def among(session: Bind, column: Any, values: Iterable[Any]) -> Any:
    """``column IN values`` with one parameter however many the values (thousands of IN
    parameters cost more to compile and bind than the query takes): on PostgreSQL
    ``column = ANY(:array)``, on SQLite ``column IN (SELECT value FROM json_each(:json))``."""
    if dialect_name(session) == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    listed = func.json_each(bindparam(None, json.dumps(list(values)), type_=String))
    return column.in_(select(listed.table_valued("value").c.value))


def among_range(session: Bind, column: Any, values: Sequence[Any]) -> Any:
    """``among``, bounded on PostgreSQL by the least and the greatest of ``values`` too.
    Without statistics (a table never analysed: autovacuum off, or not yet come by) the
    planner takes ``column = ANY(:array)`` of 2,000 values for as many random reads and,
    on a table of 100,000 rows or a million, reads the whole table instead, once a chunk:
    a batch in chunks of ids in order would read it once per chunk. A range it estimates
    as narrow, and reads through the index; the chunks' ranges, one after the other, read
    the index once between them, whatever the statistics."""
    if not values or dialect_name(session) != "postgresql":
        return among(session, column, values)
    return and_(column.between(min(values), max(values)), among(session, column, values))


def insert_rows(session: Bind, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT ``rows`` (dicts of the same keys) into ``table``. On PostgreSQL by COPY, in
    the caller's transaction: an executemany there runs one INSERT a row on the server
    (parsed, bound and executed 20,000 times for 10,000 reviews opened), and one INSERT
    reading the rows from a JSON parameter spends most of its time parsing the JSON.
    SQLite's executemany runs in the process: kept."""
    if not rows:
        return
    if dialect_name(session) != "postgresql":
        session.execute(insert(table), rows)
        return
    from psycopg.types.json import Jsonb  # PostgreSQL's driver, loaded with it only

    names = list(rows[0])
    driver = connection_of(session).connection.driver_connection
    assert driver is not None  # a connection in a transaction
    listed = ", ".join(f'"{name}"' for name in names)
    statement = f'COPY "{table.name}" ({listed}) FROM STDIN'
    with driver.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:  # a JSON column's value (a mapping or a list) wrapped for the driver
            values = (row[n] for n in names)
            copy.write_row([Jsonb(v) if isinstance(v, dict | list) else v for v in values])


def plain_rows(session: Bind, query: Any) -> list[Any]:
    """The rows of a Core ``query`` on the session's connection, as named tuples."""
    result = connection_of(session).execute(query)
    record = record_of(tuple(result.keys()))
    return list(map(record._make, result.all()))


def streamed_rows(session: Session, query: Any, size: int = 100) -> Iterator[Any]:
    """The rows of a Core ``query`` as named tuples, ``size`` at a time (a server-side
    cursor on PostgreSQL): for rows too large to hold all at once, such as documents."""
    result = session.connection().execution_options(stream_results=True, yield_per=size)
    rows = result.execute(query)
    record = record_of(tuple(rows.keys()))
    for part in rows.partitions():
        yield from map(record._make, part)


@functools.cache
def record_of(fields: tuple[str, ...]) -> Any:
    """The named tuple of a query's columns (one class for each set of columns)."""
    return collections.namedtuple("Record", fields, rename=True)


def grouped(rows: Any) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = {}
    for row in rows:
        grouped.setdefault(row.partnership_id, []).append(row)
    return grouped
