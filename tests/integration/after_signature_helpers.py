"""Shared set-up of the after-signature tests: an active partnership with a three-member
comité de pilotage (consensus), reviewed through the real use cases."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from typing import Any

import yaml
from docx import Document

from coopact import services
from coopact.adapters.config import settings
from coopact.adapters.loading import load_text
from coopact.contracts.deciders import Decider
from coopact.contracts.lifecycle import Gate, Outcome, Stage
from coopact.contracts.roles import Role
from coopact.entrypoints.cli.demo import demo_file
from coopact.store.uow import UnitOfWork

REF = "P-2027-001"
TEMPLATES = settings().templates
MEMBERS = [
    {"partner": "tremplin", "name": "Claire Martin", "votes": 1},
    {"partner": "logistix", "name": "Marc Lefèvre", "votes": 1},
    {"partner": "tremplin", "name": "Inès Benali", "votes": 1},
]
OFFICER = "Sophie Garnier"


def partnership_data(change: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    data = yaml.safe_load(demo_file())
    data["governance"]["steering_committee"]["members"] = [dict(m) for m in MEMBERS]
    data["people"].append(
        {"name": OFFICER, "email": "sophie@example.org", "roles": ["partnership_officer"]}
    )
    if change:
        change(data)
    return data


def active(uow: UnitOfWork, change: Callable[[dict[str, Any]], None] | None = None) -> None:
    """Registered, then (setup shortcut) signed, then activated by the real stage work."""
    text = yaml.safe_dump(partnership_data(change), allow_unicode=True, sort_keys=False)
    services.register(uow, load_text(text), actor="officer")
    with uow:
        uow.partnerships.get(REF).stage = Stage.signed.value
        uow.commit()
    result = services.advance(uow, REF, templates=TEMPLATES, today=dt.date(2026, 12, 1))
    assert result.stage == "active", result


def open_review(uow: UnitOfWork, day: dt.date) -> None:
    [opened] = services.review_due(uow, day)
    assert opened.kind == "review"
    services.advance(uow, REF, templates=TEMPLATES, today=day)


def vote(uow: UnitOfWork, name: str, outcome: Outcome, **kwargs: Any) -> services.DecisionResult:
    return services.decide(
        uow, REF, Gate.review, Decider(name, Role.committee_member), outcome,
        f"Vote de {name}", **kwargs,
    )  # fmt: skip


def text_of(uow: UnitOfWork, kind: str) -> str:
    content = services.document_content(uow, REF, kind).content
    document = Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)
