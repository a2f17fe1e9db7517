"""The records the repositories hand out, named for the annotations of the code above the
store (which imports neither SQLAlchemy nor :mod:`store.tables`).

A record is read field by field; the fields a use case sets (a partnership's stage, a
decision's erased reason) are written with the unit of work's transaction. Every query,
insert and delete is a repository's method (``uow.partnerships``, ``uow.officers``...)."""

from __future__ import annotations

from coopact.store.audit_tables import AuditEventRow
from coopact.store.tables import (
    AmendmentRow,
    ConditionRow,
    DecisionLinkRow,
    DecisionRequestRow,
    DecisionRow,
    DocumentRow,
    FindingRow,
    PartnershipRow,
    ScheduleRow,
)

__all__ = [
    "AmendmentRow",
    "AuditEventRow",
    "ConditionRow",
    "DecisionLinkRow",
    "DecisionRequestRow",
    "DecisionRow",
    "DocumentRow",
    "FindingRow",
    "PartnershipRow",
    "ScheduleRow",
]
