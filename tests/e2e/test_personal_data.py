"""Decisions through a real Prefect server, accepted and refused: no name, e-mail address
or reason reaches Prefect (flow-run parameters, states, logs, artifacts, its database)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import EXAMPLE

pytestmark = pytest.mark.e2e

PRIVATE_REASON = "Joignable au 06 12 34 56 78 ou jeanne.privee@example.org (vision validée)"
REFUSED_REASON = "Signé sur mon téléphone, écrire à paul.perso@example.net"
PERSONAL = [
    "Claire Martin", "Paul Durand", "Marc Lef", "06 12 34 56 78", "jeanne.privee",
    "paul.perso", "@example", "vision validée", "téléphone", "c.martin@", "p.durand@",
]  # fmt: skip


def _env(home: Path, api: str) -> dict[str, str]:
    return {
        **os.environ,
        "COOPACT_HOME": str(home),
        "COOPACT_DATABASE_URL": f"sqlite:///{home / 'coopact.db'}",
        "PREFECT_API_URL": api,
        "PREFECT_HOME": str(home / "prefect"),
        "COLUMNS": "200",
    }


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def _decide_flow(env: dict[str, str], request_id: str) -> str:
    code = (
        "from coopact.flows.lifecycle import decide\n"
        f"state = decide(request_id={int(request_id)}, return_state=True)\n"
        "print(state.name)\n"
    )
    return _run(env, "-c", code).strip().splitlines()[-1]


def _prefect_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    found = sorted(tmp_path_factory.getbasetemp().glob("prefect-server*/prefect.db"))
    assert found, "the session Prefect server's database"
    return found[-1]


def _dump(database: Path) -> str:
    """Every text value of every table of Prefect's database."""
    chunks: list[str] = []
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, bytes):
                        chunks.append(value.decode("utf-8", "replace"))
                    elif value is not None:
                        chunks.append(str(value))
    return "\n".join(chunks)


def test_no_personal_data_reaches_prefect(
    prefect_server: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    env = _env(tmp_path, prefect_server)
    coopact = ("-m", "coopact")
    _run(env, *coopact, "init")
    _run(env, *coopact, "new", str(EXAMPLE))
    _run(env, *coopact, "advance", "P-2027-001")

    accepted = _run(
        env, *coopact, "request-decision", "P-2027-001", "vision_approval", "--as",
        "Claire Martin", "--role", "sponsor", "--for", "tremplin", "--outcome", "approve",
        "--reason", PRIVATE_REASON,
    ).split()[-1]  # fmt: skip
    assert _decide_flow(env, accepted) == "Completed"
    refused = _run(  # the signature gate is not open: refused when the flow applies it
        env, *coopact, "request-decision", "P-2027-001", "signature", "--as", "Paul Durand",
        "--role", "signatory", "--for", "tremplin", "--outcome", "sign",
        "--reason", REFUSED_REASON,
    ).split()[-1]  # fmt: skip
    assert _decide_flow(env, refused) == "Refused"

    history = _run(env, *coopact, "history", "P-2027-001")
    assert PRIVATE_REASON in history, "the reason is kept in coopact's own audit trail"

    runs = httpx.post(f"{prefect_server}/flow_runs/filter", json={}).json()
    decide_runs = [r for r in runs if r["parameters"].keys() == {"request_id"}]
    assert {r["parameters"]["request_id"] for r in decide_runs} >= {int(accepted), int(refused)}
    seen = "\n".join(
        [
            str(runs),
            str(httpx.post(f"{prefect_server}/logs/filter", json={}).json()),
            str(httpx.post(f"{prefect_server}/artifacts/filter", json={}).json()),
            str(httpx.post(f"{prefect_server}/task_runs/filter", json={}).json()),
            _dump(_prefect_database(tmp_path_factory)),
        ]
    )
    assert "P-2027-001" in seen and "decide" in seen, "the search does see the runs"
    leaked = [p for p in PERSONAL if p.lower() in seen.lower()]
    assert not leaked, f"personal data in Prefect: {leaked}"


def _people(text: str) -> set[str]:
    """Every person's name and e-mail address in a partnership file."""
    import yaml

    found: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if (
                    key in ("name", "email")
                    and isinstance(value, str)
                    and (
                        key == "email"
                        or any(n in node for n in ("email", "role", "votes", "roles"))
                    )
                ):
                    found.add(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(yaml.safe_load(text))
    return found


def _leaked(people: set[str], seen: str) -> list[str]:
    """The names and addresses found, as written or as JSON escapes them (é -> \\u00e9)."""
    seen = seen.casefold()
    forms = {p: {p.casefold(), json.dumps(p)[1:-1].casefold()} for p in people}
    return sorted(p for p, written in forms.items() if any(w in seen for w in written))


def test_prefect_holds_nothing_personal_after_a_whole_life_and_an_erasure(
    prefect_server: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """`coopact demo` (registration to an avenant and a renewal, its advances and reviews as
    flow runs; a second partnership to a no go and its exit), then a review voted no_go and
    the exit acknowledged through the `decide` flow, then `coopact erase`: Prefect's
    database holds no name nor e-mail of the files."""
    from coopact.entrypoints.cli.demo import demo_file
    from coopact.entrypoints.cli.demo_exit import exit_file

    home = tmp_path / "home"
    env = _env(home, prefect_server)
    _run(env, "-m", "coopact", "demo", "--home", str(home))
    status = json.loads(_run(env, "-m", "coopact", "status", "P-2027-001", "--json"))
    _run(env, "-m", "coopact", "review-due", "--today", status["next_reviews"][0])
    spec = yaml_of(demo_file())
    for member in spec["governance"]["steering_committee"]["members"]:
        _run(env, "-m", "coopact", "decide", "P-2027-001", "review", "--as", member["name"],
             "--role", "committee_member", "--outcome", "no_go", "--reason", "Fin")  # fmt: skip
    for partner in spec["partners"]:
        _run(env, "-m", "coopact", "decide", "P-2027-001", "exit_acknowledgement",
             "--as", partner["signatory"]["name"], "--role", "signatory",
             "--for", partner["key"], "--outcome", "acknowledge", "--reason", "Pris acte")  # fmt: skip
    _run({**env, "COOPACT_RETENTION_DAYS": "0"}, "-m", "coopact", "erase", "Inès Benali")

    runs = httpx.post(f"{prefect_server}/flow_runs/filter", json={}).json()
    seen = "\n".join(
        [
            str(runs),
            str(httpx.post(f"{prefect_server}/logs/filter", json={}).json()),
            str(httpx.post(f"{prefect_server}/artifacts/filter", json={}).json()),
            str(httpx.post(f"{prefect_server}/events/filter", json={}).json()),
            _dump(_prefect_database(tmp_path_factory)),
        ]
    )
    assert "review-due" in seen or "review_due" in seen, "the search does see the runs"
    leaked = _leaked(_people(demo_file()) | _people(exit_file()), seen)
    assert not leaked, f"personal data in Prefect: {leaked}"


def yaml_of(text: str) -> dict[str, Any]:
    import yaml

    return yaml.safe_load(text)  # type: ignore[no-any-return]
