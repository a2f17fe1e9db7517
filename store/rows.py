"""Plain rows: Core queries read as named tuples (no ORM result processing), all at once or
streamed, and ``column IN values`` with one parameter however many the values."""

from __future__ import annotations

import collections
import functools
import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import (
    ARRAY,
    String,
    any_,
    bindparam,
    func,
    select,
)
from sqlalchemy.orm import Session


def among(session: Session, column: Any, values: Iterable[Any]) -> Any:
    """``column IN values`` with one parameter however many the values (thousands of IN
    parameters cost more to compile and bind than the query takes): on PostgreSQL
    ``column = ANY(:array)``, on SQLite ``column IN (SELECT value FROM json_each(:json))``."""
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    listed = func.json_each(bindparam(None, json.dumps(list(values)), type_=String))
    return column.in_(select(listed.table_valued("value").c.value))


def plain_rows(session: Session, query: Any) -> list[Any]:
    """The rows of a Core ``query`` on the session's connection, as named tuples."""
    result = session.connection().execute(query)
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
