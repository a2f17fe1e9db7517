"""What a person reads of a chunk of review reports in the run's log: a warning for each
report not written or written with a mail still queued, and a few summary lines — not a log
record a report, each of which the Prefect server would store."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from prefect import get_run_logger


def log_outcomes(outcomes: Sequence[dict[str, Any]]) -> None:
    """What a person reads of a chunk: a warning for each report not written or written with
    a mail still queued; the rest in a few lines (the references already written, or whose
    review is not open; the new documents counted by kind), not a record a report sent to
    the Prefect server."""
    log = get_run_logger()
    kinds: dict[str, int] = {}
    for outcome in outcomes:
        if outcome["status"] == "failed":
            log.warning(
                "%s: review report not written (%s)", outcome["reference"], outcome["detail"]
            )
        elif outcome["status"] == "written" and outcome["detail"]:  # a mail queued, a notice
            log.warning("%s: %s", outcome["reference"], outcome["detail"])
        for document in outcome["documents"]:
            kind = str(document).split(" ", 1)[0]
            kinds[kind] = kinds.get(kind, 0) + 1
    others: dict[str, list[str]] = {}  # already written, review not open, unknown
    for outcome in outcomes:
        if outcome["status"] not in ("written", "failed"):
            others.setdefault(outcome["status"], []).append(outcome["reference"])
    for status, references in others.items():
        log.info("%s: %s", status, ", ".join(references))
    if kinds:
        log.info("new documents: %s", ", ".join(f"{count} {kind}" for kind, count in kinds.items()))
