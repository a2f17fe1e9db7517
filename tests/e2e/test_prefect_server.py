"""End to end against a real Prefect server: the CLI's flow runs are recorded by the server,
and a decision taken through the `decide` deployment (the Prefect UI form) is applied."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from coopact.store.db import make_engine
from coopact.store.tables import DecisionRow, PartnershipRow
from coopact.store.uow import UnitOfWork
from tests.conftest import EXAMPLE

pytestmark = pytest.mark.e2e


def _env(home: Path, api: str) -> dict[str, str]:
    return {
        **os.environ,
        "COOPACT_HOME": str(home),
        "COOPACT_DATABASE_URL": f"sqlite:///{home / 'coopact.db'}",
        "PREFECT_API_URL": api,
        "PREFECT_HOME": str(home / "prefect"),
        "PREFECT_RUNNER_POLL_FREQUENCY": "1",
        "COLUMNS": "200",
    }


def _coopact(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "coopact", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def _flow_runs(api: str, flow_name: str) -> list[dict]:
    flows = httpx.post(
        f"{api}/flows/filter", json={"flows": {"name": {"any_": [flow_name]}}}
    ).json()
    if not flows:
        return []
    return httpx.post(
        f"{api}/flow_runs/filter", json={"flows": {"id": {"any_": [flows[0]["id"]]}}}
    ).json()


def test_cli_advance_runs_a_flow_recorded_by_the_server(
    prefect_server: str, tmp_path: Path
) -> None:
    env = _env(tmp_path, prefect_server)
    _coopact(env, "init")
    _coopact(env, "new", str(EXAMPLE))
    done = _coopact(env, "advance", "P-2027-001")
    assert done.stdout == "draft\n"  # the value: the stage reached
    assert "vision_note v1" in done.stderr
    assert "Awaiting: vision_approval" in done.stderr
    runs = _flow_runs(prefect_server, "advance-partnership")
    assert any(
        r["state_type"] == "COMPLETED"
        and r["parameters"] == {"reference": "P-2027-001", "today": None}
        for r in runs
    )


def test_a_decision_through_the_decide_deployment_is_applied(
    prefect_server: str, tmp_path: Path
) -> None:
    env = _env(tmp_path, prefect_server)
    _coopact(env, "init")
    _coopact(env, "new", str(EXAMPLE))
    _coopact(env, "advance", "P-2027-001")
    server = subprocess.Popen(
        [sys.executable, "-m", "coopact", "serve"], env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deployment = _wait_for_deployment(prefect_server, "decide", "decide")
        form = deployment["parameter_openapi_schema"]["properties"]
        assert set(form) == {"request_id"}, "the form takes a request id, nothing personal"
        schedules = _wait_for_deployment(prefect_server, "review-due", "review-due")["schedules"]
        assert schedules and schedules[0]["schedule"]["cron"] == "0 6 * * *"

        from prefect.deployments import run_deployment
        from prefect.settings import PREFECT_API_URL, temporary_settings

        request_id = _coopact(
            env, "request-decision", "P-2027-001", "vision_approval", "--as", "Claire Martin",
            "--role", "sponsor", "--for", "tremplin", "--outcome", "approve",
            "--reason", "La vision partagée reflète nos enjeux",
        ).stdout.split()[-1]  # fmt: skip
        with temporary_settings({PREFECT_API_URL: prefect_server}):
            run = run_deployment(
                "decide/decide", parameters={"request_id": int(request_id)}, timeout=120
            )
        assert run.state is not None and run.state.is_completed(), run.state
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    engine = make_engine(env["COOPACT_DATABASE_URL"])
    with UnitOfWork.for_engine(engine) as uow:
        decisions = uow.session.scalars(select(DecisionRow)).all()
        assert [(d.decider, d.partner_key, d.outcome) for d in decisions] == [
            ("Claire Martin", "tremplin", "approve")
        ]
        assert [d.channel for d in decisions] == ["prefect"]  # the channel is on the record
        assert uow.session.scalar(select(PartnershipRow.stage)) == "draft"  # logistix awaited
    engine.dispose()


def _wait_for_deployment(api: str, flow: str, name: str) -> dict:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        response = httpx.get(f"{api}/deployments/name/{flow}/{name}")
        if response.status_code == 200:
            return response.json()  # type: ignore[no-any-return]
        time.sleep(0.5)
    raise AssertionError(f"deployment {flow}/{name} never appeared")


def test_vision_then_balance_from_the_command_line(prefect_server: str, tmp_path: Path) -> None:
    env = _env(tmp_path, prefect_server)
    _coopact(env, "init")
    _coopact(env, "new", str(EXAMPLE))
    assert "Awaiting: vision_approval" in _coopact(env, "advance", "P-2027-001").stderr
    for partner, name in (("tremplin", "Claire Martin"), ("logistix", "Marc Lefèvre")):
        said = _coopact(
            env, "decide", "P-2027-001", "vision_approval", "--as", name, "--role", "sponsor",
            "--for", partner, "--outcome", "approve", "--reason", "Vision partagée validée",
        )  # fmt: skip
    assert "Awaiting: balance_acceptance" in said.stderr  # the balance report at once
    assert said.stdout == "vision_agreed\n"

    status = json.loads(_coopact(env, "status", "P-2027-001", "--json").stdout)
    assert status["stage"] == "vision_agreed"
    assert {d["kind"] for d in status["documents"]} == {"vision_note", "balance_report"}
    severities = {f["code"]: f["severity"] for f in status["findings"]}
    assert severities["due_diligence.esus_expires_during_term"] == "warning"
    assert severities["balance.benefit_not_valued"] == "warning"
    assert all(f["message"] for f in status["findings"])
    mails = list((tmp_path / "outbox").glob("*.eml"))
    assert len(mails) == 4, "both sponsors told at the vision gate, then at the balance gate"


def test_an_unknown_reference_is_refused_without_a_traceback(
    prefect_server: str, tmp_path: Path
) -> None:
    env = _env(tmp_path, prefect_server)
    _coopact(env, "init")
    done = subprocess.run(
        [sys.executable, "-m", "coopact", "advance", "P-2099-001"],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 1
    assert "no partnership P-2099-001" in done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    runs = _flow_runs(prefect_server, "advance-partnership")
    assert any(r["state_name"] == "Refused" and r["state_type"] == "COMPLETED" for r in runs)
