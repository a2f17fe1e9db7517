"""What retries the failed automatic work of a partnership, in words (`status REF` and the
notice of a failure, :mod:`coopact.usecases.failed_work`)."""

from __future__ import annotations


def retried_by(reference: str) -> str:
    """What retries the failed work of ``reference`` (coopact.usecases.failed_work)."""
    return (
        f"it is retried by the next decision on {reference}, `coopact advance {reference}` "
        "and the advance-all deployment, until it succeeds"
    )
