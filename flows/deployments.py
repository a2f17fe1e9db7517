"""The deployments `coopact serve` offers on one machine (the fleet uses prefect.yaml and a
`process` work pool instead). Entrypoints are module paths (``coopact.flows.lifecycle:decide``),
so that they do not depend on the working directory."""

from __future__ import annotations

from prefect import serve
from prefect.schedules import Cron
from prefect.types.entrypoint import EntrypointType

import coopact.flows  # noqa: F401 - prepares Prefect's environment
from coopact.flows.lifecycle import advance_partnership, decide
from coopact.flows.money import money_due, record_payment
from coopact.flows.portfolio import advance_all
from coopact.flows.reviews import review_due, review_report

TIMEZONE = "Europe/Paris"
MODULE = EntrypointType.MODULE_PATH


def deployments(review_cron: str = "0 6 * * *") -> list:  # type: ignore[type-arg]
    return [
        advance_partnership.to_deployment(
            name="advance-partnership",
            description="Run the automatic work of a partnership up to its next gate.",
            tags=["coopact"],
            entrypoint_type=MODULE,
        ),
        advance_all.to_deployment(
            name="advance-all",
            description="Advance every partnership that has automatic work to do, in one run.",
            tags=["coopact"],
            entrypoint_type=MODULE,
        ),
        decide.to_deployment(
            name="decide",
            description=(
                "Apply a decision kept by `coopact request-decision` (the form takes its id;"
                " names and reasons stay in coopact's database)."
            ),
            tags=["coopact"],
            entrypoint_type=MODULE,
        ),
        review_due.to_deployment(
            name="review-due",
            description="Open the Go/noGo reviews that are due, then write their reports.",
            schedule=Cron(review_cron, timezone=TIMEZONE),
            tags=["coopact"],
            entrypoint_type=MODULE,
        ),
        money_due.to_deployment(
            name="money-due",
            description="Mail the calls for funds and the reminders of late instalments, once.",
            schedule=Cron("30 6 * * *", timezone=TIMEZONE),
            tags=["coopact"],
            entrypoint_type=MODULE,
        ),
        record_payment.to_deployment(
            name="record-payment",
            description=(
                "Record a payment received (partner key, amount, date, bank reference; who"
                " records it by role and pseudonym) and issue its tax receipt on the worker."
            ),
            tags=["coopact"],
            entrypoint_type=MODULE,
        ),
        review_report.to_deployment(
            name="review-report",
            description=(
                "Write the review reports of a chunk of open reviews, each once (submitted by"
                " review-due)."
            ),
            tags=["coopact"],
            entrypoint_type=MODULE,
        ),
    ]


def serve_all(review_cron: str = "0 6 * * *") -> None:
    serve(*deployments(review_cron), pause_on_shutdown=False)
