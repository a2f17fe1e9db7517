"""A blocking finding never leaves a gate awaiting without its evidence document, and no
mail announces a document that was not written (issue 14, item 4)."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path
from typing import Any

from sqlalchemy import text

from coopact import services
from coopact.adapters.config import settings
from coopact.schemas import Partnership
from coopact.store.db import make_engine
from coopact.store.uow import UnitOfWork
from tests.integration.conftest import Cli

LEGAL = {
    "name": "Sophie Roy",
    "partner": "tremplin",
    "roles": ["legal_officer"],
    "email": "s.roy@tremplin.example",
}


class Outbox:
    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []

    def send(self, message: EmailMessage) -> None:
        self.sent.append(message)


def _balanced(uow: UnitOfWork, db_url: str, data: dict[str, Any]) -> str:
    reference = services.register(uow, Partnership.model_validate(data), actor="t").reference
    engine = make_engine(db_url)
    with engine.begin() as conn:  # setup shortcut: vision and balance accepted
        conn.execute(text("UPDATE partnerships SET stage = 'balanced'"))
    engine.dispose()
    return reference


def test_a_vague_milestone_keeps_the_legal_gate_closed_and_nobody_is_mailed(
    uow: UnitOfWork, db_url: str, example_data: dict[str, Any], tmp_path: Path
) -> None:
    example_data["people"] = [LEGAL]
    example_data["milestones"][0]["title"] = "Améliorer l'insertion"
    reference = _balanced(uow, db_url, example_data)
    outbox = Outbox()
    result = services.advance(uow, reference, templates=settings().templates, transport=outbox)
    assert result.stage == "balanced"
    assert result.awaiting is None
    assert any(b.startswith("smart.title_vague at milestones[0].title") for b in result.blocked)
    assert result.new_documents == []
    assert outbox.sent == [], "no mail announces an agreement that was not written"
    view = services.status(uow, reference)[0]
    assert view.awaiting is None and view.awaited_from == []
    assert view.blocked == result.blocked
    engine = make_engine(db_url)
    line = next(o for o in services.overview.overview(engine) if o.reference == reference)
    engine.dispose()
    assert line.awaiting is not None and line.awaiting.startswith("blocked (")
    shown = Cli(tmp_path / "home", db_url)("status", reference, check=True).stdout
    assert "Awaiting" not in shown
    assert "Blocked: its gate does not open" in shown and "smart.title_vague" in shown


def test_the_same_file_without_the_vague_title_opens_the_gate_and_tells_the_legal_officer(
    uow: UnitOfWork, db_url: str, example_data: dict[str, Any]
) -> None:
    example_data["people"] = [LEGAL]
    reference = _balanced(uow, db_url, example_data)
    outbox = Outbox()
    result = services.advance(uow, reference, templates=settings().templates, transport=outbox)
    assert result.blocked == []
    assert result.awaiting is not None and result.awaiting.startswith("legal_approval")
    assert [m["To"] for m in outbox.sent] == ["Sophie Roy <s.roy@tremplin.example>"]
