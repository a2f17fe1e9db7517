"""The record-payment flow through a real Prefect server: the run records the payment and
issues the tax receipt where it runs (the worker), mails it, refuses a repeated reference or
an unknown person in a state of its own, and no name or address reaches Prefect."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import httpx
import pytest

from tests.money_support import REF, TREASURER

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
PERSONAL = [
    "Nadia Roussel", "Roussel", "n.roussel@", "Marc Lef", "m.lefevre@", "Sophie Garnier",
    "@kitchens.example", "@greenfleet.example",
]  # fmt: skip


def _env(home: Path, api: str) -> dict[str, str]:
    return {
        **os.environ,
        "COOPACT_HOME": str(home),
        "COOPACT_DATABASE_URL": f"sqlite:///{home / 'coopact.db'}",
        "PREFECT_API_URL": api,
        "PREFECT_HOME": str(home / "prefect"),
        "PYTHONPATH": str(ROOT),
        "COLUMNS": "200",
    }


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _flow(env: dict[str, str], bank_reference: str, recorded_by: str) -> list[str]:
    code = (
        "import datetime as dt, json\n"
        "from flows.money import record_payment\n"
        f"state = record_payment(reference={REF!r}, partner='greenfleet', amount='30000', "
        f"paid_on=dt.date(2027, 4, 20), bank_reference={bank_reference!r}, role='treasurer', "
        f"recorded_by={recorded_by!r}, return_state=True)\n"
        "print(state.name)\n"
        "print(state.message if state.name == 'Refused' else "
        "json.dumps(state.result(raise_on_failure=False)))\n"
    )
    return _run(env, "-c", code).strip().splitlines()[-2:]


def test_a_payment_recorded_by_the_flow_issues_its_receipt_on_the_worker(
    prefect_server: str, tmp_path: Path
) -> None:
    env = _env(tmp_path, prefect_server)
    _run(env, "-m", "coopact", "init")
    _run(env, "-c", "from coopact.bootstrap import units\nfrom tests.money_support import "
         "register_signed\nregister_signed(units.uow())")  # fmt: skip
    pid = _run(env, "-m", "coopact", "pseudonym", TREASURER).strip()
    assert pid.startswith("p-") and "Roussel" not in pid

    state, result = _flow(env, "VIR-0001", pid)
    assert state == "Completed", result
    done = json.loads(result)
    assert (done["receipt"], done["amount"], done["remaining"]) == (
        "TRE-2027-0001", "30000.00", "50000.00",
    )  # fmt: skip
    listed = json.loads(_run(env, "-m", "coopact", "documents", REF, "--json"))
    [receipt] = [d for d in listed if d["kind"] == "tax_receipt"]
    assert receipt["sha256"] == done["receipt_sha256"]
    mails = list((tmp_path / "outbox").glob("*.eml"))
    assert len(mails) == 1 and b"m.lefevre@greenfleet.example" in mails[0].read_bytes()

    again, why = _flow(env, "VIR-0001", pid)
    assert again == "Refused" and "already recorded" in why, why
    stranger, why = _flow(env, "VIR-0002", "p-0000-ffffffffffffffffffffffffffffffff")
    assert stranger == "Refused" and "not the id of a treasurer" in why, why
    money = json.loads(_run(env, "-m", "coopact", "money", REF, "--json", "--today", "2027-05-01"))
    assert [p["reference"] for p in money["payments"]] == ["VIR-0001"]

    runs = httpx.post(
        f"{prefect_server}/flow_runs/filter",
        json={"flow_runs": {"name": {"like_": "record-payment"}}},
    ).json()
    assert len(runs) >= 3
    assert all(
        r["parameters"].keys()
        == {"reference", "partner", "amount", "paid_on", "bank_reference", "role", "recorded_by"}
        for r in runs
    )
    ids = [r["id"] for r in runs]
    seen = "\n".join(
        [
            str(runs),
            str(httpx.post(f"{prefect_server}/logs/filter",
                           json={"logs": {"flow_run_id": {"any_": ids}}}).json()),
        ]
    )  # fmt: skip
    assert "TRE-2027-0001" in seen, "the search does see the runs"
    leaked = [p for p in PERSONAL if p.lower() in seen.lower()]
    assert not leaked, f"personal data in Prefect: {leaked}"


def test_the_daily_money_due_flow_mails_each_call_for_funds_once(
    prefect_server: str, tmp_path: Path
) -> None:
    """The scheduled `money-due` deployment's flow: 15 days before the company's first
    instalment it mails the call for funds (the officers in copy), once; its parameters,
    result and logs hold counts only."""
    from flows.deployments import deployments

    [due] = [d for d in deployments() if d.name == "money-due"]
    assert [s.schedule.cron for s in due.schedules] == ["30 6 * * *"]
    env = _env(tmp_path, prefect_server)
    _run(env, "-m", "coopact", "init")
    _run(env, "-c", "from coopact.bootstrap import units\nfrom tests.money_support import "
         "register_signed\nregister_signed(units.uow())")  # fmt: skip
    code = (
        "import datetime as dt, json\n"
        "from flows.money import money_due\n"
        "state = money_due(today=dt.date(2027, 3, 31), return_state=True)\n"
        "print(state.name)\nprint(json.dumps(state.result()))\n"
    )
    state, result = _run(env, "-c", code).strip().splitlines()[-2:]
    assert state == "Completed" and json.loads(result)["calls"] == 1, result
    mails = [
        message_from_bytes(m.read_bytes(), policy=default)
        for m in (tmp_path / "outbox").glob("*.eml")
    ]
    assert mails and all(str(m["Subject"]).startswith("Call for funds") for m in mails)
    assert "j.moreau@greenfleet.example" in [m["To"].addresses[0].addr_spec for m in mails]
    state, result = _run(env, "-c", code).strip().splitlines()[-2:]
    assert state == "Completed" and json.loads(result)["calls"] == 0, result
    runs = httpx.post(
        f"{prefect_server}/flow_runs/filter", json={"flow_runs": {"name": {"like_": "money-due"}}}
    ).json()
    ids = [r["id"] for r in runs]
    logs = httpx.post(
        f"{prefect_server}/logs/filter", json={"logs": {"flow_run_id": {"any_": ids}}}
    ).json()
    seen = f"{runs}\n{logs}"
    assert "call(s) for funds" in seen
    assert not [p for p in PERSONAL if p.lower() in seen.lower()]
