"""Personal data on SQLite and PostgreSQL: the audit chain names people by pseudonymous ids
and holds reasons as hashes; `coopact erase PERSON` is refused while a partnership naming
them runs, and after a closing past the retention removes the name from every table and
the outbox while `coopact audit verify` stays clean."""

from __future__ import annotations

import datetime as dt
import json
from email.message import EmailMessage

import pytest
from sqlalchemy import LargeBinary, select, text

from coopact import services
from coopact.entrypoints.web import portfolio
from coopact.services.mail import enqueue, queued
from coopact.store.db import make_engine
from coopact.store.schema import metadata
from coopact.store.uow import UnitOfWork
from tests.integration.after_signature_helpers import REF, TEMPLATES, active

PERSON = "Inès Benali"
REASON = f"Avis de {PERSON} sur la revue : joignable au 06 12 34 56 78"


def _uow(cli) -> UnitOfWork:  # type: ignore[no-untyped-def]
    return UnitOfWork.for_engine(make_engine(cli.database_url))


def _vote(cli, name: str, outcome: str, reason: str | None = None):  # type: ignore[no-untyped-def]
    return cli(
        "decide", REF, "review", "--as", name, "--role", "committee_member",
        "--outcome", outcome, "--reason", reason or f"Avis de {name}", check=True,
    )  # fmt: skip


def _in_review(cli) -> UnitOfWork:  # type: ignore[no-untyped-def]
    uow = _uow(cli)
    active(uow)
    services.review_due(uow, dt.date(2027, 7, 15))
    services.advance(uow, REF, templates=TEMPLATES, today=dt.date(2027, 7, 15))
    return uow


def _chain_text(cli) -> str:  # type: ignore[no-untyped-def]
    engine = make_engine(cli.database_url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT actor, payload FROM audit_events")).all()
    engine.dispose()
    return "\n".join(
        f"{actor} {json.dumps(payload, ensure_ascii=False)}" for actor, payload in rows
    )


def _tables_naming(cli, needle: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Every table whose text or JSON columns mention ``needle`` (binary documents aside)."""
    engine = make_engine(cli.database_url)
    found = []
    with engine.connect() as conn:
        for table in metadata.sorted_tables:
            columns = [c for c in table.columns if not isinstance(c.type, LargeBinary)]
            for row in conn.execute(select(*columns)):
                if (
                    needle.casefold()
                    in json.dumps([str(v) for v in row], ensure_ascii=False).casefold()
                ):
                    found.append(table.name)
                    break
    engine.dispose()
    return found


def _history(cli) -> str:  # type: ignore[no-untyped-def]
    return cli("history", REF, check=True).stdout


def test_the_chain_holds_no_name_or_reason_and_erase_waits_for_the_closing(cli) -> None:
    uow = _in_review(cli)
    _vote(cli, PERSON, "go", REASON)
    refused = cli(
        "decide", REF, "review", "--as", "Paul Intrus", "--role", "committee_member",
        "--outcome", "go", "--reason", "Je passe par là",
    )  # fmt: skip
    assert refused.returncode == 1
    chain = _chain_text(cli)
    assert PERSON not in chain and "Benali" not in chain
    assert "06 12 34 56 78" not in chain and "Paul Intrus" not in chain
    history = _history(cli)
    assert f"decider: {PERSON}" in history and "06 12 34 56 78" in history
    assert "by Paul Intrus (committee_member)" in history
    actors = [e.actor for e in portfolio.partnership(uow, REF).timeline]  # the portal
    assert f"{PERSON} (committee_member)" in actors
    assert not [a for a in actors if "p-" in a]
    assert cli("audit", "verify").returncode == 0

    erase = cli("erase", PERSON)
    assert erase.returncode == 1
    assert f"{REF} names them and is in_review, not closed" in erase.stderr
    assert PERSON in _history(cli)


def test_erase_after_the_closing_past_retention(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    uow = _in_review(cli)
    for name in ("Claire Martin", "Marc Lefèvre", PERSON):
        _vote(cli, name, "no_go", REASON if name == PERSON else None)
    for key, name in (("tremplin", "Paul Durand"), ("logistix", "Marc Lefèvre")):
        cli(
            "decide", REF, "exit_acknowledgement", "--as", name, "--role", "signatory",
            "--for", key, "--outcome", "acknowledge", "--reason", "Pris acte", check=True,
        )  # fmt: skip
    assert json.loads(cli("status", REF, "--json", check=True).stdout)["stage"] == "closed"
    outbox = cli.home / "outbox"
    outbox.mkdir(parents=True, exist_ok=True)
    for to, stem in (("ines@example.org", "to-ines"), ("claire@example.org", "to-claire")):
        mail = EmailMessage()
        mail["To"], mail["Subject"] = to, f"{REF} : compte rendu"
        who = PERSON if stem == "to-ines" else "Claire Martin"
        mail.set_content(f"Bonjour {who},\nLe comité s'est réuni.")
        (outbox / f"{stem}.eml").write_bytes(bytes(mail))
        mail["Message-ID"] = f"<{stem}@coopact>"  # and the same, still in the mail queue
        with uow:
            enqueue(uow, mail)
            uow.commit()

    late = cli(
        "decide", REF, "review", "--as", PERSON, "--role", "committee_member",
        "--outcome", "go", "--reason", "Encore moi, 06 12 34 56 78",
    )  # fmt: skip
    assert late.returncode == 1  # refused: recorded, its reason kept out of the chain
    cli(
        "request-decision", REF, "review", "--as", PERSON, "--role", "committee_member",
        "--outcome", "go", "--reason", "Par Prefect, 06 12 34 56 78", check=True,
    )  # fmt: skip  # kept for the decide deployment, never applied

    too_soon = cli("erase", PERSON)  # default retention: ten years
    assert too_soon.returncode == 1
    assert f"{REF} names them and ended on" in too_soon.stderr and "kept until" in too_soon.stderr

    assert {"decisions", "decision_requests", "partnership_files", "personal_texts"} <= set(
        _tables_naming(cli, "Benali")
    )
    monkeypatch.setenv("COOPACT_RETENTION_DAYS", "0")
    erased = cli("erase", PERSON)
    assert erased.returncode == 0, erased.stderr
    assert f"{PERSON} erased from {REF}" in erased.stdout
    assert "legal obligation" in erased.stdout
    assert _tables_naming(cli, "Benali") == []
    assert _tables_naming(cli, "06 12 34 56 78") == []
    assert not (outbox / "to-ines.eml").exists() and (outbox / "to-claire.eml").exists()
    assert "1 from the mail queue" in erased.stdout
    assert [m.message_id for m in queued(uow)] == ["<to-claire@coopact>"]
    history = _history(cli)
    assert "Benali" not in history and "decider: [effacé]" in history
    assert "reason: [effacé]" in history and "decider: Claire Martin" in history
    assert services.documents(uow, REF)  # the documents stay
    verified = cli("audit", "verify")
    assert verified.returncode == 0, verified.stderr
    assert "person.erased" in history
    assert "Benali" not in _chain_text(cli)
