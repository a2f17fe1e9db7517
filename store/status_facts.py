"""What a status shows of the life after the signature and of failed work, read on the Core
clauses of :mod:`coopact.store.core_tables` through an ORM session or the read side's
connection alike (:mod:`coopact.store.status_reads`, :mod:`coopact.store.reading`): `status
REF` reads them without the ORM."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from coopact.store.core_tables import amendments, audit_events, conditions, failed_work
from coopact.store.rows import among, plain_rows

if TYPE_CHECKING:
    from coopact.store.rows import Bind


@dataclass
class AfterSignatureRows:
    """The plain rows the life after the signature is shown from: the ``actions`` events
    (reference, action, payload; chain order), the adopted conditions (by partnership, due
    date) and the avenants (by partnership, number)."""

    events: list[Any] = field(default_factory=list)
    conditions: list[Any] = field(default_factory=list)
    avenants: list[Any] = field(default_factory=list)


def after_signature(
    bind: Bind, ids: Sequence[int], references: Sequence[str], actions: Sequence[str]
) -> AfterSignatureRows:
    """The after-signature rows of the partnerships ``ids`` (``references``), in three
    queries: of the audit log only the events of ``actions``."""
    found = AfterSignatureRows()
    if not ids:
        return found
    e, c, a = audit_events.c, conditions.c, amendments.c
    found.events = plain_rows(bind, (
        select(e.reference, e.action, e.payload)
        .where(among(bind, e.reference, references), e.action.in_(list(actions)))
        .order_by(e.seq)
    ))  # fmt: skip
    found.conditions = plain_rows(bind, (
        select(c.partnership_id, c.what, c.owner, c.due_on, c.indicator, c.met_on)
        .where(among(bind, c.partnership_id, ids), c.adopted.is_(True))
        .order_by(c.partnership_id, c.due_on, c.id)
    ))  # fmt: skip
    found.avenants = plain_rows(bind, (
        select(a.partnership_id, a.number, a.kind, a.status, a.effective_on, a.changed)
        .where(among(bind, a.partnership_id, ids))
        .order_by(a.partnership_id, a.number)
    ))  # fmt: skip
    return found


def failed_work_of(bind: Bind, ids: list[int]) -> dict[int, Any]:
    """The failed work of the partnerships ``ids`` (stage, gate, error, failed_at,
    attempts), by partnership id: one at most each."""
    f = failed_work.c
    query = select(f.partnership_id, f.stage, f.gate, f.error, f.failed_at, f.attempts)
    return {w.partnership_id: w for w in plain_rows(bind, query.where(f.partnership_id.in_(ids)))}
