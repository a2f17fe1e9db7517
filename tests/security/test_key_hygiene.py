"""Key hygiene and one keyring for a fleet: key files written whole (concurrent first use
never fails) and private, a wider mode refused, rotation, the key from a file path, a
read-only home verified, and a machine without the fleet's key refusing to write."""

from __future__ import annotations

import multiprocessing
import os
import secrets
import shutil
import stat
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import func, select

from coopact.store.audit_tables import AuditEventRow
from coopact.store.db import make_engine
from coopact.store.keys import KEY_FILE, load_keyring
from tests.conftest import EXAMPLE
from tests.integration.conftest import Cli


@pytest.fixture
def own_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI reads its home's key file, as a person's machine does (no session key)."""
    for name in ("COOPACT_SECRET_KEY", "COOPACT_SECRET_KEY_FILE", "COOPACT_ANCHOR_LOG"):
        monkeypatch.delenv(name, raising=False)


def _other(tmp: Path, number: int) -> Path:
    path = tmp / f"other-{number}.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    path.write_text(text.replace("P-2027-001", f"P-2027-{100 + number}"), "utf-8")
    return path


def _events(url: str) -> int:
    engine = make_engine(url)
    with engine.connect() as conn:
        count = int(conn.execute(select(func.count()).select_from(AuditEventRow)).scalar_one())
    engine.dispose()
    return count


def _first_use(home: str) -> str:
    return load_keyring(Path(home), {}).current_id


def test_twenty_processes_making_the_key_at_once_share_one(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with multiprocessing.get_context("fork").Pool(20) as pool:
        ids = pool.map(_first_use, [str(home)] * 20)
    assert len(set(ids)) == 1  # none failed, none saw a half-written file
    assert [p.name for p in home.iterdir()] == [KEY_FILE]  # no temporary file left
    assert stat.S_IMODE((home / KEY_FILE).stat().st_mode) == 0o600


def test_twenty_first_registrations_at_once_on_postgresql(
    tmp_path: Path, pg_url: str, own_keys: None
) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "COOPACT_HOME": str(home), "COOPACT_DATABASE_URL": pg_url}
    Cli(home, pg_url)("init", check=True)
    (home / KEY_FILE).unlink(missing_ok=True)  # a fresh home: no key yet
    files = [_other(tmp_path, n) for n in range(20)]
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "coopact", "new", str(f)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for f in files
    ]
    results = [(r.wait(timeout=600), r.stderr.read() if r.stderr else "") for r in runs]
    assert [code for code, _ in results] == [0] * 20, [e for _, e in results if e]
    assert Cli(home, pg_url)("audit", "verify").returncode == 0


def test_the_sqlite_database_and_key_are_private_and_a_wider_key_is_refused(
    tmp_path: Path, own_keys: None
) -> None:
    home = tmp_path / "home"
    cli = Cli(home, f"sqlite:///{home / 'coopact.db'}")
    cli("init", check=True)
    cli("new", str(EXAMPLE), check=True)
    for name in ("coopact.db", KEY_FILE):
        assert stat.S_IMODE((home / name).stat().st_mode) == 0o600, name
    (home / KEY_FILE).chmod(0o644)
    refused = cli("audit", "verify")
    assert refused.returncode == 3
    assert "can be read by other users (mode 0644)" in refused.stderr
    assert f"chmod 600 {home / KEY_FILE}" in refused.stderr


def test_rotation_then_verify(tmp_path: Path, own_keys: None) -> None:
    home = tmp_path / "home"
    url = f"sqlite:///{home / 'coopact.db'}"
    cli = Cli(home, url)
    cli("init", check=True)
    cli("new", str(EXAMPLE), check=True)
    old = load_keyring(home, {}).current_id
    rotated = cli("keys", "rotate", check=True)
    new = load_keyring(home, {}).current_id
    assert new != old and f"{new} now signs" in rotated.stdout
    cli("new", str(_other(tmp_path, 1)), check=True)
    engine = make_engine(url)
    with engine.connect() as conn:
        kids = set(conn.execute(select(AuditEventRow.key_id)).scalars())
    engine.dispose()
    assert kids == {old, new}
    assert cli("audit", "verify").returncode == 0


def test_the_key_from_a_file_path(
    tmp_path: Path, own_keys: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    key = tmp_path / "fleet.key"
    key.write_text(secrets.token_hex(32) + "\n")
    key.chmod(0o600)
    monkeypatch.setenv("COOPACT_SECRET_KEY_FILE", str(key))
    home = tmp_path / "home"
    cli = Cli(home, f"sqlite:///{home / 'coopact.db'}")
    cli("init", check=True)
    cli("new", str(EXAMPLE), check=True)
    assert not (home / KEY_FILE).exists()
    assert cli("audit", "verify").returncode == 0
    monkeypatch.delenv("COOPACT_SECRET_KEY_FILE")
    shutil.copy(key, home / KEY_FILE)  # the same key, now in the home
    assert cli("audit", "verify").returncode == 0


@contextmanager
def _immutable(*paths: Path) -> Iterator[None]:
    """Unwritable, even for root (chattr +i), as tests/integration/test_misconfiguration.py."""
    as_root = os.geteuid() == 0
    if as_root and shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a folder read-only")
    for path in paths:
        if as_root:
            subprocess.run(["chattr", "+i", str(path)], check=True)
        else:
            path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        yield
    finally:
        for path in paths:
            if as_root:
                subprocess.run(["chattr", "-i", str(path)], check=True)
            else:
                path.chmod(0o755 if path.is_dir() else 0o600)


def test_a_read_only_home_is_verified(tmp_path: Path, own_keys: None) -> None:
    home = tmp_path / "home"
    cli = Cli(home, f"sqlite:///{home / 'coopact.db'}", subprocess=True)
    cli("init", check=True)
    cli("new", str(EXAMPLE), check=True)
    with _immutable(home, *[p for p in home.rglob("*") if p.is_file()]):
        verified = cli("audit", "verify")
        assert verified.returncode == 0, verified.stderr
        assert "Audit chain intact" in verified.stdout


def test_a_second_home_without_the_fleets_key_refuses_to_write(
    tmp_path: Path, pg_url: str, own_keys: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COOPACT_ANCHOR_LOG", str(tmp_path / "fleet-anchors.log"))  # shared
    first = Cli(tmp_path / "first", pg_url)
    first("init", check=True)
    first("new", str(EXAMPLE), check=True)
    events = _events(pg_url)

    second = Cli(tmp_path / "second", pg_url)
    refused = second("new", str(_other(tmp_path, 2)))
    assert refused.returncode == 3
    assert "has no key" in refused.stderr and "the fleet's key" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert not (tmp_path / "second" / KEY_FILE).exists(), "no key of its own is made"
    assert _events(pg_url) == events, "nothing was written"
    assert first("audit", "verify").returncode == 0

    (tmp_path / "second").mkdir(exist_ok=True)  # a key, but not the fleet's
    (tmp_path / "second" / KEY_FILE).write_text(secrets.token_hex(32) + "\n")
    (tmp_path / "second" / KEY_FILE).chmod(0o600)
    wrong = second("new", str(_other(tmp_path, 3)))
    assert wrong.returncode == 3 and "not the fleet's key" in wrong.stderr
    assert _events(pg_url) == events

    shutil.copy(tmp_path / "first" / KEY_FILE, tmp_path / "second" / KEY_FILE)  # given it
    second("new", str(_other(tmp_path, 4)), check=True)
    assert first("audit", "verify").returncode == 0
