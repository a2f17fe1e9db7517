"""Benchmark: `coopact status --json` over N partnerships (target: 10,000 in under 5 s and
300 MB), against the bare imports of the command line.

    python benchmarks/status.py [N, default 10000] [--db URL] [--runs 3] [--in-review]

N active partnerships are made the fastest faithful way (benchmarks/_populate.py --audit:
the example through the real lifecycle once, then its rows copied, documents and audit
events included), in a fresh SQLite database (or --db, a fresh PostgreSQL database). Each
command runs as its own process; the script prints the median of the runs, their CPU time,
the process's peak memory, the targets and the ratios against the bare imports, which
depend less on the machine's load. With --in-review, their reviews are opened first: each
then awaits its comité de pilotage (the listing reads who decides and the gate's decisions).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _measure

SECONDS, MEGABYTES = 5.0, 300.0  # targets at 10,000 partnerships


def verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=10000)
    parser.add_argument("--db", help="a fresh, empty database URL (default: SQLite)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--in-review", action="store_true", help="open their reviews first (a gate awaited)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        url = args.db or f"sqlite:///{home}/coopact.db"
        # As installed: the bytecode cache written once (PYTHONDONTWRITEBYTECODE dropped).
        environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env = {**environ, "COOPACT_HOME": home, "COOPACT_DATABASE_URL": url}
        # In a process of its own: children inherit the peak memory of their parent.
        here = Path(__file__).resolve().parent
        populate = [sys.executable, str(here / "_populate.py"), url, str(args.n), "--audit"]
        day = _measure.run(populate, env)[2].decode().strip().splitlines()[-1]
        python = sys.executable
        if args.in_review:  # every partnership awaits its comité de pilotage
            opening = (
                "import datetime as d; from coopact import services; "
                "from coopact.bootstrap import units; "
                f"services.review_due(units.uow(), d.date.fromisoformat('{day}'))"
            )
            _measure.run([python, "-c", opening], env)
        bare = [python, "-c", "import sqlalchemy, pydantic, typer, rich"]
        status = [python, "-m", "coopact", "status", "--json"]
        print(f"coopact status --json over {args.n} partnerships "
              f"{'in review' if args.in_review else 'active'} ({url.split(':')[0]}); "
              f"{_measure.load()}")  # fmt: skip
        measured = {}
        for label, command in (("bare imports", bare), ("status --json", status)):
            runs = [_measure.run_cpu(command, env) for _ in range(args.runs)]
            measured[label] = (
                statistics.median(r[0] for r in runs),
                max(r[2] for r in runs),
                statistics.median(r[1] for r in runs),
            )
            seconds, peak, cpu = measured[label]
            print(f"  {label:<14} {seconds:6.2f} s  (CPU {cpu:5.2f} s)  peak {peak:6.0f} MB")
            if command is status:
                listed = json.loads(runs[0][3])
                assert len(listed) == args.n, len(listed)
        seconds, peak, cpu = measured["status --json"]
        base_seconds, base_peak, base_cpu = measured["bare imports"]
        if args.n != 10000:
            print("  (the targets are for 10,000 partnerships)")
        ok = seconds < SECONDS
        print(f"  target < {SECONDS:.0f} s: {seconds:.2f} s  {verdict(ok)}"
              f"  ({seconds / base_seconds:.1f}x the bare imports; CPU {cpu:.2f} s, "
              f"{cpu / base_cpu:.1f}x theirs)")  # fmt: skip
        print(f"  target < {MEGABYTES:.0f} MB: {peak:.0f} MB  {verdict(peak < MEGABYTES)}"
              f"  ({peak - base_peak:.0f} MB above the bare imports)")  # fmt: skip
        print(f"  {_measure.load()}")


if __name__ == "__main__":
    main()
