"""The portfolio as rows, one per partnership: what `coopact export portfolio` writes.

Columns: reference, title, kind, partners, start, end, renewal, notice deadline, contract
value (the contributions' amounts and values, in euros), stage, awaited, next review,
blocking findings. Read by batches (the status views, and the stored files of the same
partnerships in one query a batch): memory stays flat over thousands of partnerships.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from coopact.services.queries import status_views
from coopact.store.uow import UnitOfWork

COLUMNS = (
    "reference",
    "title",
    "kind",
    "partners",
    "start",
    "end",
    "renewal",
    "notice_deadline",
    "contract_value_eur",
    "stage",
    "awaited",
    "next_review",
    "blocking_findings",
)
BATCH = 1000


def rows(uow_factory: Any) -> Iterator[dict[str, Any]]:
    """One row per partnership, by reference (``uow_factory``: a new unit of work)."""
    batch: list[Any] = []
    for view in status_views(uow_factory()):
        batch.append(view)
        if len(batch) == BATCH:
            yield from _rows(uow_factory(), batch)
            batch = []
    if batch:
        yield from _rows(uow_factory(), batch)


def _rows(uow: UnitOfWork, views: Sequence[Any]) -> Iterator[dict[str, Any]]:
    with uow:
        files = uow.portal.specs([v.reference for v in views])
    for view in views:
        yield row(view, files.get(view.reference, {}))


def row(view: Any, spec: dict[str, Any]) -> dict[str, Any]:
    """The row of one partnership from its status view and its stored file."""
    renewal = view.renewal or {}
    reviews = sorted(str(d) for d in view.next_reviews or [])
    return {
        "reference": view.reference,
        "title": view.title,
        "kind": spec.get("kind", ""),
        "partners": "; ".join(str(p.get("name", "")) for p in spec.get("partners", [])),
        "start": str(spec.get("start_date", "")),
        "end": str(view.end_date or ""),
        "renewal": str(renewal.get("kind") or ""),
        "notice_deadline": str(renewal.get("notice_deadline") or ""),
        "contract_value_eur": contract_value(spec),
        "stage": view.stage,
        "awaited": view.awaiting or "",
        "next_review": reviews[0] if reviews else "",
        "blocking_findings": sum(f["severity"] == "blocking" for f in view.findings),
    }


def contract_value(spec: dict[str, Any]) -> Decimal:
    """The sum of the contributions' amounts (cash) and values (in kind, skills)."""
    total = Decimal(0)
    for contribution in spec.get("contributions", []):
        given = contribution.get("amount_eur") or contribution.get("value_eur")
        try:
            total += Decimal(str(given)) if given is not None else 0
        except InvalidOperation:
            continue
    return total
