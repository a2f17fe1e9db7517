"""A wheel built from the checkout carries the templates and runs the demo outside it."""

from __future__ import annotations

import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from tests.wheel_support import build_wheel, venv_with

pytestmark = pytest.mark.slow


def test_the_wheel_carries_the_templates_and_runs_the_demo_outside_the_checkout(
    tmp_path: Path,
) -> None:
    wheel = build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    for expected in (
        "coopact/templates/fr/agreement.docx",
        "coopact/templates/en/charter.docx",
        "coopact/templates/clauses/fr/force_majeure.md",
        "coopact/templates/mail/fr/signature.txt.j2",
        "coopact/examples/partnership.example.yaml",
    ):
        assert expected in names

    # A fresh virtualenv that borrows the dependencies of this one (no download), with
    # coopact itself installed from the wheel only.
    venv = tmp_path / "venv"
    python = venv_with(wheel, venv) / "python"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COOPACT_", "PREFECT_"))}
    env["PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS"] = "180"  # a busy machine
    where = subprocess.run(
        [str(python), "-c", "import coopact; print(coopact.__file__)"],
        check=True, capture_output=True, text=True, cwd=elsewhere, env=env,
    ).stdout  # fmt: skip
    assert str(venv) in where  # the installed copy, not the checkout

    demo = subprocess.run(
        [str(venv / "bin" / "coopact"), "demo", "--home", str(elsewhere / "demo")],
        capture_output=True, text=True, cwd=elsewhere, env=env, timeout=600,
    )  # fmt: skip
    assert demo.returncode == 0, demo.stdout + demo.stderr
    assert "Demo finished" in demo.stdout
    documents = elsewhere / "demo" / "documents"
    assert (documents / "P-2027-001-agreement-fr.docx").stat().st_size > 10_000
    assert (documents / "P-2027-002-termination-letter.docx").stat().st_size > 5_000
