"""Benchmark: review-due over N active partnerships.

    python benchmarks/reviews.py [N] [--db URL]

N active partnerships are made the fastest faithful way (benchmarks/_populate.py), in a
fresh SQLite database or --db (a fresh, empty PostgreSQL database: two workers only write
in parallel there; SQLite serialises writers). Then, each step a process of its own (its
wall time and peak memory printed):

1. opening every due review (one batched transaction: stages, schedule, audit);
2. writing the review reports with 1 worker (the first half of the partnerships), then
   with 2 workers at once (the second half, split between them) — the work each report
   task or review-report run does (`flows.reviews.write_report`: render, store, tell the
   comité), without Prefect's own bookkeeping;
3. the plain rendering loop: the review report rendered from the partnership in memory,
   nothing stored, as the reference cost.

Targets: opening 10,000 under 10 s and 500 MB; a report within 1.3x of the plain loop;
two workers at least 1.7x one worker's throughput.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import _measure  # noqa: E402


def _references(url: str, stage: str) -> list[str]:
    from sqlalchemy import select

    from store.db import make_engine
    from store.tables import PartnershipRow

    engine = make_engine(url)
    with engine.connect() as conn:
        refs = conn.execute(
            select(PartnershipRow.reference)
            .where(PartnershipRow.stage == stage)
            .order_by(PartnershipRow.reference)
        ).scalars()
        found = list(refs)
    engine.dispose()
    return found


def phase_open(url: str, day: dt.date) -> dict[str, object]:
    from coopact import services, wiring

    start = time.perf_counter()
    opened = services.review_due(wiring.uow(), day)
    return {"opened": len(opened), "seconds": time.perf_counter() - start}


def phase_write(url: str, day: dt.date, part: str, index: int, workers: int) -> dict[str, object]:
    from flows.reviews import write_report

    refs = _references(url, "in_review")
    half = refs[: len(refs) // 2] if part == "first" else refs[len(refs) // 2 :]
    mine = half[index::workers]
    start = time.perf_counter()
    for reference in mine:
        write_report(reference, day)
    return {"written": len(mine), "seconds": time.perf_counter() - start}


def phase_plain(url: str, day: dt.date, count: int) -> dict[str, object]:
    from sqlalchemy import select

    from coopact.config import settings
    from coopact.stages import review
    from coopact.stages.base import WorkContext
    from schemas import Partnership
    from store.db import make_engine
    from store.tables import PartnershipRow

    engine = make_engine(url)
    with engine.connect() as conn:
        specs = conn.execute(
            select(PartnershipRow.reference, PartnershipRow.spec).limit(count)
        ).all()
    partnerships = [(ref, Partnership.model_validate(spec)) for ref, spec in specs]
    templates = settings().templates
    start = time.perf_counter()
    for reference, partnership in partnerships:
        review.run(partnership, WorkContext(reference=reference, templates=templates, today=day))
    return {"rendered": len(partnerships), "seconds": time.perf_counter() - start}


def _phase(env: dict[str, str], *args: str) -> tuple[dict[str, object], float, float]:
    command = [sys.executable, str(Path(__file__).resolve()), "--phase", *args]
    seconds, peak, out = _measure.run(command, env)
    return json.loads(out.decode().strip().splitlines()[-1]), seconds, peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=200)
    parser.add_argument("--db", help="a fresh, empty database URL (default: SQLite)")
    parser.add_argument("--plain", type=int, default=30, help="reports in the plain loop")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        name, url, day, *rest = args.phase
        date = dt.date.fromisoformat(day)
        if name == "open":
            result = phase_open(url, date)
        elif name == "write":
            result = phase_write(url, date, rest[0], int(rest[1]), int(rest[2]))
        else:
            result = phase_plain(url, date, int(rest[0]))
        print(json.dumps(result))
        return

    with tempfile.TemporaryDirectory() as home:
        url = args.db or f"sqlite:///{home}/coopact.db"
        env = {**os.environ, "COOPACT_HOME": home, "COOPACT_DATABASE_URL": url,
               "PREFECT_LOGGING_LEVEL": "WARNING"}  # fmt: skip
        print(f"review-due over {args.n} active partnerships ({url.split(':')[0]}); "
              f"{_measure.load()}")  # fmt: skip
        seconds, _, out = _measure.run(
            [sys.executable, str(HERE / "_populate.py"), url, str(args.n)], env
        )
        day = out.decode().strip().splitlines()[-1]
        print(f"  populated in {seconds:.1f} s; reviews due on {day}")

        opened, wall, peak = _phase(env, "open", url, day)
        print(f"  opening: {opened['opened']} reviews in {opened['seconds']:.2f} s "
              f"(process {wall:.1f} s, peak {peak:.0f} MB)")  # fmt: skip

        one, _, peak1 = _phase(env, "write", url, day, "first", "0", "1")
        per_one = float(one["seconds"]) / max(int(one["written"]), 1)  # type: ignore[arg-type]
        print(f"  1 worker : {one['written']} reports in {one['seconds']:.1f} s, "
              f"{1000 * per_one:.0f} ms a report, {1 / per_one:.1f}/s "
              f"(peak {peak1:.0f} MB)")  # fmt: skip

        import subprocess

        commands = [
            [sys.executable, str(Path(__file__).resolve()), "--phase", "write", url, day,
             "second", str(i), "2"]
            for i in range(2)
        ]  # fmt: skip
        start = time.perf_counter()
        processes = [subprocess.Popen(c, env=env, stdout=subprocess.PIPE) for c in commands]
        results, peaks = [], []
        for process in processes:
            out2 = process.stdout.read() if process.stdout else b""  # type: ignore[union-attr]
            _, status, usage = os.wait4(process.pid, 0)
            assert os.waitstatus_to_exitcode(status) == 0, "a worker failed"
            results.append(json.loads(out2.decode().strip().splitlines()[-1]))
            peaks.append(usage.ru_maxrss / 1024)
        both = time.perf_counter() - start
        written = sum(int(r["written"]) for r in results)
        slowest = max(float(r["seconds"]) for r in results)
        rate_two, rate_one = written / slowest, 1 / per_one
        print(f"  2 workers: {written} reports in {slowest:.1f} s ({both:.1f} s with start-up), "
              f"{rate_two:.1f}/s = {rate_two / rate_one:.2f}x one worker "
              f"(peaks {', '.join(f'{p:.0f}' for p in peaks)} MB)")  # fmt: skip

        plain, _, _ = _phase(env, "plain", url, day, str(args.plain))
        per_plain = float(plain["seconds"]) / max(int(plain["rendered"]), 1)  # type: ignore[arg-type]
        print(f"  plain rendering loop: {1000 * per_plain:.0f} ms a report; "
              f"a stored, notified report costs {per_one / per_plain:.2f}x that")  # fmt: skip
        print(f"  {_measure.load()}")


if __name__ == "__main__":
    main()
