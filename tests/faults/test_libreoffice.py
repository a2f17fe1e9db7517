"""LibreOffice failing (an `soffice` first on PATH that crashes): a PDF export ends in exit
3 with one paragraph and no PDF; with LibreOffice back, the same command writes them. The
legal approval, whose signature packet needs PDFs, ends without a traceback: one paragraph
when it fails, and the decision recorded once (what the follow-up work then says is
tests/integration of the failed work)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from coopact import services
from coopact.adapters.config import settings
from coopact.adapters.documents import pdf
from coopact.contracts.deciders import Decider
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from tests.faults.conftest import REF, at_vision_gate, decisions, one_paragraph
from tests.integration.conftest import Cli

CRASHING = "#!/bin/sh\necho 'soffice: fatal error: application crashed' >&2\nexit 134\n"


@pytest.fixture
def broken_libreoffice(tmp_path: Path) -> dict[str, str]:
    """The environment of a process whose `soffice` crashes."""
    folder = tmp_path / "broken-bin"
    folder.mkdir()
    soffice = folder / "soffice"
    soffice.write_text(CRASHING)
    soffice.chmod(0o755)
    return {"PATH": f"{folder}:{os.environ['PATH']}"}


def _cli(home: Path, url: str, extra: dict[str, str]) -> Cli:
    class Env(Cli):
        @property
        def env(self) -> dict[str, str]:
            return {**super().env, **extra}

    return Env(home, url, subprocess=True)


def test_a_pdf_export_with_libreoffice_failing_is_exit_3_then_works(
    sqlite_url: str, tmp_path: Path, broken_libreoffice: dict[str, str]
) -> None:
    at_vision_gate(sqlite_url)
    home, out = tmp_path / "home", tmp_path / "pdf"
    failing = _cli(home, sqlite_url, broken_libreoffice)
    one_paragraph(failing("documents", REF, "--pdf", "--export", str(out)), 3, "LibreOffice")
    assert not list(out.glob("*.pdf")) if out.exists() else True
    back = _cli(home, sqlite_url, {})("documents", REF, "--pdf", "--export", str(out))
    assert back.returncode == 0, back.stdout + back.stderr
    assert [p.read_bytes()[:5] for p in out.glob("*.pdf")] == [b"%PDF-"]


def _at_legal_gate(url: str) -> None:
    at_vision_gate(url)
    available = pdf.available
    pdf.available = lambda: False  # type: ignore[assignment]
    try:
        uow = services_uow(url)
        today = dt.date(2026, 12, 1)
        sponsors = (("tremplin", "Claire Martin"), ("logistix", "Marc Lefèvre"))
        for key, name in sponsors:
            services.decide(uow, REF, Gate.vision_approval, Decider(name, Role.sponsor, key),
                            Outcome.approve, "Vision validée")  # fmt: skip
        services.advance(uow, REF, templates=settings().templates, today=today)
        for key, name in sponsors:
            services.decide(uow, REF, Gate.balance_acceptance, Decider(name, Role.sponsor, key),
                            Outcome.approve, "Avertissements compris.")  # fmt: skip
        services.advance(uow, REF, templates=settings().templates, today=today)
    finally:
        pdf.available = available  # type: ignore[assignment]


def services_uow(url: str):  # type: ignore[no-untyped-def]
    from coopact.store.uow import UnitOfWork

    return UnitOfWork.for_url(url)


@pytest.mark.slow
def test_a_legal_approval_with_libreoffice_failing_ends_without_a_traceback(
    sqlite_url: str, tmp_path: Path, broken_libreoffice: dict[str, str]
) -> None:
    from coopact.entrypoints.cli.demo import DEMO_LEGAL_OFFICER

    _at_legal_gate(sqlite_url)
    before = decisions(sqlite_url)
    done = _cli(tmp_path / "home", sqlite_url, broken_libreoffice)(
        "decide", REF, "legal_approval", "--as", DEMO_LEGAL_OFFICER, "--role", "legal_officer",
        "--outcome", "approve", "--reason", "Conforme",
    )  # fmt: skip
    assert "Traceback" not in done.stdout + done.stderr
    # The decision is recorded; the stage's work that needs LibreOffice is kept as failed
    # work and retried (exit 5: recorded, work pending).
    assert done.returncode == 5, done.stdout + done.stderr
    one_paragraph(done, 5, "LibreOffice")
    assert decisions(sqlite_url) == before + 1  # the decision stands, once
