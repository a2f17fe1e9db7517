"""SQL of the personal links (decision, health-check and schedule links): ``uow.links``."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopact.store.tables import (
    ConditionRow,
    DecisionLinkRow,
    PartnershipRow,
)


class LinkRepository:
    """``uow.links``: the rows of the links sent (never their tokens)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def by_token(self, token_id: str) -> DecisionLinkRow | None:
        return self.session.scalar(
            select(DecisionLinkRow).where(DecisionLinkRow.token_id == token_id)
        )

    def partnership(self, link: DecisionLinkRow) -> PartnershipRow:
        row = self.session.get(PartnershipRow, link.partnership_id)
        assert row is not None  # a foreign key
        return row

    def of_partnership(self, partnership_id: int) -> list[DecisionLinkRow]:
        return list(
            self.session.scalars(
                select(DecisionLinkRow)
                .where(DecisionLinkRow.partnership_id == partnership_id)
                .order_by(DecisionLinkRow.id)
            )
        )

    def of_round(self, partnership_id: int, gate: str, round_: int) -> list[DecisionLinkRow]:
        return list(
            self.session.scalars(
                select(DecisionLinkRow).where(
                    DecisionLinkRow.partnership_id == partnership_id,
                    DecisionLinkRow.gate == gate,
                    DecisionLinkRow.round == round_,
                )
            )
        )

    def open_of(
        self, partnership_ids: Collection[int], gates: Collection[str]
    ) -> list[DecisionLinkRow]:
        """The links not revoked of these partnerships at these gates."""
        return list(
            self.session.scalars(
                select(DecisionLinkRow)
                .where(
                    DecisionLinkRow.partnership_id.in_(list(partnership_ids)),
                    DecisionLinkRow.gate.in_(list(gates)),
                    DecisionLinkRow.revoked_at.is_(None),
                )
                .order_by(DecisionLinkRow.id)
            )
        )

    def to_remind(self) -> list[DecisionLinkRow]:
        """The links still valid, never reminded, with an address."""
        return list(
            self.session.scalars(
                select(DecisionLinkRow).where(
                    DecisionLinkRow.revoked_at.is_(None),
                    DecisionLinkRow.reminded_at.is_(None),
                    DecisionLinkRow.email.is_not(None),
                )
            )
        )

    def add_all(self, links: Sequence[DecisionLinkRow]) -> None:
        self.session.add_all(links)
        self.session.flush()

    def conditions_of(self, decision_id: int) -> list[ConditionRow]:
        """The conditions a go with conditions set, in the order given."""
        return list(
            self.session.scalars(
                select(ConditionRow)
                .where(ConditionRow.decision_id == decision_id)
                .order_by(ConditionRow.id)
            )
        )
