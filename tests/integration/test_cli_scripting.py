"""Issue 27, a scriptable CLI: the value on stdout and the messages on stderr, a closed
pipe ends quietly with exit 0, --help shows flags without a type, shell completion."""

from __future__ import annotations

import os
import subprocess
import sys

from coopact import services
from coopact.adapters.config import settings
from coopact.store.uow import UnitOfWork
from tests.conftest import EXAMPLE
from tests.integration.conftest import Cli


def test_new_gives_exactly_the_reference_on_stdout(cli_process: Cli) -> None:
    cli_process("init", check=True)
    done = subprocess.run(
        ["sh", "-c", f'REF=$("{sys.executable}" -m coopact new "{EXAMPLE}"); echo "[$REF]"'],
        env={**os.environ, **cli_process.env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[P-2027-001]\n"
    assert "Registered P-2027-001 (stage draft)." in done.stderr


def _closed_early(cli: Cli, *args: str) -> tuple[int, str]:
    """Run coopact with its stdout a pipe its reader closed before the first line."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone (`| head -1` after its line, `| true`)
    with subprocess.Popen(
        [sys.executable, "-m", "coopact", *args],
        env={**os.environ, **cli.env},
        stdout=write,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        os.close(write)
        _, stderr = process.communicate(timeout=120)
    return process.returncode, stderr


def test_a_closed_pipe_ends_quietly_with_exit_0(cli_process: Cli) -> None:
    cli_process("init", check=True)
    cli_process("new", str(EXAMPLE), check=True)
    for args in (("status", "--json"), ("status",), ("history", "P-2027-001")):
        code, stderr = _closed_early(cli_process, *args)
        assert (code, stderr) == (0, ""), args


def test_help_shows_flags_without_a_type(cli: Cli) -> None:
    shown = cli("status", "--help").stdout
    assert "--json" in shown
    assert "<bool>" not in shown
    assert "<bool>" not in cli("--help").stdout
    assert "<str>" in shown  # values keep their type


def test_shell_completion_is_offered(cli_process: Cli) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "coopact", "--show-completion", "bash"],
        env={**os.environ, **cli_process.env, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "complete" in done.stdout and "coopact" in done.stdout


def test_decide_gives_the_stage_alone_on_stdout(cli_process: Cli) -> None:
    cli_process("init", check=True)
    cli_process("new", str(EXAMPLE), check=True)
    services.advance(
        UnitOfWork.for_url(cli_process.database_url), "P-2027-001", templates=settings().templates
    )
    script = (
        f'AFTER=$("{sys.executable}" -m coopact decide P-2027-001 vision_approval --as "Claire '
        'Martin" --role sponsor --for tremplin --outcome approve --reason "Vision partagée '
        'validée par le bureau") && echo "[$AFTER]"'
    )
    done = subprocess.run(
        ["sh", "-c", script], env={**os.environ, **cli_process.env},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == "[draft]\n"  # one sponsor of two: still at the vision
    assert "P-2027-001: " in done.stderr  # what was done, for the person
