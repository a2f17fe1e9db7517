"""Benchmark: `coopact decide` with a running Prefect server, from command to exit.

    python benchmarks/decide.py [runs, default 5]

A fresh COOPACT_HOME (`coopact init`), ``runs`` partnerships registered and brought to the
vision approval through the use cases (not timed), then `coopact server start` once. Each
`coopact decide` is a fresh process, as an officer types it, and a visible Prefect run:

- a vote that leaves the gate open (the first sponsor of each partnership);
- a vote that closes the gate, so that the next stage's work (the balance) runs too.

Prints the median of each (target: under 3 s) and the machine's load; `coopact server
stop` at the end. The project's modules are compiled to bytecode first, as pip does when it
installs coopact (a checkout run with PYTHONDONTWRITEBYTECODE would compile some seventy
modules again at every command).
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import _measure  # noqa: E402

TARGET = 3.0


CPU: list[float] = []  # the CPU seconds of each command (less sensitive to the load)


def _coopact(env: dict[str, str], *args: str) -> float:
    """Seconds from command to exit; fails loudly when the command fails."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "coopact", *args], env=env, cwd=ROOT, capture_output=True
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(
            f"coopact {' '.join(args[:2])} failed ({done.returncode}):\n"
            + (done.stdout + done.stderr).decode(errors="replace")[-2000:]
        )
    return seconds


def _at_vision_approval(runs: int) -> list[tuple[str, list[tuple[str, str]]]]:
    """``runs`` partnerships awaiting the vision approval; (reference, [(sponsor, key)])."""
    from coopact import services
    from coopact.adapters.loading import load_text
    from coopact.bootstrap import units, writing
    from coopact.entrypoints.cli import demo

    found = []
    example = load_text(demo.demo_file(), "benchmark partnership")
    for i in range(runs):  # each its own file: the same file is registered once
        partnership = example.model_copy(update={"reference": f"P-2027-{900 + i:03d}"})
        reference = services.register(units.uow(), partnership, actor="benchmark").reference
        writing.advance(reference, using=writing.adapters(mail=False, signing=False))
        sponsors = [(p.sponsor.name, p.key) for p in partnership.partners if p.sponsor]
        found.append((reference, sponsors))
    return found


def _vote(env: dict[str, str], reference: str, sponsor: tuple[str, str]) -> float:
    name, key = sponsor
    return _coopact(
        env, "decide", reference, "vision_approval", "--as", name, "--role", "sponsor",
        "--for", key, "--outcome", "approve", "--reason", "Vision partagée, approuvée.",
    )  # fmt: skip


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as home:
        os.environ["COOPACT_HOME"] = home
        for variable in ("COOPACT_DATABASE_URL", "PREFECT_API_URL", "PREFECT_HOME"):
            os.environ.pop(variable, None)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        packages = ("coopact", "contracts", "schemas", "store", "flows")  # the real folders
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", *packages], cwd=ROOT, check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        print(f"coopact decide with a running server, {runs} runs each; {_measure.load()}")
        _coopact(env, "init")
        partnerships = _at_vision_approval(runs + 1)
        started = _coopact(env, "server", "start")
        print(f"  coopact server start: {started:.1f} s (once)")
        try:
            _vote(env, partnerships[0][0], partnerships[0][1][0])  # a home's first run: not timed
            open_votes = [_vote(env, ref, sponsors[0]) for ref, sponsors in partnerships[1:]]
            open_cpu = CPU[-runs:]
            closing = [_vote(env, ref, sponsors[1]) for ref, sponsors in partnerships[1:]]
            closing_cpu = CPU[-runs:]
        finally:
            _coopact(env, "server", "stop")
        for label, times, cpu in (
            ("a vote, gate still open", open_votes, open_cpu),
            ("the vote closing the gate (balance written)", closing, closing_cpu),
        ):
            median = statistics.median(times)
            verdict = "met" if median < TARGET else "NOT met"
            print(
                f"  {label}: median {median:.2f} s "
                f"({', '.join(f'{t:.2f}' for t in times)}; CPU {statistics.median(cpu):.2f} s); "
                f"target < {TARGET:.0f} s: {verdict}"
            )
        print(f"  {_measure.load()}")


if __name__ == "__main__":
    main()
