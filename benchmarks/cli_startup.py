"""Benchmark: how fast the read-only commands answer, against importing the store's libraries.

    python benchmarks/cli_startup.py [N partnerships, default 1000] [runs, default 5]

Each command runs as a fresh process (`python -m coopact ...`, as a user types it), ``runs``
times, alternating with the baseline ``python -c "import sqlalchemy, pydantic, typer,
rich"``; the medians and their ratios are printed (target, issue 25: 1.5x or less for
every read command; `--version` is shown, not judged). The database is a SQLite file under
a temporary COOPACT_HOME holding N partnerships: one registered through the use case (its
status shown, as `coopact new` shows it, which keeps its method scorecard), the others
copied row by row (file, stage, findings, stored scorecard) so that populating 1,000 takes
a second.
The machine's load (/proc/loadavg) is printed before and after: on a shared machine, read
the ratios, not the seconds. The commands may write their bytecode cache
(PYTHONDONTWRITEBYTECODE is dropped), as an installed coopact has one: the warm-up run
writes it, the timed runs read it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BASELINE = [sys.executable, "-c", "import sqlalchemy, pydantic, typer, rich"]
TARGET = 1.5


def load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split(" ", 3)[:3].__str__()
    except OSError:
        return "unknown"


def populate(home: Path, n: int) -> str:
    """A migrated SQLite database with ``n`` partnerships; returns its URL."""
    from sqlalchemy import insert, select

    from coopact import services
    from coopact.adapters.loading import load_file
    from coopact.store.db import make_engine
    from coopact.store.keys import load_keyring
    from coopact.store.migrate import upgrade
    from coopact.store.scorecard_table import ScorecardRow
    from coopact.store.tables import FindingRow, PartnershipFileRow, PartnershipRow
    from coopact.store.uow import UnitOfWork

    home.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{home / 'coopact.db'}"
    engine = make_engine(url)
    upgrade(engine)
    example = load_file(ROOT / "tests" / "data" / "partnership.example.yaml")
    uow = UnitOfWork.for_engine(engine, keyring=load_keyring(home))  # the home's own key
    services.register(uow, example, actor="benchmark")
    services.status(uow, example.reference)  # as `coopact new` shows it: its scorecard kept
    with engine.begin() as conn:
        first = conn.execute(select(PartnershipRow.__table__)).mappings().one()
        spec = conn.execute(select(PartnershipFileRow.spec)).scalar_one()
        findings = conn.execute(select(FindingRow.__table__)).mappings().all()
        card = conn.execute(select(ScorecardRow.__table__)).mappings().one()
        rows = []
        for i in range(2, n + 1):
            row = {k: v for k, v in first.items() if k != "id"}
            row["reference"] = f"P-2027-{i:04d}"
            rows.append(row)
        if rows:
            conn.execute(insert(PartnershipRow.__table__), rows)
        ids = conn.scalars(select(PartnershipRow.id).where(PartnershipRow.id != first["id"])).all()
        if ids:
            refs = dict(conn.execute(select(PartnershipRow.id, PartnershipRow.reference)).all())
            files = [{"partnership_id": pid, "spec": {**spec, "reference": refs[pid]}}
                     for pid in ids]  # fmt: skip
            conn.execute(insert(PartnershipFileRow.__table__), files)
        copies = [
            {**{k: v for k, v in f.items() if k != "id"}, "partnership_id": pid}
            for pid in ids
            for f in findings
        ]
        if copies:
            conn.execute(insert(FindingRow.__table__), copies)
        cards = [{**card, "partnership_id": pid} for pid in ids]  # the same file and findings
        if cards:
            conn.execute(insert(ScorecardRow.__table__), cards)
    engine.dispose()
    return url


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    # The copied partnerships are not in the audit chain: `audit verify` names them and
    # exits 1; what is timed is its start-up and its reading of the whole database.
    allowed = (0, 1) if command[-2:] == ["audit", "verify"] else (0,)
    if done.returncode not in allowed:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        started = time.perf_counter()
        url = populate(home, n)
        print(f"populated {n} partnerships in {time.perf_counter() - started:.1f} s")
        env = {
            **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
            "COOPACT_HOME": str(home),
            "COOPACT_DATABASE_URL": url,
            "PYTHONPATH": str(ROOT),
            "COLUMNS": "120",
        }
        coopact = [sys.executable, "-m", "coopact"]
        commands = {
            "--help": [*coopact, "--help"],
            "--version": [*coopact, "--version"],
            "status": [*coopact, "status"],
            "status P-2027-001": [*coopact, "status", "P-2027-001"],
            "history P-2027-001": [*coopact, "history", "P-2027-001"],
            "documents P-2027-001": [*coopact, "documents", "P-2027-001"],
            "audit verify": [*coopact, "audit", "verify"],
        }
        print(f"load before: {load()}")
        timed(BASELINE, env)  # warm the file cache
        for command in commands.values():  # and write the bytecode cache
            timed(command, env)
        times: dict[str, list[float]] = {"baseline": [], **{name: [] for name in commands}}
        for _ in range(runs):
            for name, command in commands.items():
                times["baseline"].append(timed(BASELINE, env))
                times[name].append(timed(command, env))
        print(f"load after:  {load()}")
    base = statistics.median(times["baseline"])
    print(f"\nmedians of {runs} runs, {n} partnerships, SQLite")
    print(f"  {'import sqlalchemy, pydantic, typer, rich':42} {base:6.3f} s")
    for name in commands:
        median = statistics.median(times[name])
        ratio = median / base
        verdict = (
            ""
            if name == "--version"
            else ("  ok" if ratio <= TARGET else f"  over the {TARGET}x target")
        )
        print(f"  coopact {name:34} {median:6.3f} s  {ratio:4.2f}x{verdict}")


if __name__ == "__main__":
    main()
