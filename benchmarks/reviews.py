"""Benchmark: review-due over N active partnerships, on one and on two Prefect workers.

    python benchmarks/reviews.py [N] [--db URL] [--chunk C] [--plain K] [--no-workers]

N active partnerships are made the fastest faithful way (benchmarks/_populate.py), in a
fresh SQLite database or --db (a fresh, empty PostgreSQL database: two workers only write in
parallel there, SQLite serialises writers; the Prefect server then runs on PostgreSQL too,
in a database of its own). Each step runs in processes of its own, and prints its wall time
and peak memory:

1. opening every due review (`services.review_due`, 2,000 a transaction; its targets, at
   100,000, are measured by benchmarks/review_opening.py);
2. report writing against the plain rendering loop, in one process, interleaved so that
   both see the same load: the chunk writer review-due's runs call
   (`services.review_reports`: render, hash, store, audit, links, mails, one transaction a
   chunk of C) against the review report rendered from the partnership in memory, nothing
   stored (the reference cost);
3. the fleet: a `prefect server start`, the `process` pool `coopact`, `prefect deploy
   --all`; the rest of the reports submitted as `review-report` runs of C partnerships,
   a quarter of them to one `prefect worker` (one run at a time), a quarter to two, a
   quarter to two again, the last to one (the load of a shared machine drifts: both sides
   see the same drift): the throughput of each side, from each phase's first submission to
   its last run's end (a run's process start-up included), and the peak memory of the
   workers and of their runs' processes.
   Where the time went: a run's mean wait for a worker, start (its process: Prefect, the
   pull step, the flow's imports) and work; the CPU seconds of the runs' processes, the
   workers, the Prefect server and the PostgreSQL backends of both databases
   (benchmarks/_fleet_trace.py). The code is compiled first, as a wheel's install does.

Targets (issue 12, on a quiet 2-core machine): a report within 1.3x of the plain loop,
the plain loop 53 ms or less (1.5x faster than 79 ms); two workers 1.8x one worker's
throughput at least (issue 27; 1.7x in issue 12). The machine's load is printed with them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import _fleet_trace  # noqa: E402
import _measure  # noqa: E402

PREFECT = Path(sys.executable).with_name("prefect")


def _verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def _references(url: str) -> list[str]:
    from sqlalchemy import select

    from coopact.store.db import make_engine
    from coopact.store.tables import PartnershipRow

    engine = make_engine(url)
    with engine.connect() as conn:
        found = list(
            conn.execute(
                select(PartnershipRow.reference)
                .where(PartnershipRow.stage == "in_review")
                .order_by(PartnershipRow.reference)
            ).scalars()
        )
    engine.dispose()
    return found


def _written(url: str, day: dt.date) -> int:
    from sqlalchemy import func, select

    from coopact.store.db import make_engine
    from coopact.store.tables import ReviewReportRow

    engine = make_engine(url)
    with engine.connect() as conn:
        count = conn.execute(
            select(func.count()).where(ReviewReportRow.review_date == day)
        ).scalar_one()
    engine.dispose()
    return int(count)


# --------------------------------------------------------------------------- phases
def phase_open(day: dt.date) -> dict[str, object]:
    from coopact import services
    from coopact.bootstrap import units

    start = time.perf_counter()
    opened = services.review_due(units.uow(), day)
    return {"opened": len(opened), "seconds": time.perf_counter() - start}


def phase_ratio(url: str, day: dt.date, count: int, chunk: int, plain: int) -> dict[str, object]:
    """Report writing (the chunk writer, ``chunk`` partnerships a transaction) against the
    plain loop (``plain`` renders after each chunk), taking turns so that both see the same
    load; ``count`` reports written in all."""
    from sqlalchemy import select

    from coopact.adapters.config import settings
    from coopact.flows.reviews import write_reports
    from coopact.schemas import Partnership
    from coopact.stages import review
    from coopact.stages.base import WorkContext
    from coopact.store.db import make_engine
    from coopact.store.tables import PartnershipFileRow, PartnershipRow

    engine = make_engine(url)
    with engine.connect() as conn:
        specs = conn.execute(
            select(PartnershipRow.reference, PartnershipFileRow.spec)
            .join_from(PartnershipRow, PartnershipFileRow)
            .limit(plain)
        ).all()
    engine.dispose()
    partnerships = [(ref, Partnership.model_validate(spec)) for ref, spec in specs]
    templates = settings().templates
    refs = _references(url)[:count]
    totals = {"plain": [0.0, 0.0, 0], "write": [0.0, 0.0, 0]}

    def plain_loop() -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        for reference, partnership in partnerships:
            ctx = WorkContext(reference=reference, templates=templates, today=day)
            review.run(partnership, ctx)
        totals["plain"][0] += time.perf_counter() - wall
        totals["plain"][1] += time.process_time() - cpu
        totals["plain"][2] += len(partnerships)

    def write(part: list[str]) -> None:
        wall, cpu = time.perf_counter(), time.process_time()
        outcomes = write_reports(part, day)
        totals["write"][0] += time.perf_counter() - wall
        totals["write"][1] += time.process_time() - cpu
        totals["write"][2] += len(outcomes)
        assert all(o["status"] == "written" for o in outcomes), outcomes

    write(refs[:1])  # templates compiled, locale data loaded: both sides start warm
    plain_loop()
    totals = {"plain": [0.0, 0.0, 0], "write": [0.0, 0.0, 0]}
    for turn, start in enumerate(range(1, len(refs), chunk)):
        first, then = (plain_loop, None) if turn % 2 == 0 else (None, plain_loop)
        if first:
            first()
        write(refs[start : start + chunk])
        if then:
            then()
    return {k: {"seconds": v[0], "cpu": v[1], "count": v[2]} for k, v in totals.items()}


# --------------------------------------------------------------------------- the fleet
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _prefect_database(url: str) -> str | None:
    """A fresh PostgreSQL database for the Prefect server beside --db (asyncpg URL)."""
    if not url.startswith("postgresql"):
        return None
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(url)
    name = f"{base.database}_prefect"
    admin = create_engine(base.set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(drivername="postgresql+asyncpg", database=name).render_as_string(
        hide_password=False
    )


def _start_server(home: Path, url: str) -> tuple[subprocess.Popen, str]:  # type: ignore[type-arg]
    import httpx

    env = {**os.environ, "PREFECT_HOME": str(home / "server"),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
           "PREFECT_SERVER_SERVICES_SCHEDULER_ENABLED": "false"}  # fmt: skip
    env.pop("PREFECT_API_URL", None)
    database = _prefect_database(url)
    if database:
        env["PREFECT_API_DATABASE_CONNECTION_URL"] = database
    port = _free_port()
    server = subprocess.Popen(
        [str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-ui"],
        env=env, stdout=(home / "server.log").open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    api = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                return server, api
        except httpx.HTTPError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.5)
    server.kill()
    raise SystemExit(f"the Prefect server did not start: see {home / 'server.log'}")


def _fleet_phase(
    env: dict[str, str],
    fleet: tuple[str, int, list[str]],
    refs: list[str],
    day: dt.date,
    workers: int,
    chunk: int,
) -> tuple[float, _fleet_trace.Sampler, str]:
    """Seconds to write ``refs`` with ``workers`` workers (``fleet``: the API, the server's
    process, the databases); where the time and CPU went."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.deployments import run_deployment
    from prefect.settings import PREFECT_API_URL, temporary_settings

    home = Path(env["COOPACT_HOME"])

    def start(i: int) -> subprocess.Popen:  # type: ignore[type-arg]
        name = f"bench-{workers}-{i}"
        return subprocess.Popen(
            [str(PREFECT), "worker", "start", "--pool", "coopact", "--limit", "1", "--name", name],
            env={**env, "PREFECT_HOME": str(home / name)}, cwd=home,
            stdout=(home / f"{name}.log").open("wb"), stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip

    api, server, databases = fleet
    processes = [start(i) for i in range(workers)]
    try:
        time.sleep(8)  # the workers polling: not counted
        sampler = _fleet_trace.Sampler([p.pid for p in processes], server, databases)
        with temporary_settings({PREFECT_API_URL: api}):
            began, start = time.time(), time.perf_counter()
            ids = [
                run_deployment(
                    "review-report/review-report",
                    parameters={"references": refs[i : i + chunk], "review_date": day.isoformat()},
                    timeout=0,
                ).id
                for i in range(0, len(refs), chunk)
            ]
            while True:
                with get_client(sync_client=True) as client:
                    runs = client.read_flow_runs(
                        flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=ids))
                    )
                states = [r.state for r in runs]
                if all(s is not None and s.is_final() for s in states):
                    break
                time.sleep(0.5)
            seconds = time.perf_counter() - start
            time.sleep(2)  # the last run's process ended and waited for by its worker
            sampler.finish()
            with get_client(sync_client=True) as client:
                timeline = _fleet_trace.timeline(client, ids, began)
        failed = [s.name for s in states if s is not None and not s.is_completed()]
        if failed:
            raise SystemExit(f"review-report runs ended {failed}: see {home}/bench-*.log")
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    return seconds, sampler, timeline


def fleet(env: dict[str, str], url: str, day: dt.date, refs: list[str], chunk: int) -> None:
    home = Path(env["COOPACT_HOME"])
    # As an installed wheel (pip compiles it): the workers' runs read coopact's bytecode
    # instead of compiling its modules in each run's process (a tenth of a second of CPU).
    for package in ("coopact", "contracts", "flows", "schemas", "store"):
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / package)], check=True)
    server, api = _start_server(home, url)
    env = {**env, "PREFECT_API_URL": api, "PYTHONPATH": str(ROOT),
           "PREFECT_WORKER_QUERY_SECONDS": "1",
           # the venv's commands on PATH, as on a worker with coopact installed
           "PATH": f"{PREFECT.parent}{os.pathsep}{env.get('PATH', '')}"}  # fmt: skip
    try:
        for args in (
            ["work-pool", "create", "coopact", "--type", "process", "--overwrite"],
            ["deploy", "--all"],
        ):
            cli = {**env, "PREFECT_HOME": str(home / "cli")}
            done = subprocess.run(
                [str(PREFECT), "--no-prompt", *args], env=cli, cwd=ROOT, capture_output=True,
                text=True,
            )  # fmt: skip
            if done.returncode != 0:
                raise SystemExit(done.stdout + done.stderr)
        before = _written(url, day)
        name = url.rsplit("/", 1)[-1].split("?")[0]
        where = (api, server.pid, [name, f"{name}_prefect"])
        # One worker, two, two, one (a quarter of the references each): on a shared machine
        # the load drifts, and both sides see the same drift.
        quarter = math.ceil(len(refs) / 4)
        totals = {1: [0, 0.0], 2: [0, 0.0]}
        for i, workers in enumerate((1, 2, 2, 1)):
            part = refs[i * quarter : (i + 1) * quarter]
            seconds, trace, timeline = _fleet_phase(env, where, part, day, workers, chunk)
            totals[workers][0] += len(part)
            totals[workers][1] += seconds
            print(f"  {workers} worker{'s' if workers > 1 else ' '}: {len(part)} reports in "
                  f"{seconds:.1f} s, {len(part) / seconds:.1f}/s (runs of {chunk}; peak "
                  f"worker {trace.peak('worker'):.0f} MB, run {trace.peak('run'):.0f} MB; "
                  f"{_measure.load()})")  # fmt: skip
            print(f"    {timeline}; CPU s: {trace.describe()}")
        assert _written(url, day) - before == len(refs), "a report was not written"
        rate1, rate2 = (count / seconds for count, seconds in (totals[1], totals[2]))
        print(f"  1 worker : {totals[1][0]} reports in {totals[1][1]:.1f} s, {rate1:.1f}/s")
        print(f"  2 workers: {totals[2][0]} reports in {totals[2][1]:.1f} s, {rate2:.1f}/s")
        ratio = rate2 / rate1
        print(f"  2 workers / 1 worker: {ratio:.2f}x (target >= 1.8x: {_verdict(ratio >= 1.8)})")
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


# --------------------------------------------------------------------------- main
def _phase(env: dict[str, str], *args: str) -> tuple[dict[str, object], float, float]:
    command = [sys.executable, str(Path(__file__).resolve()), "--phase", *args]
    seconds, peak, out = _measure.run(command, env)
    return json.loads(out.decode().strip().splitlines()[-1]), seconds, peak


def _run_phase(args: argparse.Namespace) -> None:
    name, url, day, *rest = args.phase
    date = dt.date.fromisoformat(day)
    if name == "open":
        result = phase_open(date)
    else:
        result = phase_ratio(url, date, int(rest[0]), int(rest[1]), int(rest[2]))
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=400)
    parser.add_argument("--db", help="a fresh, empty database URL (default: SQLite)")
    parser.add_argument("--chunk", type=int, help="partnerships a run or chunk (default N/8)")
    parser.add_argument("--plain", type=int, help="renders in each plain loop (default C)")
    parser.add_argument("--no-workers", action="store_true", help="skip the fleet (step 3)")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        _run_phase(args)
        return

    with tempfile.TemporaryDirectory() as home:
        url = args.db or f"sqlite:///{home}/coopact.db"
        env = {**os.environ, "COOPACT_HOME": home, "COOPACT_DATABASE_URL": url}
        print(f"review-due over {args.n} active partnerships ({url.split(':')[0]}); "
              f"{_measure.load()}")  # fmt: skip
        seconds, _, out = _measure.run(
            [sys.executable, str(HERE / "_populate.py"), url, str(args.n)], env
        )
        day = out.decode().strip().splitlines()[-1]
        print(f"  populated in {seconds:.1f} s; reviews due on {day}")

        opened, wall, peak = _phase(env, "open", url, day)
        # No verdict here: a few hundred openings carry the fixed costs of one; the target
        # (100,000 under 20 s) is measured by benchmarks/review_opening.py.
        print(f"  opening: {opened['opened']} reviews in {opened['seconds']:.2f} s "
              f"(process {wall:.1f} s, peak {peak:.0f} MB); opening 100,000: "
              "benchmarks/review_opening.py")  # fmt: skip

        refs = _references(url)
        share = max(10, len(refs) // 5)  # the first fifth: report writing in one process
        chunk = args.chunk or max(10, math.ceil((len(refs) - share) / 8))
        plain_count = str(args.plain or chunk)
        ratio, _, peak = _phase(env, "ratio", url, day, str(share), str(chunk), plain_count)
        plain, write = ratio["plain"], ratio["write"]  # type: ignore[index]
        per_plain = plain["seconds"] / plain["count"]  # type: ignore[index]
        per_write = write["seconds"] / write["count"]  # type: ignore[index]
        cpu_ratio = (write["cpu"] / write["count"]) / (plain["cpu"] / plain["count"])  # type: ignore[index]
        print(f"  plain rendering loop: {1000 * per_plain:.1f} ms a report "
              f"(target <= 53 ms: {_verdict(per_plain <= 0.053)})")  # fmt: skip
        print(f"  report written (render, hash, store, audit, links, mails; chunks of {chunk}): "
              f"{1000 * per_write:.1f} ms a report, {per_write / per_plain:.2f}x the plain loop "
              f"(CPU {cpu_ratio:.2f}x; target <= 1.3x: {_verdict(per_write / per_plain <= 1.3)}; "
              f"process peak {peak:.0f} MB)")  # fmt: skip
        if not args.no_workers:
            fleet(env, url, dt.date.fromisoformat(day), refs[share:], chunk)
        print(f"  {_measure.load()}; this process: "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
