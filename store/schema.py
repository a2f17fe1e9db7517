"""Every table of the database, gathered on one metadata: what Alembic compares the
migrations with (store/migrations/env.py) and what the tests walk.

The tables live in their topic's module (:mod:`store.tables`, :mod:`store.audit_tables`,
:mod:`store.money_tables`, :mod:`store.failed_work`, :mod:`store.scorecard_table`,
:mod:`store.web_tables`,
:mod:`store.webhook_tables`), each registered on :data:`store.base.Base` when imported; this
module imports them all, so that none is missing from :data:`metadata`."""

from __future__ import annotations

from sqlalchemy import MetaData

from coopact.store import (  # noqa: F401 - imported to register their tables
    audit_tables,
    failed_work,
    money_tables,
    scorecard_table,
    tables,
    web_tables,
    webhook_tables,
)
from coopact.store.base import Base

metadata: MetaData = Base.metadata

__all__ = ["metadata"]
