"""The read side without the ORM (SQLAlchemy Core on the clauses of
:mod:`coopact.store.core_tables`; issue 25, "the read side is fast"): a unit of work for
reading only, on one connection, that `coopact history`, `documents` and `status REF` read
through, and the one-screen overview's queries (:func:`overview_facts`, `coopact status`).

It answers as :class:`coopact.store.uow.UnitOfWork` does for those reads
(``with reads:``; ``reads.partnerships.get``, ``.documents``, ``.findings`` and the batch
reads of `status`; ``reads.status.events``, ``.kept_texts``, ``.kept_names``, ``.ids``,
``.after_signature``; ``reads.failed_work.by_partnership``; ``reads.scorecards``;
``reads.keyring``), and keeps
the trust rule: a partnership file and each document are re-hashed when read and refused
when altered (:mod:`coopact.store.file_checks`). On SQLite its transaction begins deferred
(execution option ``coopact_reading``, :mod:`coopact.store.db`): it never waits for a writer.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from types import TracebackType
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select, text
from sqlalchemy.exc import DBAPIError

from coopact.contracts.errors import NotFound
from coopact.store import pseudonyms
from coopact.store.anchors import AnchorLog
from coopact.store.core_tables import (
    audit_events,
    decisions,
    documents,
    findings,
    partnership_files,
    partnerships,
)
from coopact.store.core_tables import personal_texts as texts
from coopact.store.db import database_exists
from coopact.store.document_reads import SignatureReads, documents_with_hash
from coopact.store.file_checks import check_document, check_spec
from coopact.store.keys import Keyring
from coopact.store.partnership_listing import PartnershipListing
from coopact.store.scorecards import StoredScorecards
from coopact.store.status_facts import AfterSignatureRows, after_signature, failed_work_of
from coopact.store.verification import AuditReport, anchor_again, verify_everything


class ReadPartnership:
    """A partnership as the read side sees it: its file re-hashed on reading, its
    decisions (id, decider, reason; by id) read when first asked for."""

    def __init__(self, conn: Connection, row: Any) -> None:
        check_spec(row.reference, row.spec, row.spec_sha256)
        self._conn = conn
        self.id: int = row.id
        self.reference: str = row.reference
        self.stage: str = row.stage
        self.spec: dict[str, Any] = row.spec
        self.spec_sha256: str = row.spec_sha256

    @cached_property
    def decisions(self) -> list[Any]:
        c = decisions.c
        query = select(c.id, c.decider, c.reason).where(c.partnership_id == self.id)
        return list(self._conn.execute(query.order_by(c.id)))


class PartnershipReads(PartnershipListing):
    """A partnership by reference, its documents and findings; the batch reads of `status`
    (:class:`~coopact.store.partnership_listing.PartnershipListing`)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = self.session = conn

    def get(self, reference: str) -> ReadPartnership:
        c, f = partnerships.c, partnership_files.c
        query = (
            select(c.id, c.reference, c.stage, f.spec, c.spec_sha256)
            .join_from(partnerships, partnership_files, f.partnership_id == c.id)
            .where(c.reference == reference)
        )
        row = self.conn.execute(query).first()
        if row is None:
            raise NotFound(f"no partnership {reference}; `coopact status` lists the partnerships")
        return ReadPartnership(self.conn, row)

    def documents(self, row: ReadPartnership, kind: str | None = None) -> list[Any]:
        """The partnership's documents (of ``kind``), by kind and version, each re-hashed."""
        c = documents.c
        query = select(
            c.id, c.partnership_id, c.kind, c.version, c.language, c.filename, c.media_type,
            c.sha256, c.spec_sha256, c.content, c.inputs, c.created_at,
        ).where(c.partnership_id == row.id)  # fmt: skip
        if kind is not None:
            query = query.where(c.kind == kind)
        found = self.conn.execute(query.order_by(c.kind, c.version))
        return [check_document(d, row.reference) for d in found]

    def findings(self, row: ReadPartnership) -> list[Any]:
        """The partnership's stored findings, in the order they were stored."""
        c = findings.c
        query = select(c.code, c.severity, c.factor, c.stage, c.path, c.params)
        return list(self.conn.execute(query.where(c.partnership_id == row.id).order_by(c.id)))

    def documents_with_hash(self, sha256: str) -> list[tuple[str, Any]]:
        """Every stored version with SHA-256 ``sha256``, with its reference, re-hashed."""
        return documents_with_hash(self.conn, sha256)


class EventReads:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def ids(self) -> list[int]:
        """Every partnership's id, by reference."""
        c = partnerships.c
        return list(self.conn.scalars(select(c.id).order_by(c.reference)))

    def after_signature(
        self, ids: Sequence[int], references: Sequence[str], actions: Sequence[str]
    ) -> AfterSignatureRows:
        return after_signature(self.conn, ids, references, actions)

    def events(self, reference: str) -> list[Any]:
        """A partnership's events (seq, at, reference, actor, action, payload), oldest first."""
        c = audit_events.c
        query = select(c.seq, c.at, c.reference, c.actor, c.action, c.payload)
        return list(self.conn.execute(query.where(c.reference == reference).order_by(c.seq)))

    def kept_texts(self, digests: set[str]) -> dict[str, str]:
        if not digests:
            return {}
        query = select(texts.c.sha256, texts.c.text).where(texts.c.sha256.in_(sorted(digests)))
        return {digest: text for digest, text in self.conn.execute(query)}

    def kept_names(self, person_ids: set[str] | None = None) -> dict[str, str]:
        """Person id -> the name kept apart from the chain (of ``person_ids`` when given)."""
        query = select(texts.c.person_id, texts.c.text).where(texts.c.sha256 == pseudonyms.NAME)
        if person_ids is not None:
            if not person_ids:
                return {}
            query = query.where(texts.c.person_id.in_(sorted(person_ids)))
        return {pid: text for pid, text in self.conn.execute(query) if pid}

    def verify(self, keyring: Keyring, anchor: AnchorLog | None) -> AuditReport:
        """The chain against the key and every anchor, and the tables against the chain."""
        return verify_everything(self.conn, keyring, anchor)

    def anchor_again(self, keyring: Keyring, anchor: AnchorLog) -> AuditReport:
        """`coopact audit anchor` (:func:`coopact.store.verification.anchor_again`): it
        writes the anchor log only, never the database."""
        return anchor_again(self.conn, keyring, anchor)


class FailedWorkReads:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def by_partnership(self, ids: list[int]) -> dict[int, Any]:
        return failed_work_of(self.conn, ids)


class ReadOnlyUnitOfWork:
    """One read-only transaction on ``engine`` (``with reads: ...``); nothing is written.
    ``keyring`` (or a function giving it, called when first needed) names people and
    verifies the chain; ``anchor`` gives the anchor log it is held against."""

    partnerships: PartnershipReads
    status: EventReads
    failed_work: FailedWorkReads
    acts: SignatureReads
    scorecards: StoredScorecards

    def __init__(
        self,
        engine: Engine,
        *,
        keyring: Keyring | Callable[[], Keyring],
        anchor: Callable[[Keyring], AnchorLog | None] | None = None,
    ) -> None:
        self._engine = engine
        self._keyring = keyring
        self._anchor = anchor
        self._conn: Connection | None = None

    @property
    def keyring(self) -> Keyring:
        if not isinstance(self._keyring, Keyring):
            self._keyring = self._keyring()
        return self._keyring

    @property
    def anchor(self) -> AnchorLog | None:
        return None if self._anchor is None else self._anchor(self.keyring)

    def __enter__(self) -> ReadOnlyUnitOfWork:
        self._conn = self._engine.execution_options(coopact_reading=True).connect()
        self.partnerships = PartnershipReads(self._conn)
        self.status = EventReads(self._conn)
        self.failed_work = FailedWorkReads(self._conn)
        self.acts = SignatureReads(self._conn)
        self.scorecards = StoredScorecards(self._conn, self._engine)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._conn is not None:
            self._conn.close()  # rolls back: nothing was written
            self._conn = None


def last_key_id(engine: Engine) -> str | None:
    """The key that signed the database's last keyed event (None when there is none, or
    no database yet: nothing is created to find out)."""
    if not database_exists(engine):
        return None
    c = audit_events.c
    try:
        with engine.connect() as conn:
            return conn.execute(
                select(c.key_id).where(c.key_id.is_not(None)).order_by(c.seq.desc()).limit(1)
            ).scalar()
    except DBAPIError:  # not initialised yet: no events
        return None


@dataclass
class OverviewFacts:
    """The overview's rows: findings counted by (partnership id, stage, severity); the
    adopted conditions (partnership id, what, owner, due_on, met_on); each partnership (id,
    reference, title, stage, the stage of its failed work or None), by reference; and
    (partnership id, document kind) of the documents made from the current file, for the
    partnerships ``evidence_for`` names."""

    findings: list[Any]
    conditions: list[Any]
    partnerships: list[Any]
    evidence: set[tuple[int, str]] = field(default_factory=set)


def overview_facts(
    engine: Engine, evidence_for: Callable[[OverviewFacts], list[int]]
) -> OverviewFacts:
    """The overview's four queries on one connection (SQLAlchemy Core, no ORM)."""
    with engine.connect() as conn:
        facts = OverviewFacts(
            findings=list(conn.execute(text(
                "SELECT partnership_id, stage, severity, count(*) FROM findings "
                "GROUP BY partnership_id, stage, severity"
            ))),
            conditions=list(conn.execute(text(
                "SELECT partnership_id, what, owner, due_on, met_on FROM conditions "
                "WHERE adopted"
            ))),
            partnerships=list(conn.execute(text(
                "SELECT p.id, p.reference, p.title, p.stage, f.stage FROM partnerships p "
                "LEFT JOIN failed_work f ON f.partnership_id = p.id ORDER BY p.reference"
            ))),
        )  # fmt: skip
        ids = evidence_for(facts)
        if ids:
            # A document's file hash is stored after its content, so reading it costs
            # reading the content (SQLite): only the partnerships asked for are read.
            query = text(
                "SELECT DISTINCT d.partnership_id, d.kind FROM documents d "
                "JOIN partnerships p ON p.id = d.partnership_id "
                "WHERE d.spec_sha256 = p.spec_sha256 AND d.partnership_id IN :ids"
            ).bindparams(bindparam("ids", expanding=True))
            facts.evidence = {(pid, kind) for pid, kind in conn.execute(query, {"ids": ids})}
    return facts
