"""Issue 27, one configuration: coopact.toml in the home, COOPACT_* variables, *_FILE
secrets, read in one place (coopact.adapters.settings); an invalid value is exit 3 naming the
setting; `coopact config check` shows the resolved values (secrets masked) and tries each
part."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from coopact.adapters import settings
from coopact.contracts.errors import EnvironmentProblem
from tests.conftest import EXAMPLE
from tests.integration.conftest import Cli


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coopact", *args],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_an_invalid_link_validity_is_exit_3_naming_the_setting(cli_process: Cli) -> None:
    cli_process("init", check=True)
    cli_process("new", str(EXAMPLE), check=True)
    env = {**os.environ, **cli_process.env, "COOPACT_LINK_DAYS": "abc"}
    done = _run(env, "advance", "P-2027-001")
    assert done.returncode == 3, done.stderr
    assert "COOPACT_LINK_DAYS is 'abc'" in done.stderr
    assert "Traceback" not in done.stderr
    from coopact.services.links import link_days

    with pytest.raises(EnvironmentProblem, match="COOPACT_LINK_DAYS"):
        link_days({"COOPACT_LINK_DAYS": "abc"})


def test_the_file_the_variables_and_the_secrets_resolve_in_that_order(tmp_path: Path) -> None:
    (tmp_path / "coopact.toml").write_text(
        'link_days = 30\npublic_url = "https://coopact.example.org"\n'
        '[smtp]\nhost = "mail.example.org"\nport = 2525\n',
        encoding="utf-8",
    )
    secret = tmp_path / "smtp_password"
    secret.write_text("s3cret-from-a-file\n", encoding="utf-8")
    env = {
        "COOPACT_HOME": str(tmp_path),
        "COOPACT_LINK_DAYS": "21",  # the variable wins over the file
        "COOPACT_SMTP_PASSWORD_FILE": str(secret),
    }
    loaded = settings.load(env)
    assert loaded.link_days == 21
    assert loaded.public_url == "https://coopact.example.org"
    assert (loaded.smtp_host, loaded.smtp_port) == ("mail.example.org", 2525)
    assert loaded.smtp_password is not None
    assert loaded.smtp_password.get_secret_value() == "s3cret-from-a-file"
    assert "s3cret" not in json.dumps(loaded.shown())
    from coopact.services.links import link_days, public_url

    resolved = settings.environ(env)
    assert (link_days(resolved), public_url(resolved)) == (21, "https://coopact.example.org")

    (tmp_path / "coopact.toml").write_text("link_dayz = 3\n", encoding="utf-8")
    with pytest.raises(EnvironmentProblem, match="link_dayz"):
        settings.load(env)
    missing = {**env, "COOPACT_SMTP_PASSWORD_FILE": str(tmp_path / "absent")}
    (tmp_path / "coopact.toml").unlink()
    with pytest.raises(EnvironmentProblem, match="COOPACT_SMTP_PASSWORD_FILE"):
        settings.load(missing)


class _Portal(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args: object) -> None:
        pass


def test_config_check_shows_the_values_masks_secrets_and_tries_each_part(tmp_path: Path) -> None:
    server = HTTPServer(("127.0.0.1", 0), _Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    home = tmp_path / "home"
    secret = tmp_path / "key"
    secret.write_text("ab" * 32 + "\n", encoding="utf-8")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("COOPACT_", "PREFECT_API"))
    }
    env |= {
        "COOPACT_HOME": str(home),
        "COOPACT_SECRET_KEY_FILE": str(secret),
        "COOPACT_PUBLIC_URL": f"http://127.0.0.1:{server.server_port}",
        "COLUMNS": "200",
    }
    try:
        before = _run(env, "config", "check")
        assert before.returncode == 3, before.stderr
        assert "database" in before.stderr and "coopact init" in before.stdout
        assert _run(env, "init").returncode == 0
        done = _run(env, "config", "check", "--json")
        assert done.returncode == 0, done.stdout + done.stderr
        shown = json.loads(done.stdout)
        assert shown["settings"]["secret_key"] == "****** (set)"
        assert "abab" not in done.stdout
        outcomes = {c["part"]: c["outcome"] for c in shown["checks"]}
        assert outcomes == {
            "database": "ok", "prefect": "note", "smtp": "note", "key": "ok", "anchors": "ok",
            "public url": "ok",
        }  # fmt: skip
        del env["COOPACT_SECRET_KEY_FILE"]
        (home / "secret.key").write_text("cd" * 32 + "\n", encoding="utf-8")
        (home / "secret.key").chmod(0o644)
        loose = _run(env, "config", "check")
        assert loose.returncode == 3
        assert "mode 0644" in loose.stdout and "chmod 600" in loose.stdout
    finally:
        server.shutdown()
