"""The officers' portfolio as one query: filtered, sorted and paged by the database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, String, and_, cast, exists, func, or_, select
from sqlalchemy.orm import QueryableAttribute, Session

from coopact.store.file_checks import PartnershipFileTampered, spec_problem
from coopact.store.tables import FindingRow, PartnershipFileRow, PartnershipRow, ScheduleRow

SORTS = ("attention", "reference", "title", "stage", "updated", "next_review")


@dataclass(frozen=True)
class PortfolioFilter:
    stages: Sequence[str] = ()  # only these stages (a gate awaited: the stages awaiting it)
    query: str = ""  # in the reference or the title
    blocking: bool = False  # only those with a blocking finding at their stage
    review_before: dt.date | None = None  # only those with a review due by then
    sort: str = "attention"
    offset: int = 0
    limit: int = 50


def page(
    session: Session, wanted: PortfolioFilter, today: dt.date
) -> tuple[list[tuple[int, str]], int]:
    """One page of partnerships (id, reference), in order, and how many match in all."""
    p = PartnershipRow
    blocking = exists().where(  # as `coopact status` counts them: every stage's
        FindingRow.partnership_id == p.id, FindingRow.severity == "blocking"
    )
    open_review = and_(
        ScheduleRow.partnership_id == p.id,
        ScheduleRow.kind == "review",
        ScheduleRow.done_at.is_(None),
    )
    next_review = select(func.min(ScheduleRow.due_on)).where(open_review).scalar_subquery()
    overdue = p.id.in_(  # one list of ids for the page, not a subquery for each partnership
        select(ScheduleRow.partnership_id).where(
            ScheduleRow.done_at.is_(None), ScheduleRow.due_on < today
        )
    )
    conditions: list[ColumnElement[bool]] = []
    if wanted.stages:
        conditions.append(p.stage.in_(list(wanted.stages)))
    if wanted.query.strip():
        needle = f"%{wanted.query.strip().casefold()}%"
        conditions.append(
            or_(
                func.lower(p.reference).like(needle),
                func.lower(p.title).like(needle),
                exists().where(  # the partners' names, in the file
                    PartnershipFileRow.partnership_id == p.id,
                    func.lower(cast(PartnershipFileRow.spec, String)).like(needle),
                ),
            )
        )
    if wanted.blocking:
        conditions.append(blocking)
    if wanted.review_before is not None:
        conditions.append(exists().where(open_review, ScheduleRow.due_on <= wanted.review_before))
    orders: dict[str, list[ColumnElement[Any] | QueryableAttribute[Any]]] = {
        "attention": [overdue.desc(), p.updated_at.asc(), p.reference],
        "reference": [p.reference],
        "title": [p.title, p.reference],
        "stage": [p.stage, p.reference],
        "updated": [p.updated_at.desc(), p.reference],
        "next_review": [next_review.is_(None), next_review, p.reference],
    }
    order = orders[wanted.sort if wanted.sort in SORTS else "attention"]
    total = session.scalar(select(func.count()).select_from(p).where(*conditions)) or 0
    found = session.execute(
        select(p.id, p.reference)
        .where(*conditions)
        .order_by(*order)
        .offset(wanted.offset)
        .limit(wanted.limit)
    ).all()
    return [(pid, reference) for pid, reference in found], total


def next_review(session: Session, reference: str) -> tuple[Any, ScheduleRow | None]:
    """The partnership's row (id, reference, stage, version, rounds), locked until the end of
    the transaction, and its next scheduled review not yet held."""
    p = PartnershipRow
    row = session.execute(
        select(p.id, p.reference, p.stage, p.version, p.rounds)
        .where(p.reference == reference)
        .with_for_update()
    ).one_or_none()
    if row is None:
        return None, None
    item = session.scalars(
        select(ScheduleRow)
        .where(ScheduleRow.partnership_id == row.id, ScheduleRow.kind == "review",
               ScheduleRow.done_at.is_(None))
        .order_by(ScheduleRow.due_on, ScheduleRow.id)
        .limit(1)
    ).first()  # fmt: skip
    return row, item


def specs(session: Session, references: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The stored file of each of ``references``, by reference (the portfolio export reads
    them), each re-hashed as the ORM's load does: an altered one is refused."""
    rows = session.execute(
        select(PartnershipRow.reference, PartnershipFileRow.spec, PartnershipRow.spec_sha256)
        .join(PartnershipFileRow, PartnershipFileRow.partnership_id == PartnershipRow.id)
        .where(PartnershipRow.reference.in_(list(references)))
    )
    found: dict[str, dict[str, Any]] = {}
    for reference, spec, recorded in rows:
        problem = spec_problem(reference, spec, recorded)
        if problem:
            raise PartnershipFileTampered(
                f"{problem}. It is not used; run `coopact audit verify` and restore the "
                "database from a backup"
            )
        found[reference] = spec
    return found
