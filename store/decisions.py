"""Repository of what a decision writes: the decision row (exactly once), its conditions,
the evidence it was recorded on, over one SQLAlchemy session (``uow.decisions``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Protocol

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from coopact.store.tables import ConditionRow, DecisionRow, EvidenceRow, PartnershipRow


class ConditionLike(Protocol):  # read-only: a frozen Condition is one
    @property
    def what(self) -> str: ...
    @property
    def owner(self) -> str: ...
    @property
    def due_on(self) -> dt.date: ...
    @property
    def indicator(self) -> str | None: ...


class DecisionRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, row: PartnershipRow, **fields: Any) -> DecisionRow | None:
        """Insert one decision of ``row`` in a savepoint; None when the same decision
        (its idempotency key) was recorded concurrently: the transaction stays usable."""
        try:
            with self.session.begin_nested():
                recorded = DecisionRow(partnership_id=row.id, **fields)
                self.session.add(recorded)
                self.session.flush()
        except IntegrityError:
            return None
        return recorded

    def add_conditions(
        self,
        row: PartnershipRow,
        decision: DecisionRow,
        round_: int,
        conditions: Iterable[ConditionLike],
    ) -> None:
        for condition in conditions:
            self.session.add(
                ConditionRow(
                    partnership_id=row.id,
                    decision_id=decision.id,
                    round=round_,
                    what=condition.what,
                    owner=condition.owner,
                    due_on=condition.due_on,
                    indicator=condition.indicator,
                )
            )

    def add_evidence(
        self,
        row: PartnershipRow,
        *,
        filename: str,
        media_type: str,
        sha256: str,
        content: bytes,
        uploaded_by: str,
    ) -> None:
        """Keep the piece a decision recorded on someone's behalf rests on."""
        self.session.add(
            EvidenceRow(
                partnership_id=row.id,
                filename=filename[-200:],
                media_type=media_type[:100],
                sha256=sha256,
                content=content,
                uploaded_by=uploaded_by,
            )
        )
