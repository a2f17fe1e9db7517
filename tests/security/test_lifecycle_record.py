"""Never cry wolf: every path a partnership takes after its signature (an avenant, an express
renewal, a no go and its exit, the erasure of a person) leaves a home that `coopact audit
verify` finds intact, on SQLite and PostgreSQL. The same lived state, copied, then stands
against the attacks of someone who holds the database but not the key (PostgreSQL
included: test_demo_attacks.py runs them on the SQLite demo)."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from sqlalchemy import select, text

from coopact import services
from coopact.adapters.config import settings
from coopact.contracts.deciders import Decider
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.entrypoints.cli.demo import DEMO_LEGAL_OFFICER
from coopact.store.anchors import AnchorLog
from coopact.store.db import make_engine
from coopact.store.keys import keyring_from_environment
from coopact.store.tables import ScheduleRow
from coopact.store.uow import UnitOfWork
from tests.conftest import PreparedStates
from tests.integration.after_signature_helpers import (
    REF,
    TEMPLATES,
    active,
    partnership_data,
    vote,
)
from tests.integration.conftest import Cli
from tests.security import forgery
from tests.security.conftest import DROP_TRIGGERS


def _uow(cli: Cli) -> UnitOfWork:
    """A unit of work as the CLI's: signed by the session's key, anchored in the home."""
    ring = keyring_from_environment()
    return UnitOfWork.for_engine(
        make_engine(cli.database_url),
        keyring=ring,
        anchor=AnchorLog(cli.home / "anchors.log", ring),
    )


def _verified(cli: Cli) -> None:
    result = cli("audit", "verify")
    assert result.returncode == 0, result.stderr
    assert "not anchored" not in result.stdout


def _sign_avenant(uow: UnitOfWork) -> None:
    services.advance(uow, REF, templates=settings().templates)  # the avenant's PDF: signed
    sha = services.document_content(uow, REF, "avenant_pdf").sha256
    for partner in partnership_data()["partners"]:
        services.decide(
            uow, REF, Gate.amendment_signature,
            Decider(partner["signatory"]["name"], Role.signatory, partner["key"]),
            Outcome.sign, "Signé", document_sha256=sha,
        )  # fmt: skip


def _avenant(cli: Cli, uow: UnitOfWork, tmp: Path) -> None:
    data = partnership_data()
    data["reviews"]["every_months"] = 4
    path = tmp / "amended.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    cli("amend", REF, str(path), "--effective-on", "2027-03-01", check=True)
    services.decide(
        uow, REF, Gate.amendment_approval, Decider(DEMO_LEGAL_OFFICER, Role.legal_officer),
        Outcome.approve, "Avenant conforme à la convention",
    )  # fmt: skip
    _sign_avenant(uow)
    assert services.status(uow, REF)[0].stage == "active"


def _renewal(uow: UnitOfWork) -> None:
    with uow:  # setup shortcut: the reviews of the first term were held
        row = uow.partnerships.get(REF)
        for item in uow.partnerships.schedule(row):
            if item.kind in ("review", "gate_milestone"):
                item.done_at = dt.datetime.now(dt.UTC)
        reminder = min(
            i.due_on for i in uow.partnerships.schedule(row) if i.kind == "renewal_reminder"
        )
        uow.commit()
    [opened] = services.review_due(uow, reminder)
    assert opened.kind == "renewal"
    for key, name in (("tremplin", "Claire Martin"), ("logistix", "Marc Lefèvre")):
        services.decide(
            uow, REF, Gate.renewal, Decider(name, Role.sponsor, key), Outcome.renew,
            "Nous renouvelons",
        )  # fmt: skip
    _sign_avenant(uow)
    assert services.status(uow, REF)[0].stage == "active"


def _lived(url: str, home: Path) -> None:
    """Active, amended by an avenant, renewed by another: the state the attacks start from."""
    cli = Cli(home, url)
    cli("init", check=True)
    uow = _uow(cli)
    active(uow)
    _avenant(cli, uow, home)
    _renewal(uow)


def test_an_avenant_then_a_renewal_verify(db_url: str, tmp_path: Path) -> None:
    cli = Cli(tmp_path / "home", db_url)
    cli("init", check=True)
    uow = _uow(cli)
    active(uow)
    _verified(cli)
    _avenant(cli, uow, tmp_path)
    _verified(cli)
    _renewal(uow)
    _verified(cli)


def test_a_no_go_its_exit_then_an_erasure_verify(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli = Cli(tmp_path / "home", db_url)
    cli("init", check=True)
    uow = _uow(cli)
    active(uow)
    services.review_due(uow, dt.date(2027, 7, 15))
    services.advance(uow, REF, templates=TEMPLATES, today=dt.date(2027, 7, 15))
    for name in ("Claire Martin", "Marc Lefèvre", "Inès Benali"):
        vote(uow, name, Outcome.no_go)
    _verified(cli)  # the exit started: what was scheduled is dropped, and recorded so
    for partner in partnership_data()["partners"]:  # each partner's signatory takes note
        services.decide(
            uow, REF, Gate.exit_acknowledgement,
            Decider(partner["signatory"]["name"], Role.signatory, partner["key"]),
            Outcome.acknowledge, "Pris acte",
        )  # fmt: skip
    assert services.status(uow, REF)[0].stage == "closed"
    _verified(cli)
    monkeypatch.setenv("COOPACT_RETENTION_DAYS", "0")
    cli("erase", "Inès Benali", check=True)
    _verified(cli)


# --------------------------------------------------------------------------- the attacks
@pytest.fixture(params=["sqlite", "postgresql"])
def lived(request: pytest.FixtureRequest, prepared_states: PreparedStates) -> Iterator[Cli]:
    url, home = prepared_states.copy("record-lived", request.param, _lived, request)
    yield Cli(home, url)


def _sql(cli: Cli, *statements: str) -> None:
    engine = make_engine(cli.database_url)
    with engine.begin() as conn:
        for statement in DROP_TRIGGERS[engine.dialect.name]:
            conn.execute(text(statement))
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


def _failed(cli: Cli) -> str:
    result = cli("audit", "verify")
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    return result.stderr


def test_the_untouched_copy_verifies(lived: Cli) -> None:
    _verified(lived)


def test_a_full_unkeyed_rewrite_with_the_anchor_log_deleted(lived: Cli) -> None:
    _sql(lived, "SELECT 1")
    forgery.rewrite_unkeyed(lived.database_url)
    (lived.home / "anchors.log").unlink()
    assert "the chain was rewritten without the key" in _failed(lived)


def test_the_anchor_log_deleted_or_cut(lived: Cli) -> None:
    log = lived.home / "anchors.log"
    lines = log.read_text().splitlines(keepends=True)
    log.write_text("".join(lines[:-2]))
    assert "its last lines were removed" in _failed(lived)
    log.unlink()
    assert "is missing or empty" in _failed(lived)


def test_a_decision_a_document_and_a_schedule_row_deleted(lived: Cli) -> None:
    engine = make_engine(lived.database_url)
    with engine.connect() as conn:
        item = conn.execute(select(ScheduleRow.kind, ScheduleRow.due_on).limit(1)).one()
    engine.dispose()
    _sql(
        lived,
        "DELETE FROM decisions WHERE id = (SELECT MAX(id) FROM decisions)",
        "DELETE FROM documents WHERE kind = 'avenant'",
        f"DELETE FROM schedule WHERE due_on = '{item.due_on.isoformat()}'",
    )
    stderr = _failed(lived)
    assert "decision " in stderr and "is missing from the table: deleted by hand" in stderr
    assert f"document avenant v1 of {REF}" in stderr
    assert f"schedule item {item.kind}" in stderr


def test_rows_deleted_after_the_last_anchor_are_counted(lived: Cli) -> None:
    """A portal account, a decision link and a decision deleted after the last anchor: the
    anchor counted each table's rows, and each table is named."""
    from coopact.services import users

    users.add_user(_uow(lived), "marie@tremplin.example", "partnership_officer", "x" * 16,
                   actor="cli")  # fmt: skip
    _verified(lived)
    _sql(
        lived,
        "DELETE FROM web_users",
        "DELETE FROM decision_links WHERE id = (SELECT MAX(id) FROM decision_links)",
        "DELETE FROM decisions WHERE id = (SELECT MAX(id) FROM decisions)",
    )
    stderr = _failed(lived)
    for table in ("web_users", "decision_links", "decisions"):
        assert f"table {table} holds" in stderr, stderr
    assert "rows were deleted by hand" in stderr


def test_the_stored_file_edited_with_its_hash_left_alone(lived: Cli) -> None:
    engine = make_engine(lived.database_url)
    with engine.begin() as conn:
        spec = conn.execute(text("SELECT spec FROM partnership_files")).scalar_one()
        if isinstance(spec, str):
            import json

            spec = json.loads(spec)
        spec["governance"]["steering_committee"]["decision_rule"] = "majority"
        from coopact.store.tables import PartnershipFileRow

        table = PartnershipFileRow.__table__
        conn.execute(table.update().values(spec=spec))
    engine.dispose()
    assert f"the stored file of partnership {REF} was edited" in _failed(lived)
    status = lived("status", REF)
    assert status.returncode == 1 and "was edited in the database" in status.stderr
    for command in ("history", "documents"):  # the read side (Core, no ORM) re-hashes it too
        read = lived(command, REF)
        assert read.returncode == 1 and "was edited in the database" in read.stderr, command


def test_the_key_replaced(lived: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COOPACT_SECRET_KEY", secrets.token_hex(32))
    assert "which the key store does not hold" in _failed(lived)
