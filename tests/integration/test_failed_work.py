"""Never "done" when it is not (issue 22, item 11): LibreOffice unable to convert when the
legal approval closes its gate. `decide` says the decision is recorded, that the stage's
work failed, why and what retries it (exit 5); `status` and the portal show the failed work;
the partnership officer is mailed once; the next commands retry it until it succeeds, and
the retries make one signature packet and one mail each, never two."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from coopact import services
from coopact.adapters.config import settings
from coopact.contracts.deciders import Decider
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.entrypoints.cli.demo import DEMO_LEGAL_OFFICER, demo_file
from coopact.schemas import Partnership
from coopact.store.automatic_work import references_with_automatic_work
from coopact.store.db import make_engine
from coopact.store.uow import UnitOfWork
from tests.integration.conftest import Cli

REF = "P-2027-001"
REASON = "Avertissements compris : bénéfices à mesurer au premier comité de pilotage."
OFFICER = "sophie@example.org"
SIGNATORIES = {"tremplin": "paul.durand@tremplin.example", "logistix": "marc@logistix.example"}
TODAY = dt.date(2026, 12, 1)

pytestmark = pytest.mark.libreoffice


def _needs_libreoffice() -> None:
    if shutil.which("soffice") is None:
        if os.environ.get("COOPACT_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice required (COOPACT_REQUIRE_LIBREOFFICE=1) but it is missing")
        pytest.skip("soffice not installed")


def _file() -> Partnership:
    data: dict[str, Any] = yaml.safe_load(demo_file())
    data["people"].append(
        {"name": "Sophie Garnier", "email": OFFICER, "roles": ["partnership_officer"]}
    )
    for partner in data["partners"]:
        partner["signatory"]["email"] = SIGNATORIES[partner["key"]]
    return Partnership.model_validate(data)


def _balanced_with_its_agreement(url: str) -> None:
    """Registered, vision and balance accepted, the agreement written (the real use cases)."""
    engine = make_engine(url)
    uow = UnitOfWork.for_engine(engine)

    def advance() -> None:
        services.advance(uow, REF, templates=settings().templates, today=TODAY)

    services.register(uow, _file(), actor="officer")
    for gate, reason in ((Gate.vision_approval, "Oui"), (Gate.balance_acceptance, REASON)):
        advance()
        for key, name in (("tremplin", "Claire Martin"), ("logistix", "Marc Lefèvre")):
            services.decide(
                uow, REF, gate, Decider(name, Role.sponsor, key), Outcome.approve, reason
            )
    advance()
    engine.dispose()


def _broken_libreoffice(tmp_path: Path) -> str:
    """A PATH whose `soffice` starts and fails (a LibreOffice that cannot convert)."""
    folder = tmp_path / "broken-bin"
    folder.mkdir()
    soffice = folder / "soffice"
    soffice.write_text(
        "#!/bin/sh\necho 'soffice: cannot start (user profile locked)' >&2\nexit 1\n"
    )
    soffice.chmod(0o755)
    return f"{folder}{os.pathsep}{os.environ['PATH']}"


def _mails(home: Path) -> list[email.message.EmailMessage]:
    found = []
    for path in sorted((home / "outbox").glob("*.eml")):
        found.append(email.message_from_bytes(path.read_bytes(), policy=email.policy.default))
    return found  # type: ignore[return-value]


def _work_failed_mails(home: Path) -> list[Any]:
    return [m for m in _mails(home) if m["X-Coopact-Notice"] == "work.failed"]


def _to_signatories(home: Path) -> list[Any]:
    return [m for m in _mails(home) if any(a in str(m["To"]) for a in SIGNATORIES.values())]


def _packets(url: str) -> list[Any]:
    engine = make_engine(url)
    uow = UnitOfWork.for_engine(engine)
    with uow:
        row = uow.partnerships.get(REF)
        found = [d.version for d in uow.partnerships.documents(row, "signature_packet")]
    engine.dispose()
    return found


def _decide_legal(cli: Cli) -> Any:
    return cli(
        "decide", REF, "legal_approval", "--as", DEMO_LEGAL_OFFICER, "--role", "legal_officer",
        "--outcome", "approve", "--reason", "Conforme au modèle",
    )  # fmt: skip


def test_a_failed_signature_packet_is_said_shown_told_once_and_retried_once(
    tmp_path: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _needs_libreoffice()
    _balanced_with_its_agreement(db_url)
    # Each decision in a process of its own (its own LibreOffice), the reads in this one.
    cli, read = Cli(tmp_path / "home", db_url, subprocess=True), Cli(tmp_path / "home", db_url)
    working = os.environ["PATH"]

    monkeypatch.setenv("PATH", _broken_libreoffice(tmp_path))
    decided = _decide_legal(cli)
    assert decided.returncode == 5, decided.stdout + decided.stderr
    said = " ".join(decided.stderr.split())
    assert "the decision is recorded" in said and "the partnership is now formalised" in said
    assert "LibreOffice could not convert" in said
    assert f"retried by the next decision on {REF}, `coopact advance {REF}`" in said
    assert "(exit 5: recorded, work pending)" in said and "Traceback" not in decided.stderr
    assert _packets(db_url) == [] and _to_signatories(cli.home) == []

    shown = read("status", REF, check=True).stdout
    assert "Stage: formalised" in shown and "Awaiting: signature" not in shown
    assert "Failed work: the work of the stage formalised failed (1 attempt(s)" in shown
    assert "LibreOffice could not convert" in shown
    view = json.loads(read("status", REF, "--json", check=True).stdout)
    assert view["failed_work"]["stage"] == "formalised" and view["failed_work"]["attempts"] == 1
    assert view["failed_work"]["gate"] == "legal_approval"
    assert "failed work" in read("status", check=True).stdout
    assert len(_work_failed_mails(cli.home)) == 1, "the partnership officer is told"
    [told] = _work_failed_mails(cli.home)
    assert OFFICER in str(told["To"])
    engine = make_engine(db_url)
    with engine.connect() as conn:
        from sqlalchemy.orm import Session

        assert REF in references_with_automatic_work(Session(conn), TODAY), "advance-all"
    engine.dispose()

    again = _decide_legal(cli)  # the next command on it: a retry, failing again
    assert again.returncode == 5, again.stdout + again.stderr
    view = json.loads(read("status", REF, "--json", check=True).stdout)
    assert view["failed_work"]["attempts"] == 2
    assert len(_work_failed_mails(cli.home)) == 1, "told once per failure, not per attempt"

    monkeypatch.setenv("PATH", working)  # LibreOffice back
    retried = _decide_legal(cli)  # the next command on it retries, and succeeds
    assert retried.returncode == 0, retried.stdout + retried.stderr
    assert "new document: signature_packet v1" in retried.stderr  # the value (stage) on stdout
    _advance_as_the_portal_does(cli)  # a second retry makes nothing twice
    assert _decide_legal(cli).returncode == 0

    assert _packets(db_url) == [1], "one signature packet"
    assert sorted(str(m["To"]) for m in _to_signatories(cli.home)) == sorted(
        f"{name} <{address}>"
        for name, address in zip(("Paul Durand", "Marc Lefèvre"), SIGNATORIES.values(), strict=True)
    ), "each signatory told once"
    assert len(_work_failed_mails(cli.home)) == 1
    view = json.loads(read("status", REF, "--json", check=True).stdout)
    assert view["failed_work"] is None and view["awaiting"].startswith("signature")
    history = read("history", REF, check=True).stdout
    assert "work.failed" in history and "work.resumed" in history


def _advance_as_the_portal_does(cli: Cli) -> None:
    """The officer's "run the automatic work again" (the use case behind the portal's POST
    and the advance-all flow's work), on the command's database and outbox."""
    from coopact.adapters.mail.transports import OutboxTransport
    from coopact.bootstrap import writing
    from coopact.usecases import advance_partnership

    engine = make_engine(cli.database_url)
    adapters = writing.Adapters(
        lambda: UnitOfWork.for_engine(engine), settings().templates,
        lambda: OutboxTransport(cli.home / "outbox"),
    )  # fmt: skip
    result = advance_partnership.advance(
        adapters, advance_partnership.AdvancePartnership(REF, OFFICER)
    )
    engine.dispose()
    assert result.stage == "formalised" and result.new_documents == []
