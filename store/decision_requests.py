"""Decisions asked for through Prefect (``decision_requests``: the flow run receives only
their id) and what `documents verify FILE` reads of a stored version: the PDFs made from
an agreement, the signatures naming a hash."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopact.contracts.lifecycle import Gate, Outcome
from coopact.store.tables import DecisionRequestRow, DecisionRow, DocumentRow


class DecisionRequests:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, reference: str, request: dict[str, Any]) -> int:
        """Keep a pending request; its id (written now)."""
        pending = DecisionRequestRow(reference=reference, request=request, status="pending")
        self.session.add(pending)
        self.session.flush()
        return pending.id

    def get(self, request_id: int, *, for_update: bool = False) -> DecisionRequestRow | None:
        """The request (locked until the transaction ends with ``for_update``)."""
        return self.session.get(DecisionRequestRow, request_id, with_for_update=for_update)


class SignedVersions:
    """Which signatures name a stored version: read by `coopact documents verify FILE`."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def pdf_hashes(self, partnership_id: int) -> list[tuple[str, dict[str, Any] | None]]:
        """(SHA-256, inputs) of the partnership's agreement PDFs (their inputs name the
        agreement they were made from)."""
        rows = self.session.scalars(
            select(DocumentRow).where(
                DocumentRow.partnership_id == partnership_id, DocumentRow.kind == "agreement_pdf"
            )
        )
        return [(d.sha256, d.inputs) for d in rows]

    def signers(self, partnership_id: int, hashes: Collection[str]) -> list[str]:
        """The partner key (else the name) of each signature naming one of ``hashes``."""
        rows = self.session.scalars(
            select(DecisionRow).where(
                DecisionRow.partnership_id == partnership_id,
                DecisionRow.gate == Gate.signature.value,
                DecisionRow.outcome == Outcome.sign.value,
                DecisionRow.document_sha256.in_(list(hashes)),
            )
        )
        return [d.partner_key or d.decider for d in rows]
