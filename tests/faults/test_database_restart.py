"""PostgreSQL stopped and restarted while a command runs (a proxy in front of the test
server, cut then restored: the shared server itself is never stopped). A restart within
30 s is ridden out (the command waits, then does its work once); a server that stays away
ends in exit 3 with one paragraph, nothing written, and the command, run again once the
server is back, does its work once."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from coopact.entrypoints.cli import flow_runs
from coopact.store import db
from tests.faults.conftest import VOTE, Proxy, at_vision_gate, decisions, one_paragraph
from tests.integration.conftest import Cli


@pytest.fixture
def proxy(pg_url: str) -> Iterator[Proxy]:
    found = Proxy(5432)
    yield found
    found.cut()


def _cut_once_ready(
    monkeypatch: pytest.MonkeyPatch, proxy: Proxy, back_after: float | None
) -> None:
    """The server goes away once the command has checked the database (after `_ready`),
    before the decision's transaction; back after ``back_after`` seconds (None: never)."""
    real = flow_runs.connect

    def connect(*, start: bool = True) -> str | None:
        found = real(start=start)
        proxy.cut()
        if back_after is not None:
            proxy.restore_after(back_after)
        return found

    monkeypatch.setattr(flow_runs, "connect", connect)


def test_a_restart_during_decide_is_ridden_out(
    pg_url: str, proxy: Proxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at_vision_gate(pg_url)
    cli = Cli(tmp_path / "home", proxy.url(pg_url))
    _cut_once_ready(monkeypatch, proxy, back_after=3.0)
    began = time.monotonic()
    result = cli(*VOTE)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert time.monotonic() - began >= 3.0  # it waited for the server
    assert decisions(pg_url) == 1
    assert cli("audit", "verify").returncode == 0


def test_a_server_that_stays_away_is_exit_3_then_the_vote_counts_once(
    pg_url: str, proxy: Proxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at_vision_gate(pg_url)
    cli = Cli(tmp_path / "home", proxy.url(pg_url))
    monkeypatch.setattr(db, "RESTART_SECONDS", 2.0)  # the 30 s, shortened for the test
    _cut_once_ready(monkeypatch, proxy, back_after=None)
    one_paragraph(cli(*VOTE), 3, "does not answer")
    assert decisions(pg_url) == 0  # nothing half-written
    monkeypatch.undo()
    proxy.restore()
    assert cli(*VOTE).returncode == 0
    assert decisions(pg_url) == 1
    again = cli(*VOTE)  # the same vote again: refused, not counted twice
    assert decisions(pg_url) == 1, again.stdout + again.stderr


@pytest.mark.slow
def test_a_restart_during_review_due_is_ridden_out_and_each_report_written_once(
    pg_url: str, proxy: Proxy, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sqlalchemy import func, select

    from coopact.adapters.documents import pdf
    from coopact.store.tables import DocumentRow
    from coopact.store.uow import UnitOfWork
    from tests.integration.test_review_opening import _active

    monkeypatch.setattr(pdf, "available", lambda: False)  # LibreOffice is not under test
    uow = UnitOfWork.for_url(pg_url)
    references = _active(uow, 2)
    cli = Cli(tmp_path / "home", proxy.url(pg_url))
    _cut_once_ready(monkeypatch, proxy, back_after=3.0)
    result = cli("review-due", "--today", "2027-07-20")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    for reference in references:
        assert f"Review opened for {reference}" in result.stdout
    monkeypatch.undo()
    assert "No review is due." in cli("review-due", "--today", "2027-07-21").stdout
    with uow:
        reports = uow.session.scalar(
            select(func.count()).select_from(DocumentRow).where(DocumentRow.kind == "review_report")
        )
    assert reports == len(references)  # each once
    assert cli("audit", "verify").returncode == 0
