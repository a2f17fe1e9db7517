"""Reading thousands of partnerships without their contents (`status`, the portfolio):
plain rows, a handful of queries for all of them, on the Core clauses of
:mod:`coopact.store.core_tables`. Mixed into
:class:`coopact.store.repository.PartnershipRepository`, and into the read side's
:class:`coopact.store.reading.PartnershipReads` (`status REF` without the ORM)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import (
    Integer,
    String,
    column,
    func,
    literal,
    literal_column,
    select,
    true,
    type_coerce,
)

from coopact.store.core_tables import (
    decisions,
    documents,
    findings,
    partnership_files,
    partnerships,
    schedule,
)
from coopact.store.rows import among, dialect_name, grouped, plain_rows

DecisionRow, DocumentRow, FindingRow, ScheduleRow = (
    decisions.c,
    documents.c,
    findings.c,
    schedule.c,
)  # the columns, named as the tables of store/tables.py


class PartnershipListing:
    """The batch reads of :class:`~coopact.store.repository.PartnershipRepository`."""

    session: Any  # an ORM session, or the read side's connection (store/rows.py: Bind)

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
        table, files = partnerships, partnership_files
        names = ("language", "start_date", "duration_months", "notice_months", "renewal")
        types = (String, String, Integer, Integer, String)
        if dialect_name(self.session) == "postgresql":
            # One jsonb_to_record per row: each ->> would unpack the stored file again.
            term = (
                func.jsonb_to_record(files.c.spec)
                .table_valued(*(column(n, t) for n, t in zip(names, types, strict=True)))
                .render_derived(name="term", with_types=True)
            )
            fields = [term.c[n] for n in names]
            source: Any = _with_file(table, files).join(term, true())
        else:
            fields = [
                (
                    files.c.spec[n].as_integer() if t is Integer else files.c.spec[n].as_string()
                ).label(n)
                for n, t in zip(names, types, strict=True)
            ]
            source = _with_file(table, files)
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
        return grouped(self._plain(query))

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
        return grouped(self._plain(query))

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
        return grouped(self._plain(query))

    def gate_facts(self, ids: list[int]) -> list[Any]:
        """What deciding a gate needs of each partnership ``ids``, as plain rows: id, the file's
        hash, the gates' rounds, and of the file only who decides (``parties``: the JSON text
        ``{"partners": [{"key": ...}], "governance": {"steering_committee": ...}}``, built
        inside the database, for :class:`schemas.GateParties` to validate as JSON, without
        a Python object in between)."""
        table, files = partnerships, partnership_files
        if dialect_name(self.session) == "postgresql":
            partner = func.jsonb_array_elements(files.c.spec["partners"]).table_valued("value")
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
                    "steering_committee", files.c.spec[("governance", "steering_committee")]
                ),
            ).cast(String)  # fmt: skip
        else:
            each = func.json_each(files.c.spec, literal("$.partners")).table_valued("value")
            keys = (
                select(func.json_group_array(
                    func.json_object("key", func.json_extract(each.c.value, "$.key"))
                ))
                .select_from(each)
                .scalar_subquery()
            )  # fmt: skip
            committee = func.json_extract(files.c.spec, "$.governance.steering_committee")
            parties = func.json_object(
                "partners", func.json(keys), "governance",
                func.json_object("steering_committee", func.json(committee)),
            )  # fmt: skip
        query = (
            select(table.c.id, table.c.spec_sha256, table.c.rounds,
                   type_coerce(parties, String).label("parties"))
            .select_from(_with_file(table, files))
            .where(among(self.session, table.c.id, ids))
        )  # fmt: skip
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
        return grouped(self._plain(query))

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
        return grouped(self._plain(query))

    def open_schedule_by_partnership(
        self, ids: list[int] | None = None, kinds: Iterable[str] | None = None
    ) -> dict[int, list[Any]]:
        """What is still to come (not done; of ``kinds`` only when given), by date, grouped
        by partnership id: kind, subject and ``due_on`` as ISO text (``2027-07-15``, written
        by the database: no date object made to be written back)."""
        due_on = ScheduleRow.due_on
        if dialect_name(self.session) == "postgresql":
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
        return grouped(self._plain(query))


def _with_file(table: Any, files: Any) -> Any:
    """The partnerships joined to their files (``partnership_files``)."""
    return table.join(files, files.c.partnership_id == table.c.id)
