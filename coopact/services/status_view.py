"""Where one partnership stands, as the status commands, the portal and the API show it:
built by :mod:`coopact.services.status_build`, handed out by
:func:`coopact.services.queries.status_views`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class StatusView:
    reference: str
    title: str
    stage: str
    awaiting: str | None
    awaited_from: list[str]
    findings: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    next_dates: list[dict[str, Any]] = field(default_factory=list)
    # The method scorecard (14 elements), computed for one partnership asked by reference.
    scorecard: list[dict[str, Any]] = field(default_factory=list)
    # The blocking findings that keep the stage's gate from opening ("code at path").
    blocked: list[str] = field(default_factory=list)
    end_date: str | None = None
    next_reviews: list[str] = field(default_factory=list)
    renewal: dict[str, Any] = field(default_factory=dict)
    conditions: list[dict[str, Any]] = field(default_factory=list)
    overdue: list[str] = field(default_factory=list)
    avenants: list[dict[str, Any]] = field(default_factory=list)
    # The work a decision set going that failed, waiting to be retried (stage, gate, error,
    # failed_at, attempts, retried_by); None when nothing failed.
    failed_work: dict[str, Any] | None = None

    def as_json(self) -> dict[str, Any]:
        return self.__dict__.copy()
