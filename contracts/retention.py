"""How long personal data is kept: while a partnership runs, and for a retention period
after it is closed or terminated; only then may a person be erased."""

from __future__ import annotations

import datetime as dt

from coopact.contracts.lifecycle import Stage

ENDED = (Stage.closed, Stage.terminated)


def erasure_refusal(
    person: str,
    reference: str,
    stage: Stage,
    ended_on: dt.date | None,
    retention_days: int,
    today: dt.date,
) -> str | None:
    """Why ``person`` cannot be erased yet because of partnership ``reference`` (None when
    it no longer keeps them)."""
    if stage not in ENDED or ended_on is None:
        return (
            f"{person} cannot be erased: {reference} names them and is {stage.value}, "
            "not closed; personal data is kept while a partnership runs and for "
            f"{retention_days} days after it ends (COOPACT_RETENTION_DAYS)"
        )
    until = ended_on + dt.timedelta(days=retention_days)
    if today < until:
        return (
            f"{person} cannot be erased yet: {reference} names them and ended on "
            f"{ended_on.isoformat()}; it is kept until {until.isoformat()} "
            f"({retention_days} days, COOPACT_RETENTION_DAYS)"
        )
    return None
