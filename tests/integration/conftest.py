"""Run the real `coopact` command against a given database: in-process (typer's runner,
fast) or as a subprocess (exit codes and output exactly as a user sees them)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coopact.bootstrap import wiring


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str


@dataclass
class Cli:
    home: Path
    database_url: str
    subprocess: bool = False

    @property
    def env(self) -> dict[str, str]:
        return {
            "COOPACT_HOME": str(self.home),
            "COOPACT_DATABASE_URL": self.database_url,
            "COLUMNS": "200",
        }

    def __call__(self, *args: str, check: bool = False) -> Result:
        result = self._run_subprocess(args) if self.subprocess else self._run_in_process(args)
        if check and result.returncode != 0:
            raise AssertionError(
                f"coopact {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
            )
        return result

    def _run_subprocess(self, args: tuple[str, ...]) -> Result:
        done = subprocess.run(
            [sys.executable, "-m", "coopact", *args],
            env={**os.environ, **self.env},
            capture_output=True,
            text=True,
            timeout=300,
        )
        return Result(done.returncode, done.stdout, done.stderr)

    def _run_in_process(self, args: tuple[str, ...]) -> Result:
        from coopact.entrypoints.cli.main import app

        wiring.engine.cache_clear()
        saved = {k: os.environ.get(k) for k in self.env}
        os.environ.update(self.env)
        try:
            done = CliRunner().invoke(app, list(args), catch_exceptions=False)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
            wiring.engine.cache_clear()
        return Result(done.exit_code, done.stdout, done.stderr)


@pytest.fixture
def cli(tmp_path: Path, db_url: str) -> Iterator[Cli]:
    yield Cli(tmp_path / "home", db_url)


@pytest.fixture
def cli_process(tmp_path: Path, db_url: str) -> Cli:
    return Cli(tmp_path / "home", db_url, subprocess=True)
