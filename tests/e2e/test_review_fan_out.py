"""review-due opens the due reviews in one transaction, then writes the review reports a
chunk at a time (a task run per chunk, retried), each once per partnership and review date;
progress and counts are shown in Prefect."""

from __future__ import annotations

import copy
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import yaml
from sqlalchemy import select, text

from coopact import services
from coopact.adapters.loading import load_text
from coopact.store.db import make_engine
from coopact.store.migrate import upgrade
from coopact.store.tables import DocumentRow, PartnershipRow, ScheduleRow
from coopact.store.uow import UnitOfWork
from tests.conftest import EXAMPLE

pytestmark = pytest.mark.e2e
DAY = dt.date(2027, 7, 15)
REFERENCES = ["P-2027-001", "P-2027-002", "P-2027-003"]


def _active_partnerships(url: str) -> None:
    """The example three times, registered then (setup shortcut) active with a review due."""
    engine = make_engine(url)
    upgrade(engine)
    uow = UnitOfWork.for_engine(engine)
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    for reference in REFERENCES:
        copy_ = copy.deepcopy(data)
        copy_["reference"] = reference
        services.register(uow, load_text(yaml.safe_dump(copy_), reference), actor="test")
    with engine.begin() as conn:
        conn.execute(text("UPDATE partnerships SET stage = 'active'"))
    with uow:
        for row in uow.session.scalars(select(PartnershipRow)):
            uow.session.add(
                ScheduleRow(partnership_id=row.id, kind="review", subject="Revue 1", due_on=DAY)
            )
        uow.commit()
    engine.dispose()


def _reports(url: str) -> dict[str, int]:
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            select(PartnershipRow.reference, DocumentRow.version)
            .join(DocumentRow, DocumentRow.partnership_id == PartnershipRow.id)
            .where(DocumentRow.kind == "review_report")
        ).all()
    engine.dispose()
    counts: dict[str, int] = {}
    for reference, _version in rows:
        counts[reference] = counts.get(reference, 0) + 1
    return counts


def test_review_reports_are_written_by_chunk_task_runs_each_once(
    prefect_server: str, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'coopact.db'}"
    _active_partnerships(url)
    env = {
        **os.environ,
        "COOPACT_HOME": str(tmp_path),
        "COOPACT_DATABASE_URL": url,
        "PREFECT_API_URL": prefect_server,
        "PREFECT_HOME": str(tmp_path / "prefect"),
    }
    command = [sys.executable, "-m", "coopact", "review-due", "--today", DAY.isoformat()]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert all(f"Review opened for {ref}" in done.stdout for ref in REFERENCES)
    assert _reports(url) == dict.fromkeys(REFERENCES, 1)

    runs = httpx.post(
        f"{prefect_server}/flow_runs/filter",
        json={"flow_runs": {"name": {"any_": [f"review-due {DAY.isoformat()}"]}}},
    ).json()
    ours = [r for r in runs if r["parameters"].get("today") == DAY.isoformat()]
    # The server is shared: other tests run review-due for the same day; ours is the latest.
    run_id = max(ours, key=lambda r: r["created"])["id"]
    deadline = time.monotonic() + 60  # task runs are recorded from events, a moment later
    while True:
        tasks = httpx.post(
            f"{prefect_server}/task_runs/filter",
            json={"task_runs": {"flow_run_id": {"any_": [run_id]}}},
        ).json()
        finished = [t for t in tasks if t["state_type"] == "COMPLETED"]
        if len(finished) >= 3 or time.monotonic() > deadline:
            break
        time.sleep(1)
    report_tasks = sorted(t["name"] for t in tasks if t["name"].startswith("review reports"))
    assert report_tasks == [f"review reports {REFERENCES[0]}"]  # one chunk of three
    assert all(t["state_type"] == "COMPLETED" for t in tasks)
    artifacts = httpx.post(
        f"{prefect_server}/artifacts/filter",
        json={"artifacts": {"flow_run_id": {"any_": [run_id]}, "type": {"any_": ["markdown"]}}},
    ).json()
    assert "review reports written: **3**" in artifacts[0]["data"]
    logs = httpx.post(
        f"{prefect_server}/logs/filter",
        json={"logs": {"flow_run_id": {"any_": [run_id]}}, "limit": 200},
    ).json()
    messages = [str(line["message"]) for line in logs]
    # The chunk's documents in one summary line, not a log record a report.
    assert any(m.startswith("new documents: ") and "review_report" in m for m in messages)
    assert not any(": new document " in m for m in messages), messages

    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and "No review is due." in again.stdout
    os.environ.setdefault("PREFECT_API_URL", prefect_server)
    from coopact.flows.reviews import write_report  # writing again is idempotent

    os.environ["COOPACT_DATABASE_URL"] = url
    os.environ["COOPACT_HOME"] = str(tmp_path)
    from coopact.bootstrap import wiring

    wiring.engine.cache_clear()
    try:
        assert write_report(REFERENCES[0], DAY)["status"] == "already written"
        assert _reports(url) == dict.fromkeys(REFERENCES, 1)
    finally:
        for name in ("COOPACT_DATABASE_URL", "COOPACT_HOME"):
            os.environ.pop(name, None)
        wiring.engine.cache_clear()


def test_reports_not_written_the_day_their_review_opened_are_written_the_next_day_once(
    prefect_server: str, tmp_path: Path
) -> None:
    """Yesterday's review-due opened three reviews, then wrote one report only (the other
    chunk failed every attempt): today's review-due writes the two others, keyed on
    yesterday's date, and not the one already written."""
    from coopact.adapters.config import default_templates
    from coopact.services.review_reports import write_review_reports
    from coopact.store.tables import ReviewReportRow

    url = f"sqlite:///{tmp_path / 'coopact.db'}"
    _active_partnerships(url)
    engine = make_engine(url)
    uow = UnitOfWork.for_engine(engine)
    assert len(services.review_due(uow, DAY)) == 3
    [written] = write_review_reports(
        uow, [REFERENCES[1]], DAY, templates=default_templates(), transport=None
    )
    assert written.status == "written"
    engine.dispose()
    env = {
        **os.environ,
        "COOPACT_HOME": str(tmp_path),
        "COOPACT_DATABASE_URL": url,
        "PREFECT_API_URL": prefect_server,
        "PREFECT_HOME": str(tmp_path / "prefect"),
    }
    next_day = (DAY + dt.timedelta(days=1)).isoformat()
    command = [sys.executable, "-m", "coopact", "review-due", "--today", next_day]
    said = (  # nothing opened today; the first run writes yesterday's two, the second none
        "2 review reports of reviews opened on an earlier day, not written then, written now.",
        "No review is due.",
    )
    for expected in said:
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        assert expected in " ".join(done.stdout.split()), done.stdout
        assert "Review opened" not in done.stdout
        assert _reports(url) == dict.fromkeys(REFERENCES, 1)
    engine = make_engine(url)
    with engine.connect() as conn:
        days = set(conn.scalars(select(ReviewReportRow.review_date)))
    engine.dispose()
    assert days == {DAY}
