"""A partnership at its first gate, its mails in an outbox, and the portal serving it.

``advance`` here is the service the advance-partnership flow calls (no Prefect server):
the work of the draft stage, then one mail per sponsor with their personal link.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine

from coopact import services
from coopact.adapters.loading import load_text
from coopact.adapters.mail.notify import OutboxTransport
from coopact.entrypoints.cli.demo import demo_file
from coopact.entrypoints.web import Portal, create_app
from coopact.services import users
from coopact.store.db import make_engine
from coopact.store.keys import Keyring, load_keyring
from coopact.store.uow import UnitOfWork

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
PASSWORD = "un mot de passe solide"
LINK = re.compile(r"(https?://\S+/d/[A-Za-z0-9_.\-]+)")


@dataclass
class Setup:
    home: Path
    engine: Engine
    reference: str
    keyring: Keyring
    portal: Portal

    def uow(self) -> UnitOfWork:
        return UnitOfWork.for_engine(self.engine)

    @property
    def outbox(self) -> Path:
        return self.home / "outbox"

    def mails(self) -> list[email.message.EmailMessage]:
        return [
            email.message_from_bytes(p.read_bytes(), policy=email.policy.default)  # type: ignore[misc]
            for p in sorted(self.outbox.glob("*.eml"), key=lambda p: p.stat().st_mtime_ns)
        ]

    def link_for(self, address: str) -> str:
        """The personal link in the latest mail to ``address``."""
        found = [m for m in self.mails() if address in str(m["To"])]
        assert found, f"no mail to {address} in {self.outbox}"
        body = found[-1].get_content()
        match = LINK.search(body)
        assert match, body
        return match.group(1)

    def add_officer(self, address: str, role: str) -> None:
        users.add_user(self.uow(), address, role, PASSWORD, actor="test")


def set_up(home: Path, db_url: str, monkeypatch: pytest.MonkeyPatch, public_url: str) -> Setup:
    monkeypatch.setenv("COOPACT_HOME", str(home))
    monkeypatch.setenv("COOPACT_PUBLIC_URL", public_url)
    monkeypatch.delenv("COOPACT_SECRET_KEY", raising=False)
    monkeypatch.delenv("COOPACT_SMTP_HOST", raising=False)
    engine = make_engine(db_url)
    uow = UnitOfWork.for_engine(engine)
    partnership = load_text(demo_file(), "demo partnership")
    reference = services.register(uow, partnership, actor="test").reference
    outbox = OutboxTransport(home / "outbox")
    services.advance(
        UnitOfWork.for_engine(engine), reference, templates=TEMPLATES, transport=outbox
    )
    keyring = load_keyring(home)
    portal = Portal(
        uow=lambda: UnitOfWork.for_engine(engine),
        keyring=keyring,
        templates=TEMPLATES,
        transport=lambda: OutboxTransport(home / "outbox"),
        public_url=public_url,
    )
    return Setup(home, engine, reference, keyring, portal)


def app_of(setup: Setup):  # type: ignore[no-untyped-def]
    return create_app(setup.portal)


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert match, html
    return match.group(1)
