"""A command reports the state after everything it ran: the last signature closes the gate,
the governance set-up runs, and `decide` says the partnership is now active, not "signed"."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coopact import services
from coopact.adapters.config import settings
from coopact.adapters.loading import load_text
from coopact.contracts.deciders import Decider
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.entrypoints.cli.demo import DEMO_LEGAL_OFFICER, demo_file
from coopact.store.db import make_engine
from coopact.store.migrate import upgrade
from coopact.store.uow import UnitOfWork
from tests.integration.conftest import Cli

REF = "P-2027-001"
REASON = "Avertissements compris : bénéfices à mesurer au premier comité de pilotage."


def test_the_last_signature_reports_the_partnership_active(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'coopact.db'}"
    engine = make_engine(url)
    upgrade(engine)
    uow = UnitOfWork.for_engine(engine)

    def advance() -> None:
        services.advance(uow, REF, templates=settings().templates, today=dt.date(2026, 12, 1))

    def decide(gate: Gate, decider: Decider, outcome: Outcome, reason: str, **kw: str) -> None:
        services.decide(uow, REF, gate, decider, outcome, reason, **kw)

    services.register(uow, load_text(demo_file()), actor="officer")
    advance()
    for key, name in (("tremplin", "Claire Martin"), ("logistix", "Marc Lefèvre")):
        decide(Gate.vision_approval, Decider(name, Role.sponsor, key), Outcome.approve, "Oui")
    advance()
    for key, name in (("tremplin", "Claire Martin"), ("logistix", "Marc Lefèvre")):
        decide(Gate.balance_acceptance, Decider(name, Role.sponsor, key), Outcome.approve, REASON)
    advance()
    officer = Decider(DEMO_LEGAL_OFFICER, Role.legal_officer)
    decide(Gate.legal_approval, officer, Outcome.approve, "Conforme")
    advance()
    sha = services.document_content(uow, REF, "agreement_pdf").sha256
    paul = Decider("Paul Durand", Role.signatory, "tremplin")
    decide(Gate.signature, paul, Outcome.sign, "Signé", document_sha256=sha)
    engine.dispose()

    cli = Cli(tmp_path / "home", url)
    result = cli(
        "decide", REF, "signature", "--as", "marc lefevre", "--role", "signatory",
        "--for", "logistix", "--outcome", "sign", "--reason", "Signé", "--document-sha256", sha,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the partnership is now active (through signed)" in result.stderr
    assert "new document: charter v1 (fr)" in result.stderr
    assert result.stdout == "active\n"  # the value: where it stands after everything
