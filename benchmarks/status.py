"""Benchmark: `coopact status --json` over N partnerships (target: 10,000 in under 5 s and
300 MB), against the bare imports of the command line.

    python benchmarks/status.py [N] [--db URL]

N active partnerships are made the fastest faithful way (benchmarks/_populate.py: the
example through the real lifecycle once, then its rows copied, documents included), in a
fresh SQLite database (or --db, a fresh PostgreSQL database). Each command runs as its own
process; the script prints the median of 3 runs and the process's peak memory.
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=1000)
    parser.add_argument("--db", help="a fresh, empty database URL (default: SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        url = args.db or f"sqlite:///{home}/coopact.db"
        # In a process of its own: children inherit the peak memory of their parent.
        here = Path(__file__).resolve().parent
        _measure.run([sys.executable, str(here / "_populate.py"), url, str(args.n)])
        env = {**os.environ, "COOPACT_HOME": home, "COOPACT_DATABASE_URL": url}
        python = sys.executable
        bare = [python, "-c", "import sqlalchemy, pydantic, typer, rich"]
        status = [python, "-m", "coopact", "status", "--json"]
        print(f"coopact status --json over {args.n} partnerships ({url.split(':')[0]}); "
              f"{_measure.load()}")  # fmt: skip
        for label, command in (("bare imports", bare), ("status --json", status)):
            runs = [_measure.run(command, env) for _ in range(3)]
            seconds = statistics.median(r[0] for r in runs)
            peak = max(r[1] for r in runs)
            print(f"  {label:<14} {seconds:6.2f} s  peak {peak:6.0f} MB")
            if command is status:
                listed = json.loads(runs[0][2])
                assert len(listed) == args.n, len(listed)
        print(f"  targets at 10,000: under 5 s and 300 MB; {_measure.load()}")


if __name__ == "__main__":
    main()
