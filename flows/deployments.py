"""The deployments `coopact serve` offers: deployments point at flows/<file>.py:<flow>."""

from __future__ import annotations

from prefect import serve
from prefect.schedules import Cron

import flows  # noqa: F401 - prepares Prefect's environment
from flows.lifecycle import advance_partnership, decide, review_due

TIMEZONE = "Europe/Paris"


def deployments(review_cron: str = "0 6 * * *") -> list:  # type: ignore[type-arg]
    return [
        advance_partnership.to_deployment(
            name="advance-partnership",
            description="Run the automatic work of a partnership up to its next gate.",
            tags=["coopact"],
        ),
        decide.to_deployment(
            name="decide",
            description=(
                "Apply a decision kept by `coopact request-decision` (the form takes its id;"
                " names and reasons stay in coopact's database)."
            ),
            tags=["coopact"],
        ),
        review_due.to_deployment(
            name="review-due",
            description="Open the Go/noGo reviews that are due.",
            schedule=Cron(review_cron, timezone=TIMEZONE),
            tags=["coopact"],
        ),
    ]


def serve_all(review_cron: str = "0 6 * * *") -> None:
    serve(*deployments(review_cron), pause_on_shutdown=False)
