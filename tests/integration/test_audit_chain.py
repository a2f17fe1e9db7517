"""The audit log is append-only in the database, and `coopact audit verify` finds tampering."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from coopact import services
from coopact.adapters.config import settings
from coopact.store.db import make_engine
from coopact.store.uow import UnitOfWork
from tests.conftest import EXAMPLE

DROP_TRIGGERS = {
    "sqlite": [
        "DROP TRIGGER audit_events_no_update",
        "DROP TRIGGER audit_events_no_delete",
    ],
    "postgresql": ["DROP TRIGGER audit_events_no_change ON audit_events"],
}


@pytest.fixture
def registered(cli):
    cli("init", check=True)
    cli("new", str(EXAMPLE), check=True)
    services.advance(
        UnitOfWork.for_url(cli.database_url), "P-2027-001", templates=settings().templates
    )
    cli(  # a refused decision adds an event of its own
        "decide", "P-2027-001", "signature", "--as", "Paul Durand", "--role", "signatory",
        "--for", "tremplin", "--outcome", "sign", "--reason", "x",
    )  # fmt: skip
    cli(
        "decide", "P-2027-001", "vision_approval", "--as", "Claire Martin", "--role", "sponsor",
        "--for", "tremplin", "--outcome", "approve", "--reason", "Vision partagée validée",
    )  # fmt: skip
    engine = make_engine(cli.database_url)
    yield engine
    engine.dispose()


def _tamper(engine, *statements: str) -> None:
    with engine.begin() as conn:
        for statement in DROP_TRIGGERS[engine.dialect.name]:
            conn.execute(text(statement))
        for statement in statements:
            conn.execute(text(statement))


def test_untouched_chain_verifies(cli, registered) -> None:
    result = cli("audit", "verify")
    assert result.returncode == 0
    assert "5 events verified" in result.stdout  # registered, document, work, refused, decision


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_events SET actor = 'mallory' WHERE seq = 2",
        "DELETE FROM audit_events WHERE seq = 2",
    ],
)
def test_the_database_refuses_updates_and_deletes(registered, sql) -> None:
    with pytest.raises(DBAPIError, match="append-only"), registered.begin() as conn:
        conn.execute(text(sql))


def test_an_update_is_found(cli, registered) -> None:
    _tamper(registered, "UPDATE audit_events SET actor = 'mallory' WHERE seq = 2")
    result = cli("audit", "verify")
    assert result.returncode == 1
    assert "event 2" in result.stderr
    assert "altered" in result.stderr


def test_a_payload_change_is_found(cli, registered) -> None:
    new_payload = '{"outcome": "reject"}'
    _tamper(registered, f"UPDATE audit_events SET payload = '{new_payload}' WHERE seq = 3")
    result = cli("audit", "verify")
    assert result.returncode == 1
    assert "event 3" in result.stderr


def test_a_deletion_is_found(cli, registered) -> None:
    _tamper(registered, "DELETE FROM audit_events WHERE seq = 2")
    result = cli("audit", "verify")
    assert result.returncode == 1
    assert "event 2 is missing" in result.stderr


def test_an_inserted_row_is_found(cli, registered) -> None:
    _tamper(  # make room for a forged event 2 (two steps: seq is unique)
        registered,
        "UPDATE audit_events SET seq = seq + 1000 WHERE seq >= 2",
        "UPDATE audit_events SET seq = seq - 999 WHERE seq >= 1000",
    )
    with registered.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_events (seq, at, reference, actor, action, payload, prev_hash, hash) "
                "VALUES (2, CURRENT_TIMESTAMP, 'P-2027-001', 'mallory', 'decision.recorded', '{}', "
                ":prev, :hash)"
            ),
            {"prev": "f" * 64, "hash": "e" * 64},
        )
    result = cli("audit", "verify")
    assert result.returncode == 1
    assert "event 2" in result.stderr


def test_an_event_forged_at_the_end_is_found(cli, registered) -> None:
    with registered.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO audit_events (seq, at, reference, actor, action, payload, prev_hash, hash) "
                "VALUES (6, CURRENT_TIMESTAMP, 'P-2027-001', 'mallory', 'gate.closed', '{}', "
                "(SELECT hash FROM audit_events WHERE seq = 5), :hash)"
            ),
            {"hash": "e" * 64},
        )
    result = cli("audit", "verify")
    assert result.returncode == 1
    assert "event 6" in result.stderr


EDIT_ONE_LETTER = {  # one byte of the file's stored text, its recorded hash left alone
    "sqlite": "UPDATE partnership_files SET spec = replace(spec, 'urbaine', 'urbainE')",
    "postgresql": "UPDATE partnership_files SET spec = replace(spec::text, 'urbaine', 'urbainE')::jsonb",
}


def test_one_letter_of_the_stored_file_changed_is_found(cli, registered) -> None:
    """`audit verify` reads each file as its stored text (decoded only to be re-hashed):
    one letter changed in that text is named, on SQLite and on PostgreSQL."""
    with registered.begin() as conn:
        conn.execute(text(EDIT_ONE_LETTER[registered.dialect.name]))
        changed = conn.execute(text("SELECT spec FROM partnership_files")).scalar_one()
    assert "urbainE" in str(changed)
    result = cli("audit", "verify")
    assert result.returncode == 1
    assert "the stored file of partnership P-2027-001 was edited in the database" in result.stderr
    assert result.stderr.count("P-2027-001") == 1  # nothing else is named
