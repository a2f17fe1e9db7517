"""Reading where partnerships stand: status, history, documents, the audit chain."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from contracts import lifecycle
from contracts.errors import Refused
from contracts.findings import Severity
from contracts.lifecycle import Stage
from coopact.services._common import (
    _finding,
    partnership_of,
)
from coopact.services.decisions import _awaited
from store import audit
from store.tables import (
    DocumentRow,
    PartnershipRow,
)

__all__ = ["StatusView", "document_content", "documents", "history", "status", "verify_audit"]
from store.uow import UnitOfWork


# --------------------------------------------------------------------------- status
@dataclass
class StatusView:
    reference: str
    title: str
    stage: str
    awaiting: str | None
    awaited_from: list[str]
    findings: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    next_dates: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


def status(uow: UnitOfWork, reference: str | None = None) -> list[StatusView]:
    """Where each partnership stands. Four queries whatever the number of partnerships
    (partnerships, findings, document summaries, open schedule), plus the decisions of
    those waiting at a gate; plain rows (no ORM objects) and no document content read."""
    with uow:
        repo = uow.partnerships
        if reference:
            ids: list[int] | None = [repo.get(reference).id]
        else:
            ids = None
        rows = repo.summaries(ids)
        findings = repo.findings_by_partnership(ids)
        documents = repo.document_summaries_by_partnership(ids)
        schedule = repo.open_schedule_by_partnership(ids)
        return [
            _status_of(
                uow,
                row,
                findings.get(row.id, []),
                documents.get(row.id, []),
                schedule.get(row.id, []),
            )
            for row in rows
        ]


def _status_of(
    uow: UnitOfWork,
    row: Any,
    finding_rows: list[Any],
    document_rows: list[Any],
    schedule_rows: list[Any],
) -> StatusView:
    stage = Stage(row.stage)
    spec = lifecycle.awaited_gate(stage)
    language = str((row.spec or {}).get("language") or "fr")
    awaiting, awaited_from = None, []
    if spec is not None:
        awaiting = f"{spec.gate.value}: {spec.description}"
        full = uow.session.get(PartnershipRow, row.id)  # the few waiting at a gate
        assert full is not None
        awaited_from = _awaited(uow, full, partnership_of(full), spec.gate)
    elif stage is Stage.signed:
        awaiting = "automatic work: governance set-up (`coopact advance`)"
    findings = [
        {
            "code": f.code,
            "severity": f.severity,
            "factor": f.factor,
            "stage": f.stage,
            "path": f.path,
            "message": _finding(f).text(language),
        }
        for f in finding_rows
    ]
    order = {Severity.blocking.value: 0, Severity.warning.value: 1, Severity.info.value: 2}
    findings.sort(key=lambda f: order.get(f["severity"], 3))
    documents = [
        {
            "kind": d.kind,
            "version": d.version,
            "language": d.language,
            "filename": d.filename,
            "sha256": d.sha256,
        }
        for d in _latest_documents(document_rows)
    ]
    next_dates = [
        {"kind": s.kind, "subject": s.subject, "due_on": s.due_on.isoformat()}
        for s in schedule_rows
    ][:5]
    return StatusView(
        row.reference, row.title, row.stage, awaiting, awaited_from, findings, documents, next_dates
    )


def _latest_documents(rows: list[Any]) -> list[Any]:
    latest: dict[tuple[str, str], Any] = {}
    for row in rows:
        key = (row.kind, row.language)
        if key not in latest or row.version > latest[key].version:
            latest[key] = row
    return sorted(latest.values(), key=lambda d: d.kind)


# --------------------------------------------------------------------------- history, documents
def history(uow: UnitOfWork, reference: str) -> list[dict[str, Any]]:
    with uow:
        uow.partnerships.get(reference)
        return [
            {
                "seq": e.seq,
                "at": e.at.isoformat(timespec="seconds"),
                "actor": e.actor,
                "action": e.action,
                "payload": e.payload,
            }
            for e in audit.events(uow.session, reference)
        ]


def documents(uow: UnitOfWork, reference: str) -> list[DocumentRow]:
    with uow:
        return uow.partnerships.documents(uow.partnerships.get(reference))


def document_content(
    uow: UnitOfWork, reference: str, kind: str, version: int | None = None
) -> DocumentRow:
    with uow:
        rows = uow.partnerships.documents(uow.partnerships.get(reference), kind)
        if version is not None:
            rows = [r for r in rows if r.version == version]
        if not rows:
            raise Refused(
                f"{reference} has no {kind} document" + (f" version {version}" if version else "")
            )
        return rows[-1]


def verify_audit(uow: UnitOfWork) -> tuple[int, audit.Break | None]:
    with uow:
        return audit.verify(audit.events(uow.session))
