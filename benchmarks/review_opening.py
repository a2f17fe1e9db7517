"""Benchmark: opening the due reviews of 10,000 and 100,000 active partnerships.

    python benchmarks/review_opening.py [N ...] [--postgres SERVER_URL] [--repeat R] [--crash]
                                        [--keep FOLDER]

For each N (default 10000 100000), N active partnerships are made the fastest faithful way
(benchmarks/_populate.py --audit --no-contents: audit events included, the documents' rows
without their contents, which the opening never reads) in a fresh SQLite database, or,
with --postgres (a server URL such as postgresql://postgres@127.0.0.1:5432/postgres), in a
fresh PostgreSQL database made and dropped here (its writes then flushed by a CHECKPOINT,
as the server does on its own within minutes). Then `services.review_due` opens every
due review (stage, schedule, audit events) in a process of its own: its time, CPU time and
peak memory. Meanwhile a second process keeps making a small write transaction (an audit
event, as a decision would) and records the longest it waited: the opening must not hold
the write lock for its whole run. On PostgreSQL the opening is timed on each of --repeat
copies of the populated database (3 by default: a copy takes seconds, a population minutes),
and the median counts: on this kind of machine two openings of the same database differ by
a third.

With --crash, the opening is killed (SIGKILL) once its first chunk is committed, then run
again: every review must be opened exactly once, and the chain must verify.

Targets: 100,000 under 20 s and 500 MB; 100,000 within 11x of 10,000; a concurrent writer
never waits for the whole batch.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import _measure  # noqa: E402

SECONDS_100K, MEGABYTES, LINEAR = 20.0, 500.0, 11.0
POPULATE = ("--audit", "--no-contents")  # the opening reads no document
FILES = ("coopact.db", "coopact.db-wal", "secret.key")  # a populated SQLite home


def mark(label: str, value: float, unit: str, target: float) -> str:
    verdict = "OK" if value < target else "MISSED"
    return f"  {label}: target < {target:.3g} {unit}: {value:.2f} {unit}  {verdict}"


# --------------------------------------------------------------------------- phases
def phase_open(day: dt.date) -> dict[str, object]:
    from coopact.bootstrap import units
    from coopact.services.review_opening import review_due  # imported before the clock starts

    start = time.perf_counter()
    opened = review_due(units.uow(), day)
    return {"opened": len(opened), "seconds": time.perf_counter() - start}


def phase_probe(stop: Path) -> dict[str, object]:
    """Small write transactions until ``stop`` exists: the longest wait for the lock."""
    from coopact.bootstrap import units

    uow = units.uow()
    longest, count, failed = 0.0, 0, 0
    while not stop.exists():
        began = time.perf_counter()
        try:
            with uow:
                uow.audit("benchmark.probe", actor="benchmark", n=count)
                uow.commit()
            count += 1
        except Exception:  # a lock timeout: SQLite gives up after 30 s
            failed += 1
        longest = max(longest, time.perf_counter() - began)
        time.sleep(0.05)
    return {"longest": longest, "count": count, "failed": failed}


def phase_count() -> dict[str, object]:
    """The reviews opened (and opened twice), and whether the chain and its anchors hold."""
    from sqlalchemy import func, select

    from coopact.bootstrap import units
    from coopact.store import chain_verify
    from coopact.store.audit_tables import AuditEventRow
    from coopact.store.tables import PartnershipRow

    uow = units.uow()
    with uow:
        in_review = uow.session.scalar(
            select(func.count()).where(PartnershipRow.stage == "in_review")
        )
        events = uow.session.execute(
            select(AuditEventRow.reference, func.count())
            .where(AuditEventRow.action == "review.opened")
            .group_by(AuditEventRow.reference)
        ).all()
        chain = uow.session.execute(
            select(*AuditEventRow.__table__.c)
            .order_by(AuditEventRow.seq)
            .execution_options(yield_per=5000)  # streamed: millions of events at 100,000
        )
        report = chain_verify.verify(chain, uow.keyring)  # type: ignore[arg-type]  # rows, as read
    anchors = uow.anchor.read() if uow.anchor is not None else None
    anchored = (
        anchors is not None
        and not anchors.problems
        and all(report.hashes.get(a.seq) == a.hash for a in anchors.anchors)
    )
    return {
        "in_review": in_review,
        "opened_events": sum(n for _, n in events),
        "opened_twice": sum(1 for _, n in events if n > 1),
        "chain_intact": report.broken is None and anchored,
    }


def _phase_command(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--phase", *args]


def _last_json(out: bytes) -> dict[str, object]:
    return json.loads(out.decode().strip().splitlines()[-1])  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- databases
@contextmanager
def database(server: str | None, home: Path, n: int) -> Iterator[str]:
    """A fresh database: a SQLite file under ``home``, or a PostgreSQL database made here."""
    if server is None:
        yield f"sqlite:///{home}/coopact.db"
        return
    from sqlalchemy import create_engine, make_url, text

    admin_url = make_url(server).set(drivername="postgresql+psycopg")
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"coopact_bench_open_{n}_{uuid.uuid4().hex[:6]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def populated(n: int, home: Path, url: str, env: dict[str, str], kept: Path | None) -> str:
    """Populate ``home``'s database with ``n`` partnerships; their review date. With
    ``kept`` (SQLite), the populated home is kept in ``kept/N`` and copied from there by
    the next run (minutes at 100,000) instead of populated again."""
    saved = kept / str(n) if kept else None
    if saved and (saved / "day").exists():
        for name in FILES:
            if (saved / name).exists():
                shutil.copy2(saved / name, home / name)
        day = (saved / "day").read_text().strip()
        print(f"{n} active partnerships copied from {saved}; reviews due on {day}; "
              f"{_measure.load()}")  # fmt: skip
        return day
    populate = [sys.executable, str(HERE / "_populate.py"), url, str(n), *POPULATE]
    seconds, _, out = _measure.run(populate, env)
    day = out.decode().strip().splitlines()[-1]
    print(f"{n} active partnerships ({url.split(':')[0]}) populated in {seconds:.1f} s; "
          f"reviews due on {day}; {_measure.load()}")  # fmt: skip
    settled(url)
    if saved:
        saved.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            if (home / name).exists():
                shutil.copy2(home / name, saved / name)
        (saved / "day").write_text(day + "\n")
    return day


def settled(url: str) -> None:
    """PostgreSQL: the population's writes flushed (a CHECKPOINT) before the clock starts.
    The population writes in minutes what a portfolio accumulates over years (2.5 GB at
    100,000); opened at once, the opening would pay for writing those dirty pages out of
    the server's buffers, which a server does on its own within its checkpoint interval
    (five minutes by default). Both sizes are measured the same way."""
    if not url.startswith("postgresql"):
        return
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    started = time.perf_counter()
    with engine.connect() as conn:
        conn.execute(text("CHECKPOINT"))
    engine.dispose()
    print(
        f"  the population's writes flushed (CHECKPOINT) in {time.perf_counter() - started:.1f} s"
    )


def measure(
    n: int, server: str | None, kept: Path | None = None, repeat: int = 1
) -> dict[str, float]:
    """Populate ``n`` partnerships once and open their reviews: on PostgreSQL with
    ``repeat`` > 1, once on each of ``repeat`` copies of the populated database (the
    median; the longest wait of the concurrent writer over all)."""
    with tempfile.TemporaryDirectory() as folder, database(server, Path(folder), n) as url:
        home = Path(folder)
        env = {**os.environ, "COOPACT_HOME": folder, "COOPACT_DATABASE_URL": url}
        day = populated(n, home, url, env, kept if server is None else None)
        if server is None or repeat <= 1:
            return open_once(home, env, n, day)
        runs = sorted((open_copy(home, url, n, day) for _ in range(repeat)), key=_seconds)
        median = {**runs[len(runs) // 2], "waited": max(r["waited"] for r in runs)}
        listed = ", ".join(f"{r['seconds']:.2f}" for r in runs)
        print(f"  median of {repeat} openings, each on a copy of the populated database: "
              f"{median['seconds']:.2f} s (all: {listed} s)")  # fmt: skip
        return median


def _seconds(result: dict[str, float]) -> float:
    return result["seconds"]


def open_copy(home: Path, url: str, n: int, day: str) -> dict[str, float]:
    """The opening on a copy of the populated database (`CREATE DATABASE … TEMPLATE`), in
    a home of its own holding the populated home's key and anchor log."""
    from sqlalchemy import create_engine, make_url, text

    source = make_url(url)
    name = f"{source.database}_copy"
    admin = create_engine(source.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{source.database}"'))
    try:
        with tempfile.TemporaryDirectory() as folder:
            for kept in ("secret.key", "anchors.log"):
                if (home / kept).exists():
                    shutil.copy2(home / kept, Path(folder) / kept)
            copy = source.set(database=name).render_as_string(hide_password=False)
            env = {**os.environ, "COOPACT_HOME": folder, "COOPACT_DATABASE_URL": copy}
            return open_once(Path(folder), env, n, day)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def open_once(home: Path, env: dict[str, str], n: int, day: str) -> dict[str, float]:
    """Open the reviews of ``home``'s database while a second process writes beside it;
    check each was opened once and the chain holds."""
    stop = home / "stop-probe"
    probe = subprocess.Popen(_phase_command("probe", str(stop)), env=env, stdout=subprocess.PIPE)
    time.sleep(3)  # the probe is writing before the opening starts
    wall, cpu, peak, out = _measure.run_cpu(_phase_command("open", day), env)
    opened = _last_json(out)
    stop.touch()
    probed = _last_json(probe.communicate()[0])
    print(f"  opened {opened['opened']} in {float(opened['seconds']):.2f} s "  # type: ignore[arg-type]
          f"(process {wall:.1f} s with start-up, CPU {cpu:.1f} s, peak {peak:.0f} MB); "
          f"a concurrent writer waited at most {float(probed['longest']):.2f} s "  # type: ignore[arg-type]
          f"({probed['count']} writes, {probed['failed']} timed out)")  # fmt: skip
    counted = _last_json(_measure.run(_phase_command("count"), env)[2])
    assert counted["in_review"] == n and counted["opened_events"] == n, counted
    assert counted["chain_intact"], "the audit chain or its anchors do not verify"
    return {
        "seconds": float(opened["seconds"]),  # type: ignore[arg-type]
        "peak": peak,
        "waited": float(probed["longest"]),  # type: ignore[arg-type]
    }


def crash(n: int, server: str | None) -> None:
    """Kill the opening once a chunk is committed, run it again: each opened exactly once."""
    with tempfile.TemporaryDirectory() as folder, database(server, Path(folder), n) as url:
        env = {**os.environ, "COOPACT_HOME": folder, "COOPACT_DATABASE_URL": url}
        populate = [sys.executable, str(HERE / "_populate.py"), url, str(n), *POPULATE]
        _, _, out = _measure.run(populate, env)
        day = out.decode().strip().splitlines()[-1]
        anchors = Path(folder) / "anchors.log"  # a line per commit that appended events
        process = subprocess.Popen(_phase_command("open", day), env=env, stdout=subprocess.PIPE)
        while process.poll() is None and not (anchors.exists() and anchors.read_text()):
            time.sleep(0.01)
        process.send_signal(signal.SIGKILL)
        process.wait()
        first = _last_json(_measure.run(_phase_command("count"), env)[2])
        _, _, out = _measure.run(_phase_command("open", day), env)
        again = _last_json(out)
        counted = _last_json(_measure.run(_phase_command("count"), env)[2])
        ok = (
            counted["in_review"] == n
            and counted["opened_events"] == n
            and counted["opened_twice"] == 0
            and counted["chain_intact"]
        )
        print(f"  crash: killed after {first['in_review']} of {n} opened; the re-run opened "
              f"{again['opened']}; in review {counted['in_review']}, review.opened events "
              f"{counted['opened_events']}, opened twice {counted['opened_twice']}; chain and "
              f"anchors intact: {counted['chain_intact']}  {'OK' if ok else 'MISSED'}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", type=int, nargs="*", default=[10000, 100000])
    parser.add_argument("--postgres", help="a PostgreSQL server URL (default: SQLite files)")
    parser.add_argument("--crash", action="store_true", help="kill and re-run the opening")
    parser.add_argument(
        "--keep", type=Path, metavar="FOLDER",
        help="SQLite: keep each populated database in FOLDER/N, and open a copy of it on the "
        "next run instead of populating again (FOLDER/N made by the same schema revision)",
    )  # fmt: skip
    parser.add_argument(
        "--repeat", type=int, metavar="R",
        help="PostgreSQL: open the reviews of R copies of each populated database, the "
        "median counts (default 3; SQLite: 1)",
    )  # fmt: skip
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        name, *rest = args.phase
        if name == "open":
            result = phase_open(dt.date.fromisoformat(rest[0]))
        elif name == "probe":
            result = phase_probe(Path(rest[0]))
        else:
            result = phase_count()
        print(json.dumps(result))
        return

    print(f"review-due opening; {_measure.load()}")
    repeat = args.repeat if args.repeat is not None else (3 if args.postgres else 1)
    results = {n: measure(n, args.postgres, args.keep, repeat) for n in args.sizes}
    if args.crash:
        crash(min(args.sizes), args.postgres)
    largest = max(results)
    big = results[largest]
    print(f"results at {largest}:")
    if largest >= 100000:
        print(mark("opening 100,000", big["seconds"], "s", SECONDS_100K))
    print(mark("peak memory", big["peak"], "MB", MEGABYTES))
    print(mark("longest wait of a concurrent writer", big["waited"], "s", big["seconds"] / 2))
    if len(results) > 1:
        smallest = min(results)
        ratio = big["seconds"] / results[smallest]["seconds"]
        scale = largest / smallest
        print(mark(f"{largest} against {smallest} (linear: {scale:g}x)", ratio, "x",
                   LINEAR * scale / 10))  # fmt: skip
    print(f"  {_measure.load()}")


if __name__ == "__main__":
    main()
