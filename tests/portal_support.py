"""A partnership at its first gate, its mails in an outbox, and the portal serving it.

``advance`` here is the service the advance-partnership flow calls (no Prefect server):
the work of the draft stage, then one mail per sponsor with their personal link.

``set_up`` builds it through the real use cases; ``prepared`` (the ``portal_setup``
fixture of tests/conftest.py) builds it once per session, backend and set of officers,
then gives each test its own copy (the SQLite file or a PostgreSQL database made from it as
a template, and the home folder: key file, outbox): a test changes only its copy.
"""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine

from coopact import services
from coopact.adapters.loading import load_text
from coopact.adapters.mail.transports import OutboxTransport
from coopact.entrypoints.cli.demo import demo_file
from coopact.entrypoints.web import Portal, create_app
from coopact.services import users
from coopact.store.db import make_engine
from coopact.store.keys import Keyring, load_keyring
from coopact.store.uow import UnitOfWork
from tests.conftest import PreparedStates

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
PASSWORD = "un mot de passe solide"
PUBLIC_URL = "http://testserver"  # the host of Starlette's TestClient
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
    _environment(home, monkeypatch, public_url)
    engine = make_engine(db_url)
    uow = UnitOfWork.for_engine(engine)
    partnership = load_text(demo_file(), "demo partnership")
    reference = services.register(uow, partnership, actor="test").reference
    outbox = OutboxTransport(home / "outbox")
    services.advance(
        UnitOfWork.for_engine(engine), reference, templates=TEMPLATES, transport=outbox
    )
    return _setup_of(home, engine, reference, public_url)


def _environment(home: Path, monkeypatch: pytest.MonkeyPatch, public_url: str) -> None:
    monkeypatch.setenv("COOPACT_HOME", str(home))
    monkeypatch.setenv("COOPACT_PUBLIC_URL", public_url)
    monkeypatch.delenv("COOPACT_SECRET_KEY", raising=False)  # the home's key signs
    monkeypatch.delenv("COOPACT_SMTP_HOST", raising=False)


def _setup_of(home: Path, engine: Engine, reference: str, public_url: str) -> Setup:
    keyring = load_keyring(home)
    portal = Portal(
        uow=lambda: UnitOfWork.for_engine(engine),
        keyring=keyring,
        templates=TEMPLATES,
        transport=lambda: OutboxTransport(home / "outbox"),
        public_url=public_url,
    )
    return Setup(home, engine, reference, keyring, portal)


Then = Callable[[Setup], None]


def prepared(
    request: pytest.FixtureRequest,
    backend: str,
    officers: Sequence[tuple[str, str]] = (),
    then: Then | None = None,
) -> Setup:
    """The state of ``set_up`` ("http://testserver"), with ``officers`` (address, role)
    added and ``then`` applied, copied for this test from the one built for the session;
    its engine is disposed after the test. ``then`` must be a module-level function: its
    name is part of the state's key."""
    states: PreparedStates = request.getfixturevalue("prepared_states")
    monkeypatch: pytest.MonkeyPatch = request.getfixturevalue("monkeypatch")
    key = "portal-" + "-".join(
        [f"{role}={address}" for address, role in officers]
        + ([f"{then.__module__}.{then.__qualname__}"] if then else [])
    )
    url, home = states.copy(key, backend, _builder(officers, then), request)
    _environment(home, monkeypatch, PUBLIC_URL)
    engine = make_engine(url)
    request.addfinalizer(engine.dispose)
    reference = load_text(demo_file(), "demo partnership").reference
    assert reference is not None
    return _setup_of(home, engine, reference, PUBLIC_URL)


def _builder(officers: Sequence[tuple[str, str]], then: Then | None) -> Callable[[str, Path], None]:
    def build(url: str, home: Path) -> None:
        with pytest.MonkeyPatch.context() as monkeypatch:
            setup = set_up(home, url, monkeypatch, PUBLIC_URL)
            for address, role in officers:
                setup.add_officer(address, role)
            if then is not None:
                then(setup)
            setup.engine.dispose()

    return build


def app_of(setup: Setup):  # type: ignore[no-untyped-def]
    return create_app(setup.portal)


def csrf_of(html: str) -> str:
    match = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert match, html
    return match.group(1)
