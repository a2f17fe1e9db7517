"""The read side's Core clauses (store/core_tables.py) name the columns of the declarative
tables (store/tables.py, the schema the migrations build), with the same types: a column
renamed or retyped there and not here fails here, not in a read command."""

from __future__ import annotations

import pytest
from sqlalchemy.sql.elements import ColumnClause
from sqlalchemy.sql.expression import TableClause

from coopact.store import core_tables
from coopact.store.base import Base


@pytest.mark.parametrize("clause", core_tables.ALL, ids=lambda t: t.name)
def test_each_core_column_is_the_declared_column(clause: TableClause) -> None:
    declared = Base.metadata.tables[clause.name]
    for column in clause.columns:
        assert isinstance(column, ColumnClause)
        assert column.name in declared.c, f"{clause.name}.{column.name} is not in the schema"
        mine, theirs = column.type, declared.c[column.name].type
        assert type(mine) is type(theirs), f"{clause.name}.{column.name}: {mine!r} vs {theirs!r}"
        if hasattr(theirs, "timezone"):
            assert mine.timezone == theirs.timezone, f"{clause.name}.{column.name}"  # type: ignore[attr-defined]


def test_the_read_side_reads_the_declared_tables_only() -> None:
    names = {t.name for t in core_tables.ALL}
    assert names <= set(Base.metadata.tables)
    assert len(names) == len(core_tables.ALL)
