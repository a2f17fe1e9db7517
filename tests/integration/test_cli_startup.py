"""`coopact --help`, `--version` and the read-only commands load neither Prefect, nor
matplotlib, nor the document stack (issue 12, item 1): the start-up rule of
coopact/entrypoints/cli/main.py, for every module of coopact/entrypoints/cli/ too, since they
are imported when the CLI starts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE
from tests.integration.conftest import Cli

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("prefect", "matplotlib", "docxtpl", "docx", "jinja2", "alembic", "httpx", "numpy")

PROBE = """
import json, sys
sys.argv = ["coopact", *sys.argv[1:]]
from coopact.entrypoints.cli.main import app
try:
    app(prog_name="coopact")
except SystemExit as done:
    code = done.code
else:
    code = 0
light = set(json.loads(LIGHT))
names = {
    n for m in sys.modules if m not in light
    for n in (m.split(".")[0], ".".join(m.split(".")[:2]), m)
}
loaded = sorted(names & set(json.loads(HEAVY)))
sys.stderr.write("\\nPROBE " + json.dumps({"code": code, "loaded": loaded}) + "\\n")
"""


def probe(
    env: dict[str, str], *args: str, heavy: tuple[str, ...] = HEAVY, light: tuple[str, ...] = ()
) -> dict[str, object]:
    """What of ``heavy`` (modules, or their packages) the command loaded; the modules in
    ``light`` are not counted, nor do they count for their package."""
    code = PROBE.replace("json.loads(HEAVY)", repr(list(heavy)))
    code = code.replace("json.loads(LIGHT)", repr(list(light)))
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    line = next(x for x in done.stderr.splitlines() if x.startswith("PROBE "))
    return json.loads(line.removeprefix("PROBE "))  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def registered(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    home = tmp_path_factory.mktemp("startup") / "home"
    cli = Cli(home, f"sqlite:///{home / 'coopact.db'}", subprocess=True)
    cli("init", check=True)
    cli("new", str(EXAMPLE), check=True)
    return cli


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("--version",),
        ("status",),
        ("status", "--json"),
        ("status", "P-2027-001"),
        ("history", "P-2027-001"),
        ("documents", "P-2027-001"),
        ("audit", "verify"),
    ],
    ids=" ".join,
)
def test_read_commands_import_no_prefect_matplotlib_or_document_stack(
    registered: Cli, args: tuple[str, ...]
) -> None:
    found = probe(registered.env, *args)
    assert found["code"] in (0, None), found
    assert found["loaded"] == [], f"coopact {' '.join(args)} imported {found['loaded']}"


@pytest.mark.parametrize("command", ["decide", "new", "amend", "review-due", "advance"])
def test_a_write_commands_help_loads_no_prefect(registered: Cli, command: str) -> None:
    """A write command's module imports what the command does at its top (the registry
    loads it only for that command), the document stack included; Prefect never before a
    flow runs."""
    found = probe(registered.env, command, "--help", heavy=("prefect", "matplotlib"))
    assert found["code"] in (0, None), found
    assert found["loaded"] == [], f"coopact {command} --help imported {found['loaded']}"


# What `--help`, `coopact status` (the one-line-a-partnership table), `history`, `documents`
# and `audit verify` do not need either: the partnership schema's models (a fifth of a
# second to build), Babel, the e-mail checker, pydantic itself (typer's pydantic coercion is
# skipped for plain text and flags: coopact/entrypoints/cli/coercion.py), tomllib when there
# is no coopact.toml to read. One partnership's `status` needs the schema: it computes the
# method scorecard from the whole file.
LISTING_SPARES = ("coopact.schemas", "babel", "email_validator", "stdnum", "pydantic", "tomllib")
# Except the package's own door: its lazy names (schemas/__init__.py builds nothing when
# imported), and coopact.schemas.lazy, which the coopact.services facade is built with.
SCHEMAS_DOOR = ("coopact.schemas", "coopact.schemas.lazy")


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("status",),
        ("history", "P-2027-001"),
        ("documents", "P-2027-001"),
        ("audit", "verify"),
    ],
    ids=" ".join,
)
def test_the_listing_and_help_load_not_even_the_partnership_schema(
    registered: Cli, args: tuple[str, ...]
) -> None:
    found = probe(registered.env, *args, heavy=LISTING_SPARES, light=SCHEMAS_DOOR)
    assert found["code"] in (0, None), found
    assert found["loaded"] == [], f"coopact {' '.join(args)} imported {found['loaded']}"


# What `status` (the table and one partnership's), `history`, `documents` and `audit verify`
# do not need either: SQLAlchemy's ORM and the 31 declarative tables (about half of the bare
# imports' time to import and map); they read through SQLAlchemy Core (store/reading.py,
# issue 25).
ORM = ("sqlalchemy.orm", "coopact.store.tables", "coopact.store.uow")


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("status",),
        ("history", "P-2027-001"),
        ("documents", "P-2027-001"),
        ("history", "P-2099-999"),
        ("audit", "verify"),
        ("audit", "verify", "--json"),
        ("status", "P-2027-001"),
        ("status", "P-2027-001", "--json"),
        ("status", "P-2099-999"),
    ],
    ids=" ".join,
)
def test_the_read_commands_read_without_the_orm(registered: Cli, args: tuple[str, ...]) -> None:
    found = probe(registered.env, *args, heavy=ORM)
    assert found["code"] in (0, None, 1), found
    assert found["loaded"] == [], f"coopact {' '.join(args)} imported {found['loaded']}"


@pytest.mark.parametrize("args", [("status", "P-2027-001"), ("status", "P-2027-001", "--json")])
def test_one_partnerships_status_loads_not_babel(registered: Cli, args: tuple[str, ...]) -> None:
    """Its scorecard and findings write amounts and dates in words without Babel
    (contracts/formatting.py: the same characters, tests/unit/test_formatting.py)."""
    found = probe(registered.env, *args, heavy=("babel",))
    assert found["code"] in (0, None), found
    assert found["loaded"] == [], f"coopact {' '.join(args)} imported {found['loaded']}"


# What one partnership's `status` does not need once its method scorecard is stored and
# still true (coopact/services/scorecards.py, issue 25): the rules, the scorecard, the clause
# library and the module computing the card (`new` stored it when it showed the status).
SCORECARD_COMPUTING = (
    "coopact.services.scorecard_compute", "coopact.contracts.scorecard",
    "coopact.contracts.readiness", "coopact.contracts.agreement",
    "coopact.adapters.documents.clause_library",
)  # fmt: skip


@pytest.mark.parametrize("args", [("status", "P-2027-001"), ("status", "P-2027-001", "--json")])
def test_a_stored_scorecard_is_shown_without_the_rules(
    registered: Cli, args: tuple[str, ...]
) -> None:
    found = probe(registered.env, *args, heavy=SCORECARD_COMPUTING)
    assert found["code"] in (0, None), found
    assert found["loaded"] == [], f"coopact {' '.join(args)} imported {found['loaded']}"


# Nor, then, the partnership file's models (issue 25): the term and who decides at the
# awaited gate are read as plain data (coopact/schemas/term.py, gate_parties.py), the
# rules take the schema's models as annotations only, and nothing builds a pydantic model.
SCHEMA_MODELS = ("coopact.schemas.partnership", "pydantic.main")


@pytest.mark.parametrize("args", [("status", "P-2027-001"), ("status", "P-2027-001", "--json")])
def test_a_stored_scorecard_is_shown_without_the_partnership_schema(
    registered: Cli, args: tuple[str, ...]
) -> None:
    found = probe(registered.env, *args, heavy=SCHEMA_MODELS)
    assert found["code"] in (0, None), found
    assert found["loaded"] == [], f"coopact {' '.join(args)} imported {found['loaded']}"


def test_version_prints_the_package_version() -> None:
    from coopact import __version__

    done = subprocess.run(
        [sys.executable, "-m", "coopact", "--version"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert done.stdout.strip() == f"coopact {__version__}"
