"""Must show: after the real `coopact advance` (a Prefect flow run) on the example, the
sponsor's link in the outbox opens a page with the vision note's SHA-256; approving
records `vision_approval approve` for that sponsor via the personal link; the same link
again records nothing; `coopact history` names the channel."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from coopact.adapters.mail.transports import OutboxTransport
from coopact.entrypoints.web import Portal, create_app
from coopact.store.db import make_engine
from coopact.store.keys import load_keyring
from coopact.store.tables import DecisionRow
from coopact.store.uow import UnitOfWork
from tests.conftest import EXAMPLE
from tests.e2e.test_prefect_server import _coopact, _env
from tests.portal_support import LINK, TEMPLATES, csrf_of

pytestmark = pytest.mark.e2e


def test_the_sponsor_link_from_the_outbox_after_coopact_advance(
    prefect_server: str, tmp_path: Path
) -> None:
    env = {**_env(tmp_path, prefect_server), "COOPACT_PUBLIC_URL": "http://testserver"}
    env.pop("COOPACT_SECRET_KEY", None)
    _coopact(env, "init")
    _coopact(env, "new", str(EXAMPLE))
    assert "Awaiting: vision_approval" in _coopact(env, "advance", "P-2027-001").stderr

    mails = [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        for p in (tmp_path / "outbox").glob("*.eml")
    ]
    claire = next(m for m in mails if "c.martin@tremplin.example" in str(m["To"]))
    body = claire.get_content()  # type: ignore[attr-defined]
    match = LINK.search(body)
    assert match, body
    path = match.group(1).removeprefix("http://testserver")

    engine = make_engine(env["COOPACT_DATABASE_URL"])
    with UnitOfWork.for_engine(engine) as uow:
        row = uow.partnerships.get("P-2027-001")
        note = uow.partnerships.documents(row, "vision_note")[-1]
    assert note.sha256 in body
    # The key file the CLI made (its env had no key), for the links and the audit chain
    # alike: a key store without the key that signed the chain writes nothing.
    keyring = load_keyring(tmp_path, {})
    portal = Portal(
        uow=lambda: UnitOfWork.for_engine(engine, keyring=keyring),
        keyring=keyring,
        templates=TEMPLATES,
        transport=lambda: OutboxTransport(tmp_path / "outbox"),
        public_url="http://testserver",
    )
    browser = TestClient(create_app(portal))
    page = browser.get(path)
    assert page.status_code == 200 and note.sha256 in page.text
    data = {"csrf": csrf_of(page.text), "outcome": "approve", "reason": "Vision approuvée."}
    assert browser.post(path, data=data).status_code == 200
    assert browser.post(path, data=data).status_code == 410
    with UnitOfWork.for_engine(engine) as uow:
        decisions = uow.session.scalars(select(DecisionRow)).all()
        assert [(d.gate, d.outcome, d.decider, d.channel) for d in decisions] == [
            ("vision_approval", "approve", "Claire Martin", "link")
        ]
    engine.dispose()
    history = _coopact(env, "history", "P-2027-001").stdout
    assert "channel: personal decision link (token " in history
