"""Control characters in a decision's reason or conditions are refused, naming the field,
at every entry point (the command line, the portal, the Prefect decision request), and
nothing is written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from html import unescape
from pathlib import Path

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient
from typer.testing import CliRunner

from coopact import services
from coopact.bootstrap import wiring
from coopact.contracts.conditions import Condition
from coopact.contracts.deciders import Decider
from coopact.contracts.errors import InvalidInput
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.services import trust
from coopact.store.audit_tables import AuditEventRow
from coopact.store.tables import DecisionRequestRow, DecisionRow, EvidenceRow
from tests.portal_support import PASSWORD, Setup, app_of, csrf_of, set_up

OFFICER = "charge@tremplin.example"
CLAIRE = Decider("Claire Martin", Role.sponsor, "tremplin")
ESC = "Nous approuvons\x1b[2J\x07 la vision."


@pytest.fixture
def setup(tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Setup]:
    made = set_up(tmp_path / "home", sqlite_url, monkeypatch, "http://testserver")
    made.add_officer(OFFICER, "partnership_officer")
    yield made
    made.engine.dispose()


def _written(setup: Setup) -> tuple[int, ...]:
    with setup.uow() as uow:
        return tuple(
            uow.session.scalar(select(func.count()).select_from(table)) or 0
            for table in (DecisionRow, DecisionRequestRow, EvidenceRow, AuditEventRow)
        )


def test_the_service_and_the_prefect_request_refuse_them(setup: Setup) -> None:
    before = _written(setup)
    with pytest.raises(InvalidInput) as refused:
        services.decide(setup.uow(), setup.reference, Gate.vision_approval, CLAIRE,
                        Outcome.approve, ESC)  # fmt: skip
    assert [p.path for p in refused.value.problems] == ["reason"]
    assert "U+001B" in str(refused.value.problems[0])
    condition = Condition("Tenir\x00 le point", "tremplin", dt.date(2027, 10, 31))
    with pytest.raises(InvalidInput) as refused:
        trust.request_decision(
            setup.uow(), setup.reference, Gate.vision_approval, CLAIRE, Outcome.approve, "Oui.",
            conditions=[condition],
        )  # fmt: skip
    assert [p.path for p in refused.value.problems] == ["conditions[0].what"]
    assert _written(setup) == before


def test_the_command_line_refuses_them_with_exit_2(
    setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coopact.entrypoints.cli.main import app

    monkeypatch.setenv("COOPACT_DATABASE_URL", setup.engine.url.render_as_string(False))
    wiring.engine.cache_clear()
    before = _written(setup)
    try:
        for command in ("decide", "request-decision"):
            result = CliRunner().invoke(
                app, [command, setup.reference, "vision_approval", "--as", "Claire Martin",
                      "--role", "sponsor", "--for", "tremplin", "--outcome", "approve",
                      "--reason", ESC],
            )  # fmt: skip
            assert result.exit_code == 2, result.output
            assert "reason" in result.stderr and "U+001B" in result.stderr
            assert "\x1b[2J" not in result.stderr
    finally:
        wiring.engine.cache_clear()
    assert _written(setup) == before


def test_the_portal_refuses_them_naming_the_field(setup: Setup) -> None:
    client = TestClient(app_of(setup), raise_server_exceptions=False)
    login = client.get("/login")
    client.post("/login", data={"csrf": csrf_of(login.text), "email": OFFICER,
                                "password": PASSWORD, "next": "/"})  # fmt: skip
    before = _written(setup)
    page = client.get(f"/p/{setup.reference}")
    refused = client.post(
        f"/p/{setup.reference}/on-behalf",
        data={"csrf": csrf_of(page.text), "person": "Claire Martin|tremplin",
              "outcome": "approve", "reason": ESC},
        files={"evidence": ("accord.eml", b"From: Claire\n\nOui.", "message/rfc822")},
    )  # fmt: skip
    assert refused.status_code == 400
    assert "reason: contains the control character U+001B" in unescape(refused.text)
    path = setup.link_for("c.martin@tremplin.example").removeprefix("http://testserver")
    own = client.get(path)
    by_link = client.post(path, data={"csrf": csrf_of(own.text), "outcome": "approve",
                                      "reason": "Oui\x00."})  # fmt: skip
    assert by_link.status_code == 400 and "U+0000" in by_link.text
    assert _written(setup) == before
