"""Reading where partnerships stand: status, history, documents, the audit chain."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from contracts import lifecycle, scorecard
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
    # The method scorecard (14 elements), computed for one partnership asked by reference.
    scorecard: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return self.__dict__.copy()


def status(uow: UnitOfWork, reference: str | None = None) -> list[StatusView]:
    with uow:
        rows = [uow.partnerships.get(reference)] if reference else list(uow.partnerships.list())
        views = [_status_of(uow, row) for row in rows]
        if reference:
            views[0].scorecard = _scorecard_of(uow, rows[0])
        return views


_BALANCE_ACCEPTED = set(Stage) - {Stage.draft, Stage.vision_agreed}


def _scorecard_of(uow: UnitOfWork, row: PartnershipRow) -> list[dict[str, Any]]:
    """The 14-element method scorecard, from the file and every stored finding (the last
    review's included), recomputed each time it is asked."""
    partnership = partnership_of(row)
    language = partnership.language.value
    stored = [_finding(f) for f in uow.partnerships.findings(row)]
    scores = scorecard.scorecard(
        partnership, stored, language, balance_accepted=Stage(row.stage) in _BALANCE_ACCEPTED
    )
    return scorecard.as_json(scores, language)


def _status_of(uow: UnitOfWork, row: PartnershipRow) -> StatusView:
    partnership = partnership_of(row)
    stage = Stage(row.stage)
    spec = lifecycle.awaited_gate(stage)
    awaiting, awaited_from = None, []
    if spec is not None:
        awaiting = f"{spec.gate.value}: {spec.description}"
        awaited_from = _awaited(uow, row, partnership, spec.gate)
    elif stage is Stage.signed:
        awaiting = "automatic work: governance set-up (`coopact advance`)"
    findings = [
        {
            "code": f.code,
            "severity": f.severity,
            "factor": f.factor,
            "stage": f.stage,
            "path": f.path,
            "message": _finding(f).text(partnership.language.value),
        }
        for f in uow.partnerships.findings(row)
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
        for d in _latest_documents(uow.partnerships.documents(row))
    ]
    next_dates = [
        {"kind": s.kind, "subject": s.subject, "due_on": s.due_on.isoformat()}
        for s in uow.partnerships.schedule(row)
        if s.done_at is None
    ][:5]
    return StatusView(
        row.reference, row.title, row.stage, awaiting, awaited_from, findings, documents, next_dates
    )


def _latest_documents(rows: list[DocumentRow]) -> list[DocumentRow]:
    latest: dict[tuple[str, str], DocumentRow] = {}
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
