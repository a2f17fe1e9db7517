"""Shared fixtures: real databases (a SQLite file, PostgreSQL), the example file, a CLI runner.

PostgreSQL tests use COOPACT_TEST_POSTGRES_URL (default: the local server's `test`
database); each test gets a fresh database cloned from a template migrated once per session.
When COOPACT_REQUIRE_POSTGRES=1 (CI), an unreachable server fails the run instead of
skipping.
"""

from __future__ import annotations

import copy
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from store.db import make_engine
from store.migrate import upgrade
from store.uow import UnitOfWork

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "partnership.example.yaml"
PG_URL = os.environ.get("COOPACT_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


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


# --------------------------------------------------------------------------- PostgreSQL
def _admin_engine():  # type: ignore[no-untyped-def]
    url = make_url(PG_URL).set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
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
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pg_url(pg_template: str) -> Iterator[str]:
    admin = _admin_engine()
    name = f"coopact_t_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template}"'))
    yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'coopact.db'}"
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url


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
