"""The portfolio's filters, sort and page, read from the query string."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from urllib.parse import urlencode

from coopact.entrypoints.web.portfolio import PER_PAGE, stages_awaiting
from coopact.store.portfolio import SORTS, PortfolioFilter


def read_filter(params: Mapping[str, str]) -> tuple[PortfolioFilter, dict[str, str]]:
    """The filter to run, and the values to show back in the form (and in page links)."""
    shown = {
        key: params.get(key, "")[:200]
        for key in ("stage", "awaited", "q", "blocking", "review_before", "sort")
    }
    stages = [shown["stage"]] if shown["stage"] else []
    if shown["awaited"]:
        awaiting = stages_awaiting(shown["awaited"])
        stages = [s for s in stages if s in awaiting] if stages else awaiting
        stages = stages or ["-"]  # a stage that awaits another gate: nothing matches
    try:
        before = dt.date.fromisoformat(shown["review_before"]) if shown["review_before"] else None
    except ValueError:
        before, shown["review_before"] = None, ""
    page_number = int(params["page"]) if params.get("page", "").isdigit() else 1
    page_number = max(1, min(page_number, 100_000))
    wanted = PortfolioFilter(
        stages=stages,
        query=shown["q"],
        blocking=shown["blocking"] == "1",
        review_before=before,
        sort=shown["sort"] if shown["sort"] in SORTS else "attention",
        offset=(page_number - 1) * PER_PAGE,
        limit=PER_PAGE,
    )
    shown["page"] = str(page_number)
    return wanted, shown


def page_link(shown: Mapping[str, str], page_number: int) -> str:
    kept = {k: v for k, v in shown.items() if v and k != "page"}
    return "/?" + urlencode({**kept, "page": page_number})
