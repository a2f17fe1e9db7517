"""Shared fixtures: real databases (a SQLite file, PostgreSQL), the example file, a CLI runner.

Each test gets a fresh database cloned from a template migrated once per session (per
pytest-xdist worker): a copy of a migrated SQLite file, or on PostgreSQL
(COOPACT_TEST_POSTGRES_URL, default: the local server's `test` database) a
``CREATE DATABASE ... TEMPLATE``. When COOPACT_REQUIRE_POSTGRES=1 (CI), an unreachable server
fails the run instead of skipping.

`make test` runs the tests on pytest-xdist workers; every name a test creates (databases,
folders, ports) is random or under the worker's own temporary folder, each test gets the
environment it started with back, and the tests of one shared Prefect server
(``prefect_server``) run on one worker, one after the other.
"""

from __future__ import annotations

import copy
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from coopact.store.db import make_engine
from coopact.store.keys import Keyring, load_keyring
from coopact.store.migrate import upgrade
from coopact.store.uow import UnitOfWork
from tests.ports import free_port

# Hypothesis: few examples by default (`make test`), the full count with `make test-long`
# (HYPOTHESIS_PROFILE=long, nightly). Tests set no max_examples of their own.
hypothesis_settings.register_profile(
    "default",
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
hypothesis_settings.register_profile(
    "long",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "partnership.example.yaml"
PG_URL = os.environ.get("COOPACT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


# ------------------------------------------------------------------ pytest-xdist groups
# The tests of the session's Prefect server (fixture ``prefect_server``) run on one worker,
# one after the other: one server for the whole run, and no two tests mixing their runs on
# it. pytest-xdist's own ``xdist_group`` mark does not reach its scheduler under pytest 9.2
# (the node id it rewrites is no longer the one reported), so the workers write the ids of
# these tests to a file that the controller's scheduler reads.
GROUPS_FILE = "COOPACT_TEST_GROUPS_FILE"
PREFECT_GROUP = "prefect-server"


def pytest_configure(config: pytest.Config) -> None:
    if getattr(config.option, "numprocesses", None) and "PYTEST_XDIST_WORKER" not in os.environ:
        handle, path = tempfile.mkstemp(prefix="coopact-xdist-groups-")
        os.close(handle)
        os.environ[GROUPS_FILE] = path  # the workers, started after this, inherit it
        config.add_cleanup(lambda: _remove_group_files(path))


def _remove_group_files(path: str) -> None:
    for leftover in Path(path).parent.glob(Path(path).name + "*"):
        leftover.unlink(missing_ok=True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    worker, groups = os.environ.get("PYTEST_XDIST_WORKER"), os.environ.get(GROUPS_FILE)
    if not worker or not groups:
        return
    # The long tests (mark ``slow``) are handed out first: none of them ends the run alone.
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
    grouped = [i.nodeid for i in items if "prefect_server" in getattr(i, "fixturenames", ())]
    Path(f"{groups}.{worker}").write_text("\n".join(grouped), encoding="utf-8")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    if config.getoption("dist") != "loadgroup" or not os.environ.get(GROUPS_FILE):
        return None
    from xdist.scheduler import LoadGroupScheduling

    path = os.environ[GROUPS_FILE]

    class GroupScheduling(LoadGroupScheduling):  # type: ignore[misc]
        """Each test is its own unit, except the Prefect server's tests: one unit (and the
        tests of an ``xdist_group`` mark, should xdist see them again). The largest unit is
        handed out first, so that group starts at once."""

        grouped: set[str] | None = None

        def _split_scope(self, nodeid: str) -> str:
            if self.grouped is None:
                self.grouped = set()
                for part in Path(path).parent.glob(Path(path).name + ".*"):
                    self.grouped.update(part.read_text(encoding="utf-8").split("\n"))
            if nodeid in self.grouped:
                return PREFECT_GROUP
            return str(super()._split_scope(nodeid))

    return GroupScheduling(config, log)


@pytest.fixture(autouse=True)
def _environment_restored() -> Iterator[None]:
    """Whatever a test puts in os.environ (PREFECT_API_URL, PREFECT_HOME set by an
    in-process command...) is gone after it: no test depends on the ones run before it."""
    saved = dict(os.environ)
    yield
    if os.environ != saved:
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture(scope="session", autouse=True)
def audit_secret_key() -> str:
    """A random secret for this test session (never a fixed, committed one): units of work
    built with ``UnitOfWork.for_engine(engine)`` and the CLI both sign the audit chain with
    it (COOPACT_SECRET_KEY), subprocesses included."""
    if not os.environ.get("COOPACT_SECRET_KEY"):
        os.environ["COOPACT_SECRET_KEY"] = secrets.token_hex(32)
    return os.environ["COOPACT_SECRET_KEY"]


# Argon2 at the product's strength costs a tenth of a second of CPU (64 MiB, 3 passes, 4
# lanes) for each password hashed or checked, and the portal tests sign in hundreds of times
# (an unknown address is checked against a dummy hash: the same work). In this process the
# portal hashes with argon2id at its lightest; `coopact` subprocesses (web, user add) keep
# the product's parameters, which tests/unit/test_password_hashing.py checks.
PRODUCT_HASHER: list[Callable[[], Any]] = []


def _light_hasher() -> Any:
    from argon2 import PasswordHasher

    return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


@pytest.fixture(scope="session", autouse=True)
def _light_password_hashing() -> Iterator[None]:
    from coopact.services import users

    PRODUCT_HASHER.append(users._hasher)
    users._hasher = _light_hasher  # type: ignore[assignment]
    users._dummy_hash.cache_clear()
    yield
    users._hasher = PRODUCT_HASHER.pop()  # type: ignore[method-assign]
    users._dummy_hash.cache_clear()


@pytest.fixture
def keyring(tmp_path: Path) -> Keyring:
    """A keyring of its own, from a key file created in the test's folder."""
    return load_keyring(tmp_path / "keys", {})


@pytest.fixture(autouse=True)
def _coopact_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test writes the working directory's .coopact (the secret store's key file, made
    when a gate mail signs its decision links): a home of its own unless one is set."""
    if "COOPACT_HOME" not in os.environ:
        monkeypatch.setenv("COOPACT_HOME", str(tmp_path_factory.mktemp("coopact-home")))


@pytest.fixture(scope="session")
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def example_data(example_text: str) -> dict[str, Any]:
    return copy.deepcopy(_example_data(example_text))


_cache: dict[str, Any] = {}


def _example_data(text_: str) -> dict[str, Any]:
    if "data" not in _cache:
        _cache["data"] = yaml.safe_load(text_)
    return _cache["data"]  # type: ignore[no-any-return]


@pytest.fixture(scope="session", autouse=True)
def _no_local_prefect_server_left(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A command may start the local Prefect server of its temporary home (a detached
    process that outlives the command): stop every one of them at the end of the session,
    those started in-process (CliRunner) and those a `coopact` subprocess recorded in a
    home under this session's (this worker's) temporary folder."""
    yield
    from coopact.adapters.config import settings
    from coopact.adapters.prefect import server as prefect_server

    for config in list(prefect_server.STARTED):
        prefect_server.stop_server(config)
    for state in tmp_path_factory.getbasetemp().glob("**/prefect/server.json"):
        prefect_server.stop_server(settings({"COOPACT_HOME": str(state.parent.parent)}))


# ----------------------------------------------------------------------- Prefect server
# One real Prefect server for the whole test session (starting one costs seconds): every
# test that needs one asks for ``prefect_server`` and sets PREFECT_API_URL to it, instead
# of letting a command start the local server of its temporary home (a process that
# outlives the test). Its tests run on one worker (see the xdist groups above).
@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("prefect-server")
    port = free_port()
    env = {
        **os.environ,
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "DO_NOT_TRACK": "1",
        # Services on (task runs are recorded from events by a service), but no scheduler:
        # no test waits for a cron.
        "PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED": "false",
    }
    with running_prefect_server(env, port, home / "server.log", flags=("--analytics-off",)) as api:
        yield api


@contextmanager
def running_prefect_server(
    env: dict[str, str],
    port: int,
    log_path: Path,
    *,
    wait: float = 120,
    flags: tuple[str, ...] = (),
) -> Iterator[str]:
    """A `prefect server start` on ``port`` with ``env``, its output in ``log_path``; its API
    URL once healthy (the test fails, naming the log, when it does not start in ``wait``
    seconds); stopped on leaving."""
    with log_path.open("wb") as log:
        prefect = Path(sys.executable).with_name("prefect")
        process = subprocess.Popen(
            [str(prefect), "server", "start", "--host", "127.0.0.1", "--port", str(port),
             "--no-ui", *flags],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        api = f"http://127.0.0.1:{port}/api"
        deadline = time.monotonic() + wait
        while True:
            try:
                if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"the Prefect server did not start: see {log_path}")
            time.sleep(0.5)
        try:
            yield api
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


# --------------------------------------------------------------------------- PostgreSQL
def _admin_engine():  # type: ignore[no-untyped-def]
    url = make_url(PG_URL).set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT")


class Databases:
    """PostgreSQL databases cloned from a template (CREATE DATABASE ... TEMPLATE) and
    dropped off the tests' path: while a test runs, one thread makes the next clone of its
    template (the next test takes it at once) and drops the databases of the tests that
    ended. A clone costs about a second on a busy machine, a drop as much; each test still
    gets a database of its own, made from the migrated template and dropped after it."""

    def __init__(self) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-databases")
        self._spares: dict[str, Future[str]] = {}
        self._drops: list[Future[None]] = []

    def clone(self, template: str) -> str:
        """A new database made from ``template``: the spare made in the background (when
        there is one), and the next spare started."""
        spare = self._spares.pop(template, None)
        name = spare.result() if spare is not None else _clone(template)
        self._spares[template] = self._thread.submit(_clone, template)
        return name

    def drop(self, name: str) -> None:
        self._drops.append(self._thread.submit(_drop_database, name))

    def settle(self, template: str) -> None:
        """No clone of ``template`` made or in the making any more (before it is dropped)."""
        spare = self._spares.pop(template, None)
        if spare is not None:
            _drop_database(spare.result())

    def close(self) -> None:
        for template in list(self._spares):
            self.settle(template)
        for done in self._drops:
            done.result()  # a drop that failed fails the session's teardown
        self._thread.shutdown()


def _clone(template: str) -> str:
    name = f"coopact_t_{uuid.uuid4().hex[:10]}"
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    admin.dispose()
    return name


@pytest.fixture(scope="session")
def pg_databases() -> Iterator[Databases]:
    databases = Databases()
    yield databases
    databases.close()


@pytest.fixture(scope="session")
def pg_template(pg_databases: Databases) -> Iterator[str]:
    """A PostgreSQL database migrated once, cloned by each test (CREATE DATABASE ... TEMPLATE)."""
    try:
        admin = _admin_engine()
        with admin.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        if os.environ.get("COOPACT_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"PostgreSQL required but unreachable at {PG_URL}: {exc}")
        pytest.skip(f"PostgreSQL unreachable at {PG_URL}")
    name = f"coopact_tpl_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield name
    pg_databases.settle(name)  # its spare clone made and dropped: nothing reads it
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pg_url(pg_template: str, pg_databases: Databases) -> Iterator[str]:
    name = pg_databases.clone(pg_template)
    yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    pg_databases.drop(name)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once (Alembic), copied by each test."""
    path = tmp_path_factory.mktemp("sqlite-template") / "coopact.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    engine.dispose()
    with sqlite3.connect(path) as conn:  # everything in the main file, no -wal beside it
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path, sqlite_template: Path) -> str:
    target = tmp_path / "coopact.db"
    shutil.copyfile(sqlite_template, target)
    return f"sqlite:///{target}"


class PreparedStates:
    """States that many tests start from (a partnership at a given gate, its COOPACT_HOME),
    built once per session and backend through the real use cases, then copied for each
    test: a SQLite file (SQLite's backup), a PostgreSQL database (CREATE DATABASE ...
    TEMPLATE) and the home folder. Each test changes its own copy only."""

    def __init__(self, root: Path, databases: Databases) -> None:
        self._root = root
        self._databases = databases
        self._built: dict[tuple[str, str], tuple[str, Path]] = {}

    def copy(
        self,
        key: str,
        backend: str,
        build: Callable[[str, Path], None],
        request: pytest.FixtureRequest,
    ) -> tuple[str, Path]:
        """A database URL and a home folder (in the test's tmp_path) holding the state
        ``key`` on ``backend`` ("sqlite" or "postgresql"); ``build(url, home)`` makes it."""
        if (key, backend) not in self._built:
            self._built[(key, backend)] = self._build(key, backend, build, request)
        into: Path = request.getfixturevalue("tmp_path")
        url, home = self._built[(key, backend)]
        shutil.copytree(home, into / "home")
        if backend == "sqlite":
            target = into / "coopact.db"
            source_db, copy_db = sqlite3.connect(make_url(url).database), sqlite3.connect(target)
            try:
                source_db.backup(copy_db)  # consistent, WAL included
            finally:
                source_db.close()
                copy_db.close()
            return f"sqlite:///{target}", into / "home"
        name = self._databases.clone(str(make_url(url).database))
        request.addfinalizer(lambda: self._databases.drop(name))
        return make_url(PG_URL).set(database=name).render_as_string(
            hide_password=False
        ), into / "home"

    def _build(
        self,
        key: str,
        backend: str,
        build: Callable[[str, Path], None],
        request: pytest.FixtureRequest,
    ) -> tuple[str, Path]:
        folder = Path(tempfile.mkdtemp(prefix=f"{key}-{backend}-", dir=self._root))
        if backend == "sqlite":
            url = f"sqlite:///{folder / 'coopact.db'}"
            shutil.copyfile(request.getfixturevalue("sqlite_template"), folder / "coopact.db")
        else:
            template = request.getfixturevalue("pg_template")
            name = f"coopact_prep_{uuid.uuid4().hex[:8]}"
            admin = _admin_engine()
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
            admin.dispose()
            url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        build(url, folder / "home")
        if backend == "postgresql":  # a template has no session open on it
            admin = _admin_engine()
            with admin.connect() as conn:
                conn.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": make_url(url).database},
                )
            admin.dispose()
        return url, folder / "home"

    def drop(self) -> None:
        for url, _home in self._built.values():
            if not url.startswith("sqlite"):
                self._databases.settle(str(make_url(url).database))
                _drop_database(make_url(url).database)


def _drop_database(name: str | None) -> None:
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def prepared_states(
    tmp_path_factory: pytest.TempPathFactory, pg_databases: Databases
) -> Iterator[PreparedStates]:
    states = PreparedStates(tmp_path_factory.mktemp("prepared"), pg_databases)
    yield states
    states.drop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """A freshly migrated database, once on SQLite and once on PostgreSQL."""
    name = "sqlite_url" if request.param == "sqlite" else "pg_url"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


@pytest.fixture
def uow(db_url: str) -> Iterator[UnitOfWork]:
    engine = make_engine(db_url)
    yield UnitOfWork.for_engine(engine)
    engine.dispose()


@pytest.fixture
def sqlite_uow(sqlite_url: str) -> Iterator[UnitOfWork]:
    engine = make_engine(sqlite_url)
    yield UnitOfWork.for_engine(engine)
    engine.dispose()
