"""Issue 27, the API: /api/v1 on the portal's app, described at /api/v1/openapi.json; a token
from `coopact token add` (printed once, stored hashed) lists, reads and (scope write)
creates partnerships with the validation messages of `coopact new`; no valid token: 401."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest
import yaml
from sqlalchemy import create_engine, text
from starlette.testclient import TestClient

from tests.conftest import EXAMPLE
from tests.integration.conftest import Cli


@pytest.fixture
def client(cli: Cli) -> Iterator[TestClient]:
    from coopact.bootstrap import wiring
    from coopact.entrypoints.cli.portal import portal_config
    from coopact.entrypoints.web import create_app

    cli("init", check=True)
    saved = {k: os.environ.get(k) for k in cli.env}
    os.environ.update(cli.env)
    wiring.engine.cache_clear()
    try:
        with TestClient(create_app(portal_config())) as test_client:
            yield test_client
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        wiring.engine.cache_clear()


def _token(cli: Cli, name: str, scope: str) -> str:
    made = cli("token", "add", name, "--scope", scope, check=True)
    token = made.stdout.strip()
    assert token.startswith("cpt_") and "\n" not in token
    assert "shown once" in made.stderr
    return token


def test_a_read_token_lists_the_partnerships_and_none_is_401(cli: Cli, client: TestClient) -> None:
    cli("new", str(EXAMPLE), check=True)
    token = _token(cli, "crm", "read")
    bearer = {"Authorization": f"Bearer {token}"}

    listed = client.get("/api/v1/partnerships", headers=bearer)
    assert listed.status_code == 200
    assert [p["reference"] for p in listed.json()] == ["P-2027-001"]
    assert listed.json()[0]["stage"] == "draft"

    assert client.get("/api/v1/partnerships").status_code == 401
    wrong = client.get("/api/v1/partnerships", headers={"Authorization": "Bearer cpt_nope"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"].startswith("Bearer")

    one = client.get("/api/v1/partnerships/P-2027-001", headers=bearer).json()
    assert one["reference"] == "P-2027-001" and one["stage"] == "draft"
    history = client.get("/api/v1/partnerships/P-2027-001/history", headers=bearer).json()
    assert history[0]["action"] == "partnership.registered"
    assert client.get("/api/v1/partnerships/P-2027-001/documents", headers=bearer).json() == []
    missing = client.get("/api/v1/partnerships/P-2099-001", headers=bearer)
    assert missing.status_code == 404 and "P-2099-001" in missing.json()["error"]

    refused = client.post("/api/v1/partnerships", headers=bearer, content=EXAMPLE.read_bytes())
    assert refused.status_code == 403

    with create_engine(cli.database_url).connect() as conn:
        stored = conn.execute(text("SELECT token_sha256 FROM api_tokens")).scalar_one()
    assert token not in stored and len(stored) == 64


def test_a_write_token_creates_from_json_or_yaml_with_the_messages_of_new(
    cli: Cli, client: TestClient
) -> None:
    bearer = {"Authorization": f"Bearer {_token(cli, 'crm-write', 'write')}"}
    made = client.post(
        "/api/v1/partnerships",
        headers={**bearer, "Content-Type": "application/yaml"},
        content=EXAMPLE.read_bytes(),
    )
    assert made.status_code == 201, made.text
    assert made.json()["reference"] == "P-2027-001" and made.json()["created"] is True
    as_json = json.loads(json.dumps(yaml.safe_load(EXAMPLE.read_text()), default=str))
    again = client.post("/api/v1/partnerships", headers=bearer, json=as_json)
    assert again.status_code == 200 and again.json()["created"] is False

    broken = json.loads(json.dumps(yaml.safe_load(EXAMPLE.read_text()), default=str))
    broken["reference"] = "P-2027-002"
    del broken["title"]
    invalid = client.post("/api/v1/partnerships", headers=bearer, json=broken)
    assert invalid.status_code == 422
    by_cli = cli("new", str(_write(cli, broken)))
    assert by_cli.returncode == 2
    for problem in invalid.json()["problems"]:
        assert f"{problem['path']}: {problem['message']}" in by_cli.stderr
    assert any(p["path"] == "title" for p in invalid.json()["problems"])


def _write(cli: Cli, data: dict[str, object]):  # type: ignore[no-untyped-def]
    path = cli.home.parent / "broken.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_openapi_description_names_every_route(client: TestClient) -> None:
    described = client.get("/api/v1/openapi.json")
    assert described.status_code == 200
    paths = described.json()["paths"]
    assert set(paths) == {
        "/partnerships",
        "/partnerships/{reference}",
        "/partnerships/{reference}/documents",
        "/partnerships/{reference}/history",
    }
    assert set(paths["/partnerships"]) == {"get", "post"}
    assert described.json()["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"
