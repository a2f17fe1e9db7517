"""A wheel built from the checkout as a fresh clone has it, and a fresh virtualenv with
coopact installed from that wheel only (borrowing this one's dependencies: no download)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def sources(into: Path) -> Path:
    """The project's files as a fresh clone has them: a ``build/`` folder left in the
    checkout by an earlier build (a renamed migration, say) must not reach the wheel."""
    shutil.copytree(
        ROOT,
        into,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "build", "dist", "*.egg-info", "demo", "__pycache__",
            ".*_cache", ".hypothesis",
        ),
    )  # fmt: skip
    return into


def build_wheel(tmp_path: Path) -> Path:
    out = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(sources(tmp_path / "src"))],
        check=True, cwd=tmp_path, capture_output=True,
    )  # fmt: skip
    (wheel,) = out.glob("coopact-*.whl")
    return wheel


def venv_with(wheel: Path, venv: Path) -> Path:
    """``venv`` made, coopact installed from ``wheel`` only; its ``bin`` folder."""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    Path(site, "shared.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    return venv / "bin"
