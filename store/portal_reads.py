"""What the officers' pages read (``uow.portal``): the portfolio's page of partnerships and
the few columns its lines need, a partnership's timeline and evidence, the file hashes that
key the portal's cache of partners' names. Reads only, in the caller's transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopact.store import audit
from coopact.store import portfolio as portfolio_queries
from coopact.store.audit_tables import AuditEventRow
from coopact.store.portfolio import PortfolioFilter
from coopact.store.rows import among, plain_rows
from coopact.store.tables import (
    DocumentRow,
    EvidenceRow,
    FindingRow,
    PartnershipFileRow,
    PartnershipRow,
)


def _grouped(rows: list[Any]) -> dict[int, list[Any]]:
    found: dict[int, list[Any]] = {}
    for row in rows:
        found.setdefault(row.partnership_id, []).append(row)
    return found


class PortalReads:
    """The officers' pages' queries, on one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def page(self, wanted: PortfolioFilter, today: dt.date) -> tuple[list[tuple[int, str]], int]:
        """One page of the portfolio (id, reference), in order, and how many match."""
        return portfolio_queries.page(self.session, wanted, today)

    def lines(self, ids: Sequence[int]) -> list[Any]:
        """Plain rows by reference: id, reference, title, stage, the file's hash and of the
        file only its language (read inside the database)."""
        p, f = PartnershipRow.__table__, PartnershipFileRow.__table__
        query = (
            select(p.c.id, p.c.reference, p.c.title, p.c.stage, p.c.spec_sha256,
                   f.c.spec["language"].as_string().label("language"))
            .join_from(p, f, f.c.partnership_id == p.c.id)
            .where(among(self.session, p.c.id, list(ids)))
            .order_by(p.c.reference)
        )  # fmt: skip
        return plain_rows(self.session, query)

    def blocking_findings(self, ids: Sequence[int]) -> dict[int, list[Any]]:
        """The blocking findings of ``ids`` (code, path, severity, stage), by partnership id,
        in stored order: a finding's most serious row is a blocking one when it has one, so
        these are all that a count of blocking findings, once each, needs."""
        f = FindingRow
        query = (
            select(f.partnership_id, f.code, f.path, f.severity, f.stage)
            .where(among(self.session, f.partnership_id, list(ids)), f.severity == "blocking")
            .order_by(f.partnership_id, f.id)
        )
        return _grouped(plain_rows(self.session, query))

    def specs(self, references: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The stored files of ``references``, each re-hashed (an altered one is refused)."""
        return portfolio_queries.specs(self.session, references) if references else {}

    def events(self, references: Sequence[str], actions: Sequence[str]) -> dict[str, list[Any]]:
        """The events of ``actions`` of ``references``, oldest first, by reference."""
        return audit.events_by_reference(self.session, references, actions=actions)

    def timeline(self, reference: str, offset: int, limit: int) -> tuple[list[Any], int]:
        """One page of a partnership's audit trail, newest first, as plain rows (seq, at,
        action, actor: not the payloads or hashes), and its length."""
        e = AuditEventRow
        where = e.reference == reference
        total = self.session.scalar(select(func.count()).select_from(e).where(where)) or 0
        query = (
            select(e.seq, e.at, e.action, e.actor)
            .where(where)
            .order_by(e.seq.desc())
            .offset(offset)
            .limit(limit)
        )
        return plain_rows(self.session, query), total

    def document_list(self, partnership_id: int) -> list[Any]:
        """A partnership's documents as its page lists them (id, kind, version, filename,
        the recorded SHA-256), by kind and version, without their contents: a download
        re-hashes the one it reads."""
        d = DocumentRow
        query = (
            select(d.id, d.kind, d.version, d.filename, d.sha256)
            .where(d.partnership_id == partnership_id)
            .order_by(d.kind, d.version)
        )
        return plain_rows(self.session, query)

    def evidence(self, partnership_id: int) -> list[EvidenceRow]:
        """The evidence kept for a partnership (uploaded documents, in stored order)."""
        query = select(EvidenceRow).where(EvidenceRow.partnership_id == partnership_id)
        return list(self.session.scalars(query))

    def evidence_item(self, item_id: object) -> EvidenceRow | None:
        """One piece of evidence by its id, or None."""
        return self.session.get(EvidenceRow, item_id)
