"""Which of the tables an anchor counts a transaction added rows to or deleted rows from.

An anchor records, beside the chain's head, the row count of each counted table that the
committing transaction changed (:func:`store.chain_checks.row_counts`): the count of a
table nobody added to or deleted from since the last anchor that counted it is that
anchor's, and counting it again (millions of rows at 100,000 partnerships, half a second,
under the appenders' lock) would tell nothing new. The statements are watched as they go
to the database, whatever made them (the ORM's flush, a Core INSERT or DELETE): each
INSERT or DELETE on a counted table marks it on its connection, until the commit takes the
marks. A mark left by a transaction rolled back only makes the next commit count a table
more."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, event

# The tables whose rows each anchor counts: rows that are only ever added, but for the
# schedule (its rows dropped are recorded by ``schedule.dropped`` events).
COUNTED_TABLES = (
    "partnerships",
    "decisions",
    "documents",
    "schedule",
    "decision_links",
    "web_users",
)
_MARKS = "coopact_counted_tables_changed"


def follow(engine: Engine) -> None:
    """Mark the counted tables changed by each statement of ``engine``'s connections."""
    event.listen(engine, "after_cursor_execute", _note)


def _note(conn: Any, _cursor: Any, _sql: str, _params: Any, context: Any, _many: bool) -> None:
    if context is None or not (context.isinsert or context.isdelete):
        return
    table = getattr(getattr(context.compiled, "statement", None), "table", None)
    name = getattr(table, "name", None)
    if name in COUNTED_TABLES:
        conn.info.setdefault(_MARKS, set()).add(name)


def taken(connection: Any) -> set[str]:
    """The counted tables changed on ``connection`` since the marks were last taken."""
    marks: set[str] = connection.info.pop(_MARKS, set())
    return marks
