"""What `coopact erase PERSON` reads and deletes (services/privacy.py): every record that
may name a person, the personal texts, the queued mails."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from coopact.store.scorecard_table import ScorecardRow
from coopact.store.tables import (
    DecisionLinkRow,
    DecisionRequestRow,
    DecisionRow,
    PartnershipRow,
    PersonalTextRow,
)


class Erasure:
    """Whole tables read (the person is found by the caller's rules, in Python: names are
    compared as :func:`contracts.roles.same_person` does, not by SQL)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def partnerships(self) -> list[PartnershipRow]:
        return list(self.session.scalars(select(PartnershipRow).order_by(PartnershipRow.id)))

    def decisions(self) -> list[DecisionRow]:
        return list(self.session.scalars(select(DecisionRow)))

    def links(self) -> list[DecisionLinkRow]:
        return list(self.session.scalars(select(DecisionLinkRow)))

    def requests(self) -> list[DecisionRequestRow]:
        return list(self.session.scalars(select(DecisionRequestRow)))

    def texts(self) -> list[PersonalTextRow]:
        return list(self.session.scalars(select(PersonalTextRow)))

    def delete_texts(self, ids: Collection[int]) -> None:
        if ids:
            self.session.execute(delete(PersonalTextRow).where(PersonalTextRow.id.in_(list(ids))))

    def forget_scorecards(self, ids: Collection[int]) -> None:
        """The stored scorecards of the partnerships ``ids`` deleted: their evidence may
        quote the person (computed again from the scrubbed file when next asked)."""
        if ids:
            self.session.execute(
                delete(ScorecardRow).where(ScorecardRow.partnership_id.in_(list(ids)))
            )
