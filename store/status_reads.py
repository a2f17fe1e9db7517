"""What `coopact status`, `history` and `audit verify` read (``uow.status``), and the
one-screen overview's four queries (:func:`overview_facts`): reads only."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopact.store import audit, people, pseudonyms
from coopact.store.anchors import AnchorLog
from coopact.store.audit_tables import AuditEventRow
from coopact.store.keys import Keyring
from coopact.store.rows import among
from coopact.store.status_facts import AfterSignatureRows, after_signature
from coopact.store.tables import ConditionRow, PartnershipRow, PersonalTextRow
from coopact.store.verification import AuditReport, verify_everything


class StatusReads:
    """The status and history queries, on one session."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def ids(self) -> list[int]:
        """Every partnership's id, by reference."""
        query = select(PartnershipRow.id).order_by(PartnershipRow.reference)
        return list(self.session.scalars(query))

    def events(self, reference: str) -> list[AuditEventRow]:
        """A partnership's events, oldest first."""
        return audit.events(self.session, reference)

    def kept_texts(self, digests: set[str]) -> dict[str, str]:
        return people.kept_texts(self.session, digests)

    def kept_names(self, person_ids: set[str] | None = None) -> dict[str, str]:
        """Person id -> the name kept apart from the chain (of ``person_ids`` when given)."""
        if person_ids is None:
            return people.kept_names(self.session)
        if not person_ids:
            return {}
        rows = self.session.execute(
            select(PersonalTextRow.person_id, PersonalTextRow.text).where(
                PersonalTextRow.sha256 == pseudonyms.NAME,
                among(self.session, PersonalTextRow.person_id, sorted(person_ids)),
            )
        )
        return {pid: text for pid, text in rows if pid}

    def verify(self, keyring: Keyring, anchor: AnchorLog | None) -> AuditReport:
        """The chain against the key and every anchor, and the tables against the chain."""
        return verify_everything(self.session, keyring, anchor)

    def after_signature(
        self, ids: Sequence[int], references: Sequence[str], actions: Sequence[str]
    ) -> AfterSignatureRows:
        """The after-signature rows (:func:`coopact.store.status_facts.after_signature`)."""
        return after_signature(self.session, ids, references, actions)

    def adopted_conditions(self, partnership_id: int) -> list[ConditionRow]:
        """The conditions adopted at go_with_conditions reviews, by due date."""
        return list(
            self.session.scalars(
                select(ConditionRow)
                .where(ConditionRow.partnership_id == partnership_id,
                       ConditionRow.adopted.is_(True))
                .order_by(ConditionRow.due_on, ConditionRow.id)
            )
        )  # fmt: skip
