"""The stored files of a batch of partnerships (the portfolio export reads them)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.tables import PartnershipRow


def specs(session: Session, references: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The validated file of each of ``references``, by reference."""
    rows = session.execute(
        select(PartnershipRow.reference, PartnershipRow.spec).where(
            PartnershipRow.reference.in_(list(references))
        )
    )
    return {reference: spec for reference, spec in rows}
