"""Every misconfiguration a new user walks into gives the documented exit code, one clear
paragraph, no traceback, and writes nothing (issue 14).

Exit codes: 2 invalid input (a bad file), 3 environment or configuration (the database,
COOPACT_HOME, the disk). The matrix runs in-process (typer's runner, fast); one command per
misconfiguration also runs as a real process, exactly as a user sees it.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, PG_URL
from tests.integration.conftest import Cli, Result

ROOT = Path(__file__).resolve().parents[2]


def commands(file: Path) -> list[tuple[str, ...]]:
    """Every command that needs no Prefect server, with valid arguments."""
    return [
        ("status",),
        ("status", "--json"),
        ("status", "P-2027-001"),
        ("history", "P-2027-001"),
        ("documents", "P-2027-001"),
        ("audit", "verify"),
        ("new", str(file)),
        ("amend", "P-2027-001", str(file)),
        ("decide", "P-2027-001", "vision_approval", "--as", "Claire Martin", "--role",
         "sponsor", "--for", "tremplin", "--outcome", "approve", "--reason", "ok"),
        ("review-answers", "P-2027-001", str(file)),
    ]  # fmt: skip


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` with its size and modification time (SQLite's -shm and
    empty -wal side files, which it creates merely to read a WAL database, left out)."""
    if not folder.exists():
        return {}
    if folder.is_file():
        stat = folder.stat()
        return {str(folder): (stat.st_size, stat.st_mtime_ns)}
    return {
        str(p): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
        and not p.name.endswith("-shm")
        and not (p.name.endswith("-wal") and p.stat().st_size == 0)
    }


def assert_clear(result: Result, code: int, *words: str) -> None:
    shown = f"exit {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}"
    assert result.returncode == code, shown
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, shown
    assert 'File "' not in result.stderr, shown
    assert f"(exit {code}:" in result.stderr, shown
    assert len(result.stderr.strip().splitlines()) <= 8, shown
    for word in words:
        assert word in result.stderr, shown


@contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """Make ``paths`` unwritable, even for root (chattr +i); restored afterwards."""
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
                path.chmod(0o755 if path.is_dir() else 0o644)


# --------------------------------------------------------------------------- the settings
def _home_is_a_file(tmp: Path) -> tuple[Path, str]:
    home = tmp / "home"
    home.write_text("not a folder\n")
    return home, f"sqlite:///{home / 'coopact.db'}"


def _no_database_yet(tmp: Path) -> tuple[Path, str]:
    return tmp / "home", f"sqlite:///{tmp / 'home' / 'coopact.db'}"


def _empty_sqlite_file(tmp: Path) -> tuple[Path, str]:
    (tmp / "home").mkdir()
    (tmp / "home" / "coopact.db").write_bytes(b"")
    return tmp / "home", f"sqlite:///{tmp / 'home' / 'coopact.db'}"


def _corrupted_sqlite(tmp: Path) -> tuple[Path, str]:
    (tmp / "home").mkdir()
    (tmp / "home" / "coopact.db").write_bytes(b"this is not a database\n" * 300)
    return tmp / "home", f"sqlite:///{tmp / 'home' / 'coopact.db'}"


def _truncated_sqlite(tmp: Path) -> tuple[Path, str]:
    home = tmp / "home"
    setup = Cli(home, f"sqlite:///{home / 'coopact.db'}", subprocess=True)
    setup("init", check=True)
    setup("new", str(EXAMPLE), check=True)
    db = home / "coopact.db"
    for suffix in ("-wal", "-shm"):
        (home / f"coopact.db{suffix}").unlink(missing_ok=True)
    os.truncate(db, 8192)
    return home, f"sqlite:///{db}"


def _dead_postgres_port(tmp: Path) -> tuple[Path, str]:
    return tmp / "home", "postgresql://postgres@127.0.0.1:1/test"


def _missing_postgres_database(tmp: Path) -> tuple[Path, str]:
    return tmp / "home", PG_URL.rsplit("/", 1)[0] + "/coopact_no_such_database"


def _unknown_host(tmp: Path) -> tuple[Path, str]:
    return tmp / "home", "postgresql://postgres@no-such-host.invalid:5432/test"


def _malformed_url(tmp: Path) -> tuple[Path, str]:
    return tmp / "home", "postgresql://postgres@127.0.0.1:port/test"


def _not_a_url(tmp: Path) -> tuple[Path, str]:
    return tmp / "home", "coopact database please"


def _unsupported_database(tmp: Path) -> tuple[Path, str]:
    return tmp / "home", "mysql://root@127.0.0.1/coopact"


def _heroku_style_url(tmp: Path) -> tuple[Path, str]:
    return tmp / "home", "postgres://postgres@127.0.0.1:5432/test"


SETTINGS: dict[str, tuple[Callable[[Path], tuple[Path, str]], str]] = {
    "COOPACT_HOME is a file": (_home_is_a_file, "is a file"),
    "no database yet": (_no_database_yet, "coopact init"),
    "an empty SQLite file": (_empty_sqlite_file, "coopact init"),
    "a corrupted SQLite file": (_corrupted_sqlite, "damaged"),
    "a truncated SQLite file": (_truncated_sqlite, "damaged"),
    "a dead PostgreSQL port": (_dead_postgres_port, "127.0.0.1:1 does not answer"),
    "a missing PostgreSQL database": (_missing_postgres_database, "createdb"),
    "an unknown database host": (_unknown_host, "host is unknown"),
    "a malformed database URL": (_malformed_url, "COOPACT_DATABASE_URL"),
    "not a URL at all": (_not_a_url, "COOPACT_DATABASE_URL"),
    "an unsupported database": (_unsupported_database, "'mysql' is not supported"),
    "postgres:// instead of postgresql://": (_heroku_style_url, "postgresql://"),
}
# What `coopact init` does there: the fix for a database not yet created, a refusal otherwise.
INIT_FIXES = {"no database yet", "an empty SQLite file"}


@pytest.mark.parametrize("name", list(SETTINGS))
def test_every_command_under_a_misconfiguration_exits_3_with_a_sentence_and_writes_nothing(
    name: str, tmp_path: Path
) -> None:
    build, words = SETTINGS[name]
    home, url = build(tmp_path)
    if "PostgreSQL database" in name:
        _require_postgres()
    cli = Cli(home, url)
    before = snapshot(tmp_path)
    for args in commands(EXAMPLE):
        assert_clear(cli(*args), 3, words)
    if name not in INIT_FIXES:
        assert_clear(cli("init"), 3, words)
    assert snapshot(tmp_path) == before, "a misconfigured command wrote something"
    # As a user sees it: a real process, same paragraph, same exit code.
    assert_clear(Cli(home, url, subprocess=True)("status"), 3, words)
    assert snapshot(tmp_path) == before


def test_a_read_only_coopact_home_exits_3_and_writes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    cli = Cli(home, f"sqlite:///{home / 'coopact.db'}", subprocess=True)  # SQLite maps files
    cli("init", check=True)
    cli("new", str(EXAMPLE), check=True)
    files = [p for p in home.rglob("*") if p.is_file()]
    with read_only(home, *files):
        before = snapshot(home)
        for args in [("new", str(_other_file(tmp_path))), ("init",)]:
            assert_clear(cli(*args), 3)
        assert snapshot(home) == before


def test_a_home_under_a_read_only_folder_exits_3(tmp_path: Path) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    cli = Cli(parent / "home", f"sqlite:///{parent / 'home' / 'coopact.db'}", subprocess=True)
    with read_only(parent):
        assert_clear(cli("init"), 3, "permission")
        assert_clear(cli("status"), 3, "coopact init")
    assert list(parent.iterdir()) == []


def test_a_full_disk_during_a_registration_exits_3_and_registers_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    cli = Cli(home, f"sqlite:///{home / 'coopact.db'}")
    cli("init", check=True)
    size = (home / "coopact.db").stat().st_size

    def limit_file_size() -> None:  # a disk with no room for the new pages
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    done = subprocess.run(
        [sys.executable, "-m", "coopact", "new", str(EXAMPLE)],
        env={**os.environ, **cli.env},
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        preexec_fn=limit_file_size,
    )
    assert_clear(Result(done.returncode, done.stdout, done.stderr), 3, "disk")
    assert "No partnership yet" in cli("status", check=True).stdout


# --------------------------------------------------------------------------- bad files
BAD_FILES = {
    "deeply nested (10 KB)": ("a: " + "[" * 5000 + "]" * 5000, "nests deeper"),
    "a list as a mapping key": ("? [a, b]\n: 1", "not a list"),
    "not YAML": ("title: [unclosed\n", "not valid YAML"),
    "not a mapping": ("- a\n- b\n", "mapping of fields"),
    "binary": ("\x00\x01\x02", "not"),
}


@pytest.fixture(scope="module")
def registered_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A home with the example registered, made once (by real processes, all closed)."""
    home = tmp_path_factory.mktemp("registered") / "home"
    setup = Cli(home, f"sqlite:///{home / 'coopact.db'}", subprocess=True)
    setup("init", check=True)
    setup("new", str(EXAMPLE), check=True)
    return home


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_exits_2_with_its_path_and_writes_nothing(
    name: str, tmp_path: Path, registered_home: Path
) -> None:
    text, words = BAD_FILES[name]
    home = tmp_path / "home"
    shutil.copytree(registered_home, home)
    cli = Cli(home, f"sqlite:///{home / 'coopact.db'}")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    before = snapshot(home)
    for args in [("new", str(bad)), ("amend", "P-2027-001", str(bad))]:
        assert_clear(cli(*args), 2, words)
    assert snapshot(home) == before


def test_an_unexpected_error_shows_a_correlation_id_and_logs_the_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coopact import services

    home = tmp_path / "home"
    cli = Cli(home, f"sqlite:///{home / 'coopact.db'}")
    cli("init", check=True)

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("a defect")

    monkeypatch.setattr(services.overview, "overview", broken)
    result = cli("status")
    assert_clear(result, 4, "correlation id", "errors.log")
    log = (home / "logs" / "errors.log").read_text()
    assert "ZeroDivisionError: a defect" in log and "Traceback" in log
    correlation = result.stderr.split("correlation id ")[1].split()[0].strip(".")
    assert correlation in log
    debug = cli("--debug", "status")
    assert debug.returncode == 4 and "ZeroDivisionError" in debug.stderr


def _require_postgres() -> None:
    """The missing-database case needs a live server to say the database is missing."""
    import socket

    from sqlalchemy.engine import make_url

    url = make_url(PG_URL)
    try:
        socket.create_connection((url.host or "127.0.0.1", url.port or 5432), timeout=2).close()
    except OSError:
        if os.environ.get("COOPACT_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL required but unreachable at {PG_URL}")
        pytest.skip(f"PostgreSQL unreachable at {PG_URL}")


def _other_file(tmp_path: Path) -> Path:
    other = tmp_path / "other.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("P-2027-001", "P-2027-002")
    other.write_text(text, encoding="utf-8")
    return other
