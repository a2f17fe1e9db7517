"""A full disk under COOPACT_HOME (a small tmpfs, filled to the last byte): a decision
ends in exit 3 with one paragraph and records nothing; once space is freed, the same
command records it once and the record verifies."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.conftest import VOTE, at_vision_gate, decisions, fill, one_paragraph
from tests.integration.conftest import Cli


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 MB file system of its own (root may mount a tmpfs; elsewhere: skipped)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mount)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_during_decide_is_exit_3_then_the_vote_counts_once(small_disk: Path) -> None:
    home = small_disk / "home"
    url = f"sqlite:///{home / 'coopact.db'}"
    cli = Cli(home, url, subprocess=True)
    cli("init", check=True)
    at_vision_gate(url)
    filler = fill(small_disk)
    one_paragraph(cli(*VOTE), 3, "full")
    filler.unlink()
    assert decisions(url) == 0, "nothing recorded on a full disk"
    done = cli(*VOTE)
    assert done.returncode == 0, done.stdout + done.stderr
    assert decisions(url) == 1
    assert cli("audit", "verify").returncode == 0
