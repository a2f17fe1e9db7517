"""The read side's tables as Core clauses, without the ORM: what `coopact status` (and
`status REF`: :mod:`coopact.store.partnership_listing`), `history`, `documents`
(:mod:`coopact.store.reading`) and `audit verify` (:mod:`coopact.store.verification`) read,
and the JSON type of every table.

Importing ``sqlalchemy.orm`` and mapping the 31 tables of :mod:`coopact.store.tables`
costs a read command about half of what Python takes to import SQLAlchemy, pydantic,
typer and rich (issue 25, "the read side is fast"); these clauses cost nothing. They name
the columns the read side selects, with the types their values are read as; the
declarative tables stay the schema (``tests/unit/test_core_tables.py`` holds each column
here to the one there).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Integer,
    LargeBinary,
    String,
    Text,
    column,
    table,
)
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

partnerships = table(
    "partnerships",
    column("id", Integer),
    column("reference", String),
    column("title", String),
    column("stage", String),
    column("spec_sha256", String),
    column("rounds", Json),
)

# A partnership's file, in a table of its own (a stage's change rewrites a small row).
partnership_files = table(
    "partnership_files",
    column("partnership_id", Integer),
    column("spec", Json),
)

decisions = table(
    "decisions",
    column("id", Integer),
    column("partnership_id", Integer),
    column("gate", String),
    column("round", Integer),
    column("decider", String),
    column("role", String),
    column("partner_key", String),
    column("outcome", String),
    column("reason", Text),
    column("document_sha256", String),
    column("channel", String),
    column("channel_detail", Json),
)

documents = table(
    "documents",
    column("id", Integer),
    column("partnership_id", Integer),
    column("kind", String),
    column("version", Integer),
    column("language", String),
    column("filename", String),
    column("media_type", String),
    column("sha256", String),
    column("content", LargeBinary),
    column("spec_sha256", String),
    column("inputs", Json),
    column("created_at", DateTime(timezone=True)),
)

audit_events = table(
    "audit_events",
    column("id", Integer),
    column("seq", Integer),
    column("at", DateTime(timezone=True)),
    column("reference", String),
    column("actor", String),
    column("action", String),
    column("payload", Json),
    column("prev_hash", String),
    column("hash", String),
    column("key_id", String),
    column("anchored", Boolean),
)

personal_texts = table(
    "personal_texts",
    column("id", Integer),
    column("sha256", String),
    column("person_id", String),
    column("text", Text),
)

chain_origin = table(
    "chain_origin", column("unkeyed_events", Integer), column("events_before", Integer)
)

schedule = table(
    "schedule",
    column("id", Integer),
    column("partnership_id", Integer),
    column("kind", String),
    column("subject", String),
    column("due_on", Date),
    column("done_at", DateTime(timezone=True)),
)

findings = table(
    "findings",
    column("id", Integer),
    column("partnership_id", Integer),
    column("stage", String),
    column("code", String),
    column("severity", String),
    column("factor", String),
    column("path", String),
    column("params", Json),
)

# A partnership's method scorecard as JSON text, and the fingerprint of its inputs.
scorecards = table(
    "scorecards",
    column("partnership_id", Integer),
    column("fingerprint", String),
    column("card", Text),
)

failed_work = table(
    "failed_work",
    column("partnership_id", Integer),
    column("stage", String),
    column("gate", String),
    column("error", Text),
    column("failed_at", DateTime(timezone=True)),
    column("attempts", Integer),
)

conditions = table(
    "conditions",
    column("id", Integer),
    column("partnership_id", Integer),
    column("what", Text),
    column("owner", String),
    column("due_on", Date),
    column("indicator", String),
    column("adopted", Boolean),
    column("met_on", Date),
)

amendments = table(
    "amendments",
    column("partnership_id", Integer),
    column("number", Integer),
    column("kind", String),
    column("status", String),
    column("changed", Json),
    column("effective_on", Date),
)

web_users = table(
    "web_users",
    column("id", Integer),
    column("email", String),
    column("role", String),
    column("disabled_at", DateTime(timezone=True)),
)

decision_links = table("decision_links", column("id", Integer))

payments = table(
    "payments",
    column("id", Integer),
    column("partnership_id", Integer),
    column("payer_key", String),
    column("amount_cents", BigInteger),
    column("paid_on", Date),
    column("bank_reference", String),
)

tax_receipts = table(
    "tax_receipts",
    column("id", Integer),
    column("payment_id", Integer),
    column("valuation_id", Integer),
    column("donee", String),
    column("year", Integer),
    column("number", Integer),
)

valuations = table(
    "valuations",
    column("id", Integer),
    column("partnership_id", Integer),
    column("giver_key", String),
    column("contribution", Integer),
    column("amount_cents", BigInteger),
    column("valued_on", Date),
    column("reference", String),
)

use_of_funds = table(
    "use_of_funds_reports",
    column("id", Integer),
    column("partnership_id", Integer),
    column("donee_key", String),
    column("year", Integer),
    column("document_version", Integer),
)

ALL = (
    partnerships, decisions, documents, audit_events, personal_texts, chain_origin, schedule,
    web_users, decision_links, payments, tax_receipts, valuations, use_of_funds, findings,
    failed_work, conditions, amendments, scorecards,
)  # fmt: skip
