"""Run a command as a child process: its wall time and its own peak memory (wait4)."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path


def load() -> str:
    return "load average " + " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, bytes]:
    """(seconds, peak MB, stdout) of ``command``; raises on a non-zero exit."""
    seconds, _, peak, out = run_cpu(command, env)
    return seconds, peak, out


def run_cpu(
    command: list[str], env: dict[str, str] | None = None
) -> tuple[float, float, float, bytes]:
    """(wall seconds, CPU seconds (user + system), peak MB, stdout) of ``command``: on a
    busy machine the CPU time of a one-threaded command moves less than its wall time."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = process.stdout.read() if process.stdout else b""  # type: ignore[union-attr]
    err = process.stderr.read() if process.stderr else b""  # type: ignore[union-attr]
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{err.decode(errors='replace')[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out
