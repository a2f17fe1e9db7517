"""The threat suite's ground: a partnership at the signature gate (agreement v1 approved,
its packet prepared), written through the real use cases with the audit chain signed by the
session's key and anchored in ``$COOPACT_HOME/anchors.log`` (as the CLI does), on SQLite
and PostgreSQL. The attacker has write access to the database only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, select, text

from coopact import services
from coopact.adapters.config import settings
from coopact.adapters.loading import load_text
from coopact.contracts.deciders import Decider
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.entrypoints.cli.demo import DEMO_LEGAL_OFFICER, demo_file
from coopact.store.anchors import AnchorLog
from coopact.store.audit_tables import AuditEventRow
from coopact.store.db import make_engine
from coopact.store.keys import keyring_from_environment
from coopact.store.tables import DocumentRow
from coopact.store.uow import UnitOfWork
from tests.conftest import PreparedStates
from tests.integration.conftest import Cli

REF = "P-2027-001"
DROP_TRIGGERS = {
    "sqlite": ["DROP TRIGGER audit_events_no_update", "DROP TRIGGER audit_events_no_delete"],
    "postgresql": [
        "DROP TRIGGER audit_events_no_change ON audit_events",
        "DROP TRIGGER audit_events_no_truncate ON audit_events",
    ],
}


@dataclass
class Ground:
    cli: Cli
    engine: Engine
    agreement_sha256: str

    def uow(self) -> UnitOfWork:
        ring = keyring_from_environment()
        return UnitOfWork.for_engine(
            self.engine, keyring=ring, anchor=AnchorLog(self.cli.home / "anchors.log", ring)
        )

    def sql(self, *statements: str, **params: object) -> None:
        """The attacker: triggers dropped first, then raw SQL."""
        with self.engine.begin() as conn:
            for statement in DROP_TRIGGERS[self.engine.dialect.name]:
                conn.execute(text(statement))
            for statement in statements:
                conn.execute(text(statement), params)

    def last_seq(self) -> int:
        with self.engine.connect() as conn:
            return int(
                conn.execute(select(AuditEventRow.seq).order_by(AuditEventRow.seq.desc())).first()[
                    0
                ]
            )  # type: ignore[index]

    def agreement(self) -> DocumentRow:
        with self.uow() as uow:
            return uow.session.scalars(
                select(DocumentRow).where(DocumentRow.kind == "agreement")
            ).one()

    def signed_pdf(self) -> DocumentRow:
        """The agreement's PDF, the file the signatories sign."""
        with self.uow() as uow:
            return uow.session.scalars(
                select(DocumentRow).where(DocumentRow.kind == "agreement_pdf")
            ).one()


def _decide(uow: UnitOfWork, gate: Gate, decider: Decider, reason: str, **kw: object) -> None:
    services.decide(uow, REF, gate, decider, Outcome.approve, reason, **kw)  # type: ignore[arg-type]


def _build_ground(url: str, home: Path) -> None:
    """Registered, then through vision, balance and legal approval to the signature gate
    (agreement v1 approved, its packet prepared), by the real use cases."""
    cli = Cli(home, url)
    cli("init", check=True)
    engine = make_engine(url)
    uow = Ground(cli, engine, "").uow()
    today = dt.date(2026, 12, 1)
    services.register(uow, load_text(demo_file()), actor="officer")

    def advance() -> None:
        services.advance(uow, REF, templates=settings().templates, today=today)

    advance()
    for key, name in (("tremplin", "Claire Martin"), ("logistix", "Marc Lefèvre")):
        _decide(uow, Gate.vision_approval, Decider(name, Role.sponsor, key), "Vision validée")
    advance()
    reason = "Avertissements compris : bénéfices à mesurer au premier comité de pilotage."
    for key, name in (("tremplin", "Claire Martin"), ("logistix", "Marc Lefèvre")):
        _decide(uow, Gate.balance_acceptance, Decider(name, Role.sponsor, key), reason)
    advance()
    _decide(uow, Gate.legal_approval, Decider(DEMO_LEGAL_OFFICER, Role.legal_officer), "Conforme")
    advance()
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def ground(
    request: pytest.FixtureRequest,
    prepared_states: PreparedStates,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Ground]:
    """The ground, built once per session and backend, copied for each test (its own
    database and home: an attack changes only its copy)."""
    url, home = prepared_states.copy("security-ground", request.param, _build_ground, request)
    engine = make_engine(url)
    ground = Ground(Cli(home, url), engine, "")
    ground.agreement_sha256 = ground.signed_pdf().sha256  # what a signature names
    yield ground
    engine.dispose()
