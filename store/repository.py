"""Repository of partnerships and what hangs on them, over one SQLAlchemy session."""

from __future__ import annotations

import collections
import functools
import hashlib
import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import (
    ARRAY,
    Integer,
    String,
    any_,
    bindparam,
    column,
    delete,
    func,
    literal,
    literal_column,
    select,
    text,
    true,
    type_coerce,
)
from sqlalchemy.orm import Session

from coopact.contracts.errors import NotFound, Refused
from coopact.store import portfolio
from coopact.store.tables import DecisionRow, DocumentRow, FindingRow, PartnershipRow, ScheduleRow


class DocumentTampered(Refused):
    """A stored document whose content no longer has the SHA-256 it was stored with."""


def check_document(row: DocumentRow, reference: str) -> DocumentRow:
    """Re-hash a stored document's content; refuse it, naming it, when it was altered."""
    actual = hashlib.sha256(row.content).hexdigest()
    if actual != row.sha256:
        raise DocumentTampered(
            f"the stored {row.kind} v{row.version} of {reference} ({row.filename}) was altered "
            f"in the database: its content hashes to {actual[:12]}…, not to the recorded "
            f"{row.sha256[:12]}…. It is not used; run `coopact audit verify` and restore "
            "the database from a backup"
        )
    return row


def _checked(rows: Iterable[DocumentRow], reference: str) -> list[DocumentRow]:
    return [check_document(r, reference) for r in rows]


class PartnershipRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, row: PartnershipRow) -> None:
        self.session.add(row)
        self.session.flush()

    def find(self, reference: str) -> PartnershipRow | None:
        return self.session.scalar(
            select(PartnershipRow).where(PartnershipRow.reference == reference)
        )

    def get(self, reference: str) -> PartnershipRow:
        row = self.find(reference)
        if row is None:
            raise NotFound(f"no partnership {reference}; `coopact status` lists the partnerships")
        return row

    def get_for_update(self, reference: str) -> PartnershipRow:
        """The partnership, locked until the end of the transaction (PostgreSQL row lock;
        SQLite transactions are already serialised by BEGIN IMMEDIATE)."""
        row = self.session.scalar(
            select(PartnershipRow)
            .where(PartnershipRow.reference == reference)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        if row is None:
            raise NotFound(f"no partnership {reference}; `coopact status` lists the partnerships")
        return row

    def lock_registrations(self) -> None:
        """Serialise registrations until this transaction ends, so that finding a file
        already registered and allocating the next reference see every earlier
        registration (PostgreSQL; SQLite transactions are already serial: BEGIN IMMEDIATE)."""
        if self.session.get_bind().dialect.name == "postgresql":
            self.session.execute(text("SELECT pg_advisory_xact_lock(7240312)"))

    def next_reference(self, year: int) -> str:
        prefix = f"P-{year}-"
        refs = self.session.scalars(
            select(PartnershipRow.reference).where(PartnershipRow.reference.like(f"{prefix}%"))
        ).all()
        numbers = [int(r.removeprefix(prefix)) for r in refs if r.removeprefix(prefix).isdigit()]
        return f"{prefix}{max(numbers, default=0) + 1:03d}"

    def next_review(self, reference: str) -> tuple[Any, ScheduleRow | None]:
        """The partnership (locked) and its next review not yet held (store.portfolio)."""
        return portfolio.next_review(self.session, reference)

    # Decisions -----------------------------------------------------------------------------
    def decisions(self, row: PartnershipRow, gate: str, round_: int) -> list[DecisionRow]:
        return list(
            self.session.scalars(
                select(DecisionRow)
                .where(
                    DecisionRow.partnership_id == row.id,
                    DecisionRow.gate == gate,
                    DecisionRow.round == round_,
                )
                .order_by(DecisionRow.id)
            )
        )

    def decision_by_key(self, key: str) -> DecisionRow | None:
        return self.session.scalar(select(DecisionRow).where(DecisionRow.idempotency_key == key))

    def current_round(self, row: PartnershipRow, gate: str) -> int:
        """Rounds count how many times a gate was reopened (after a rejection, a new version)."""
        value = self.session.scalar(
            select(func.max(DecisionRow.round)).where(
                DecisionRow.partnership_id == row.id, DecisionRow.gate == gate
            )
        )
        return int(value or 1)

    # Findings ------------------------------------------------------------------------------
    def replace_findings(
        self,
        row: PartnershipRow,
        stage: str,
        findings: list[dict[str, Any]],
        *,
        any_stored: bool = True,
    ) -> None:
        """The findings of ``stage`` replaced by ``findings`` (``any_stored`` False: the
        caller read, in this transaction, that there were none to delete)."""
        if any_stored:
            self.session.execute(
                delete(FindingRow).where(
                    FindingRow.partnership_id == row.id, FindingRow.stage == stage
                )
            )
        self.session.add_all(
            FindingRow(partnership_id=row.id, stage=stage, **finding) for finding in findings
        )
        self.session.flush()

    def drop_findings_of(
        self, row: PartnershipRow, stage: str, pairs: set[tuple[str, str]]
    ) -> None:
        """Delete the findings of ``stage`` whose (code, path) is in ``pairs``: a warning that
        registration gave ahead of a stage, once that stage stored the same finding."""
        if not pairs:
            return
        for found in self.session.scalars(
            select(FindingRow).where(FindingRow.partnership_id == row.id, FindingRow.stage == stage)
        ):
            if (found.code, found.path) in pairs:
                self.session.delete(found)
        self.session.flush()

    def findings(self, row: PartnershipRow) -> list[FindingRow]:
        return list(
            self.session.scalars(
                select(FindingRow)
                .where(FindingRow.partnership_id == row.id)
                .order_by(FindingRow.id)
            )
        )

    # Documents -----------------------------------------------------------------------------
    # Every read of a stored document goes through here and is re-hashed (check_document).
    def documents(self, row: PartnershipRow, kind: str | None = None) -> list[DocumentRow]:
        query = select(DocumentRow).where(DocumentRow.partnership_id == row.id)
        if kind is not None:
            query = query.where(DocumentRow.kind == kind)
        rows = self.session.scalars(query.order_by(DocumentRow.kind, DocumentRow.version))
        return _checked(rows, row.reference)

    def document_versions(self, row: PartnershipRow, kind: str | None = None) -> list[Any]:
        """The versions of the partnership's documents (of ``kind``), without their contents
        (kind, version, language, sha256, filename, spec_sha256: nothing is re-hashed)."""
        query = select(
            DocumentRow.kind, DocumentRow.version, DocumentRow.language, DocumentRow.sha256,
            DocumentRow.filename, DocumentRow.spec_sha256,
        ).where(DocumentRow.partnership_id == row.id)  # fmt: skip
        if kind is not None:
            query = query.where(DocumentRow.kind == kind)
        return list(self.session.execute(query.order_by(DocumentRow.kind, DocumentRow.version)))

    def last_version(self, row: PartnershipRow, kind: str) -> int:
        """The number of the partnership's last document of ``kind`` (0 when none)."""
        mine = (DocumentRow.partnership_id == row.id, DocumentRow.kind == kind)
        return int(self.session.scalar(select(func.max(DocumentRow.version)).where(*mine)) or 0)

    def latest_document(self, row: PartnershipRow, kind: str) -> DocumentRow | None:
        found = self.session.scalar(
            select(DocumentRow)
            .where(DocumentRow.partnership_id == row.id, DocumentRow.kind == kind)
            .order_by(DocumentRow.version.desc())
            .limit(1)
        )
        return None if found is None else check_document(found, row.reference)

    def documents_with_hash(self, sha256: str) -> list[tuple[str, DocumentRow]]:
        """Every stored version whose recorded SHA-256 is ``sha256``, with its partnership
        reference, re-hashed."""
        found = self.session.execute(
            select(PartnershipRow.reference, DocumentRow)
            .join(PartnershipRow, PartnershipRow.id == DocumentRow.partnership_id)
            .where(DocumentRow.sha256 == sha256.lower())
            .order_by(DocumentRow.id)
        ).all()
        return [(ref, check_document(doc, ref)) for ref, doc in found]

    # Listing without contents (status over thousands of partnerships) ---------------------
    def _plain(self, query: Any) -> list[Any]:
        """Plain rows through the session's connection (no ORM result processing: several
        times faster over tens of thousands of rows), fetched at once, as named tuples (a
        field read costs a tenth of a SQLAlchemy row's, and `status` reads millions)."""
        return plain_rows(self.session, query)

    def summaries(self, ids: list[int] | None = None) -> list[Any]:
        """Plain rows by reference, in one query: id, reference, title, stage, and of the file
        only its language and term (start_date, duration_months, notice_months, renewal),
        read inside the database (the rest of the file is neither sent nor parsed)."""
        table = PartnershipRow.__table__
        names = ("language", "start_date", "duration_months", "notice_months", "renewal")
        types = (String, String, Integer, Integer, String)
        if self.session.get_bind().dialect.name == "postgresql":
            # One jsonb_to_record per row: each ->> would unpack the stored file again.
            term = (
                func.jsonb_to_record(table.c.spec)
                .table_valued(*(column(n, t) for n, t in zip(names, types, strict=True)))
                .render_derived(name="term", with_types=True)
            )
            fields = [term.c[n] for n in names]
            source: Any = table.join(term, true())
        else:
            fields = [
                (
                    table.c.spec[n].as_integer() if t is Integer else table.c.spec[n].as_string()
                ).label(n)
                for n, t in zip(names, types, strict=True)
            ]
            source = table
        query = (
            select(table.c.id, table.c.reference, table.c.title, table.c.stage, *fields)
            .select_from(source)
            .order_by(table.c.reference)
        )
        if ids is not None:
            query = query.where(among(self.session, table.c.id, ids))
        return list(self._plain(query))

    def findings_by_partnership(self, ids: list[int] | None = None) -> dict[int, list[Any]]:
        """Findings grouped by partnership id, in one query (all partnerships when None)."""
        query = select(
            FindingRow.partnership_id,
            FindingRow.code,
            FindingRow.severity,
            FindingRow.factor,
            FindingRow.stage,
            FindingRow.path,
            FindingRow.params,
        ).order_by(FindingRow.partnership_id, FindingRow.id)
        if ids is not None:
            query = query.where(among(self.session, FindingRow.partnership_id, ids))
        return _grouped(self._plain(query))

    def document_summaries_by_partnership(
        self, ids: list[int] | None = None
    ) -> dict[int, list[Any]]:
        """Document versions (kind, version, language, filename, SHA-256) grouped by
        partnership id, in one query that reads neither the contents nor the inputs (the index
        ix_documents_summary alone)."""
        query = select(
            DocumentRow.partnership_id,
            DocumentRow.kind,
            DocumentRow.version,
            DocumentRow.language,
            DocumentRow.filename,
            DocumentRow.sha256,
        ).order_by(DocumentRow.partnership_id, DocumentRow.kind, DocumentRow.version)
        if ids is not None:
            query = query.where(among(self.session, DocumentRow.partnership_id, ids))
        return _grouped(self._plain(query))

    def document_versions_by_partnership(self, ids: list[int]) -> dict[int, list[Any]]:
        """:meth:`document_versions` of the partnerships ``ids`` grouped by partnership id, in
        one query (no content read, none re-hashed)."""
        query = (
            select(DocumentRow.partnership_id, DocumentRow.kind, DocumentRow.version,
                   DocumentRow.language, DocumentRow.sha256, DocumentRow.filename,
                   DocumentRow.spec_sha256)
            .where(among(self.session, DocumentRow.partnership_id, ids))
            .order_by(DocumentRow.partnership_id, DocumentRow.kind, DocumentRow.version)
        )  # fmt: skip
        return _grouped(self._plain(query))

    def gate_facts(self, ids: list[int]) -> list[Any]:
        """What deciding a gate needs of each partnership ``ids``, as plain rows: id, the file's
        hash, the gates' rounds, and of the file only who decides (``parties``: the JSON text
        ``{"partners": [{"key": ...}], "governance": {"steering_committee": ...}}``, built
        inside the database, for :class:`schemas.GateParties` to validate as JSON, without
        a Python object in between)."""
        table = PartnershipRow.__table__
        if self.session.get_bind().dialect.name == "postgresql":
            partner = func.jsonb_array_elements(table.c.spec["partners"]).table_valued("value")
            keys: Any = (
                select(func.coalesce(
                    func.jsonb_agg(func.jsonb_build_object("key", partner.c.value.op("->")("key"))),
                    literal_column("'[]'::jsonb"),
                ))
                .select_from(partner)
                .scalar_subquery()
            )  # fmt: skip
            parties: Any = func.jsonb_build_object(
                "partners", keys, "governance",
                func.jsonb_build_object(
                    "steering_committee", table.c.spec[("governance", "steering_committee")]
                ),
            ).cast(String)  # fmt: skip
        else:
            each = func.json_each(table.c.spec, literal("$.partners")).table_valued("value")
            keys = (
                select(func.json_group_array(
                    func.json_object("key", func.json_extract(each.c.value, "$.key"))
                ))
                .select_from(each)
                .scalar_subquery()
            )  # fmt: skip
            committee = func.json_extract(table.c.spec, "$.governance.steering_committee")
            parties = func.json_object(
                "partners", func.json(keys), "governance",
                func.json_object("steering_committee", func.json(committee)),
            )  # fmt: skip
        query = select(
            table.c.id, table.c.spec_sha256, table.c.rounds,
            type_coerce(parties, String).label("parties"),
        ).where(among(self.session, table.c.id, ids))  # fmt: skip
        return list(self._plain(query))

    def decisions_by_partnership(
        self, ids: list[int], gates: Iterable[str]
    ) -> dict[int, list[Any]]:
        """The decisions at ``gates`` of the partnerships ``ids`` (gate, round, who, outcome,
        document), grouped by partnership id, in the order they were taken."""
        query = (
            select(DecisionRow.partnership_id, DecisionRow.gate, DecisionRow.round,
                   DecisionRow.decider, DecisionRow.role, DecisionRow.partner_key,
                   DecisionRow.outcome, DecisionRow.document_sha256)
            .where(among(self.session, DecisionRow.partnership_id, ids),
                   DecisionRow.gate.in_(list(gates)))
            .order_by(DecisionRow.partnership_id, DecisionRow.id)
        )  # fmt: skip
        return _grouped(self._plain(query))

    def document_hashes_by_partnership(
        self, ids: list[int], kinds: Iterable[str]
    ) -> dict[int, list[Any]]:
        """The versions of ``kinds`` of the partnerships ``ids`` with their language, hash and
        file hash (from the index ix_documents_summary: no content read, none re-hashed),
        grouped by partnership id, by version."""
        query = (
            select(DocumentRow.partnership_id, DocumentRow.kind, DocumentRow.language,
                   DocumentRow.version, DocumentRow.sha256, DocumentRow.spec_sha256)
            .where(among(self.session, DocumentRow.partnership_id, ids),
                   DocumentRow.kind.in_(list(kinds)))
            .order_by(DocumentRow.partnership_id, DocumentRow.version)
        )  # fmt: skip
        return _grouped(self._plain(query))

    def open_schedule_by_partnership(
        self, ids: list[int] | None = None, kinds: Iterable[str] | None = None
    ) -> dict[int, list[Any]]:
        """What is still to come (not done; of ``kinds`` only when given), by date, grouped
        by partnership id: kind, subject and ``due_on`` as ISO text (``2027-07-15``, written
        by the database: no date object made to be written back)."""
        due_on = ScheduleRow.due_on
        if self.session.get_bind().dialect.name == "postgresql":
            iso: Any = func.to_char(due_on, literal("YYYY-MM-DD"))
        else:  # stored as ISO text
            iso = type_coerce(due_on, String)
        query = (
            select(ScheduleRow.partnership_id, ScheduleRow.kind, ScheduleRow.subject,
                   type_coerce(iso, String).label("due_on"))
            .where(ScheduleRow.done_at.is_(None))
            .order_by(ScheduleRow.partnership_id, due_on, ScheduleRow.id)  # ties: as written
        )  # fmt: skip
        if ids is not None:
            query = query.where(among(self.session, ScheduleRow.partnership_id, ids))
        if kinds is not None:
            query = query.where(ScheduleRow.kind.in_(list(kinds)))
        return _grouped(self._plain(query))

    # Schedule ------------------------------------------------------------------------------
    def schedule(self, row: PartnershipRow) -> list[ScheduleRow]:
        return list(
            self.session.scalars(
                select(ScheduleRow)
                .where(ScheduleRow.partnership_id == row.id)
                .order_by(ScheduleRow.due_on)
            )
        )


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
    record = _record(tuple(result.keys()))
    return list(map(record._make, result.all()))


def streamed_rows(session: Session, query: Any, size: int = 100) -> Iterator[Any]:
    """The rows of a Core ``query`` as named tuples, ``size`` at a time (a server-side
    cursor on PostgreSQL): for rows too large to hold all at once, such as documents."""
    result = session.connection().execution_options(stream_results=True, yield_per=size)
    rows = result.execute(query)
    record = _record(tuple(rows.keys()))
    for part in rows.partitions():
        yield from map(record._make, part)


@functools.cache
def _record(fields: tuple[str, ...]) -> Any:
    """The named tuple of a query's columns (one class for each set of columns)."""
    return collections.namedtuple("Record", fields, rename=True)


def _grouped(rows: Any) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = {}
    for row in rows:
        grouped.setdefault(row.partnership_id, []).append(row)
    return grouped
