"""Benchmark: the portal under concurrent users, on a portfolio of N partnerships.

    python benchmarks/portal.py [N, default 1000] [--users 50] [--requests 20] [--workers 4]
                                [--think MIN-MAX, default 1-3] [--postgres SERVER_URL]

N active partnerships are made the fastest faithful way (benchmarks/_populate.py --audit:
the example through the real lifecycle once, then its rows copied with their audit events),
in a fresh SQLite database (or, with --postgres, a PostgreSQL database made on that server
and dropped at the end); a few more are registered and brought to the vision approval by
the services, their sponsors' personal links mailed to an outbox. Then `coopact web
--workers W` serves them, and ``--users`` clients (httpx, async) act at once, each
``--requests`` times, as people do: each user reads the page it got before asking for the
next, a think time drawn at random between MIN and MAX seconds (``--think 1-3``, the
default; a user also arrives after such a pause, so that fifty people do not click at the
same instant); ``--think 0`` removes the pauses: every user asks again as soon as it is
answered, the closed-loop stress mode, whose latency is users / throughput. Like a
browser, a client lets go of a connection idle for 4 s (before the portal's 5 s keep-alive
closes it, which a browser would survive by asking again):

- the officers (half of them), each signed in with an account of their own: the portfolio
  (a random page, sort, and sometimes a filter: stage, awaited decision, blocking, next
  review) one time in four, otherwise a partnership's page (a random one, sometimes the
  second page of its timeline);
- the link holders (the other half), each with a sponsor's personal link: the decision
  page, and the first sponsor of each partnership posts the approval halfway (the gate
  stays open for the second).

Prints the latency (p50, p95, max) of every request as the client sees it, and as the
portal spent it (its ``Server-Timing`` header: the time inside the worker, apart from the
queue before it, which on a busy machine is most of the wait), per kind of page; the
errors; the requests per second; the CPU time the workers used per request; the machine's
load before and after (``os.getloadavg()``). Target: p95 under 200 ms, no error. Exit 1 on
any error.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import _measure  # noqa: E402

TARGET_MS = 200.0
PASSWORD = "un mot de passe de banc d'essai"
REASON = "La vision partagée nous convient, nous l'approuvons pour notre structure."
STAGES = ("active", "draft", "in_review")
SORTS = ("attention", "reference", "title", "stage", "updated", "next_review")
CSRF = re.compile(r'name="csrf" value="([0-9a-f]+)"')
LINK = re.compile(r"(https?://\S+/d/[A-Za-z0-9_.\-]+)")


# --------------------------------------------------------------------------- preparing
def prepare(url: str, n: int, holders: int, officers: int) -> dict[str, object]:
    """Run in a process of its own (COOPACT_HOME and COOPACT_PUBLIC_URL set): the portfolio,
    the partnerships at the vision approval with their links, the officers' accounts."""
    import email
    import email.policy

    from _populate import populate

    from coopact import services
    from coopact.adapters.loading import load_text
    from coopact.adapters.mail.transports import OutboxTransport
    from coopact.entrypoints.cli import demo
    from coopact.services import users
    from coopact.store.db import make_engine
    from coopact.store.uow import UnitOfWork

    populate(url, n, audit=True)
    engine = make_engine(url)
    home = Path(os.environ["COOPACT_HOME"])
    outbox = OutboxTransport(home / "outbox")
    example = load_text(demo.demo_file(), "benchmark partnership")
    for k in range(math.ceil(holders / 2)):  # two sponsors each
        partnership = example.model_copy(update={"reference": f"P-2028-{k + 1:03d}"})
        reference = services.register(
            UnitOfWork.for_engine(engine), partnership, actor="benchmark"
        ).reference
        services.advance(
            UnitOfWork.for_engine(engine), reference, templates=ROOT / "templates",
            transport=outbox,
        )  # fmt: skip
    links = []
    for path in sorted((home / "outbox").glob("*.eml"), key=lambda p: p.stat().st_mtime_ns):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        body = message.get_body(("plain",))
        found = LINK.search(body.get_content() if body is not None else "")
        if found:
            links.append(found.group(1))
    accounts = [f"officer{k}@bench.example" for k in range(officers)]
    for address in accounts:
        users.add_user(
            UnitOfWork.for_engine(engine), address, "partnership_officer", PASSWORD, actor="bench"
        )
    references = [f"P-2027-{k:06d}" for k in range(2, n + 1)]
    engine.dispose()
    return {"links": links[:holders], "accounts": accounts, "references": references}


@contextmanager
def database(server: str | None, home: Path) -> Iterator[str]:
    """A fresh database: a SQLite file under ``home``, or a PostgreSQL database made here."""
    if server is None:
        yield f"sqlite:///{home}/coopact.db"
        return
    from sqlalchemy import create_engine, make_url, text

    admin_url = make_url(server).set(drivername="postgresql+psycopg")
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    name = f"coopact_bench_portal_{uuid.uuid4().hex[:6]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


# --------------------------------------------------------------------------- the portal
def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def portal(env: dict[str, str], port: int, workers: int, log: Path) -> Iterator[list[int]]:
    """`coopact web --workers W` until the block ends; the workers' process ids."""
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "coopact", "web", "--port", str(port),
             "--workers", str(workers)],
            env=env, stdout=output, stderr=subprocess.STDOUT, cwd=ROOT,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + 120
            while log.read_bytes().count(b"Application startup complete") < workers:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"coopact web did not start:\n{log.read_text()[-3000:]}")
                time.sleep(0.2)
            children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
            pids = [int(p) for p in children.read_text().split()] if children.exists() else []
            yield pids
        finally:
            process.terminate()
            process.wait(timeout=60)


def _cpu_seconds(pids: list[int]) -> float:
    """User + system CPU seconds of these processes (from /proc; 0 where unreadable)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


# --------------------------------------------------------------------------- the users
@dataclass
class Sample:
    kind: str
    status: int
    wall_ms: float
    server_ms: float | None
    expected: bool


@dataclass
class Results:
    samples: list[Sample] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    loads: list[float] = field(default_factory=list)  # the 1-minute load, every second


async def _sample_load(results: Results) -> None:
    while True:
        results.loads.append(os.getloadavg()[0])
        await asyncio.sleep(1)


def _server_ms(response: object) -> float | None:
    header = response.headers.get("server-timing", "")  # type: ignore[attr-defined]
    match = re.search(r"dur=([0-9.]+)", header)
    return float(match.group(1)) if match else None


async def _timed(client: object, results: Results, kind: str, method: str, url: str,
                 ok: tuple[int, ...] = (200,), **kwargs: object) -> object:  # fmt: skip
    start = time.perf_counter()
    try:
        response = await client.request(method, url, **kwargs)  # type: ignore[attr-defined]
    except Exception as error:  # a failed request is counted, not raised
        results.failures.append(f"{kind} {url}: {type(error).__name__}: {error}")
        results.samples.append(Sample(kind, 0, (time.perf_counter() - start) * 1000, None, False))
        return None
    wall = (time.perf_counter() - start) * 1000
    expected = response.status_code in ok
    if not expected:
        results.failures.append(f"{kind} {url}: {response.status_code}")
    results.samples.append(Sample(kind, response.status_code, wall, _server_ms(response), expected))
    return response


async def _sign_in(client: object, address: str) -> None:
    form = await client.get("/login")  # type: ignore[attr-defined]
    done = await client.post(  # type: ignore[attr-defined]
        "/login",
        data={"email": address, "password": PASSWORD, "next": "/",
              "csrf": CSRF.search(form.text).group(1)},  # type: ignore[union-attr]
    )  # fmt: skip
    if done.status_code != 303:
        raise SystemExit(f"{address} could not sign in: {done.status_code}")


def _portfolio_url(rng: random.Random, pages: int) -> str:
    params = [f"page={rng.randint(1, pages)}", f"sort={rng.choice(SORTS)}"]
    chance = rng.random()
    if chance < 0.15:
        params.append(f"stage={rng.choice(STAGES)}")
    elif chance < 0.25:
        params.append("awaited=vision_approval")
    elif chance < 0.3:
        params.append("blocking=1")
    elif chance < 0.4:
        params.append("review_before=2030-01-01")
    return "/?" + "&".join(params)


@dataclass(frozen=True)
class Think:
    """A user's pause before each request, in seconds, drawn uniformly (0, 0: none)."""

    low: float = 1.0
    high: float = 3.0

    @classmethod
    def parse(cls, text: str) -> Think:
        low, _, high = text.partition("-")
        return cls(float(low), float(high or low))

    async def pause(self, rng: random.Random) -> None:
        if self.high > 0:
            await asyncio.sleep(rng.uniform(self.low, self.high))

    def __str__(self) -> str:
        if self.high <= 0:
            return "no think time (closed loop: each user asks again as soon as answered)"
        return f"a think time of {self.low:g}-{self.high:g} s (uniform) before each request"


async def officer(client: object, rng: random.Random, references: list[str], requests: int,
                  results: Results, think: Think) -> None:  # fmt: skip
    pages = max(1, len(references) // 50)
    for _ in range(requests):
        await think.pause(rng)
        if rng.random() < 0.25:
            await _timed(client, results, "portfolio", "GET", _portfolio_url(rng, pages))
        else:
            suffix = "?events=2" if rng.random() < 0.2 else ""
            await _timed(client, results, "partnership", "GET",
                         f"/p/{rng.choice(references)}{suffix}")  # fmt: skip


async def link_holder(client: object, path: str, posts: bool, requests: int,
                      results: Results, think: Think, rng: random.Random) -> None:  # fmt: skip
    for count in range(requests):
        await think.pause(rng)
        page = await _timed(client, results, "decision page", "GET", path)
        if posts and count == requests // 2 and page is not None:
            found = CSRF.search(page.text)  # type: ignore[attr-defined]
            sha = re.search(r'name="document_sha256" value="([0-9a-f]+)"', page.text)  # type: ignore[attr-defined]
            data = {"csrf": found.group(1) if found else "", "outcome": "approve",
                    "reason": REASON}  # fmt: skip
            if sha:
                data["document_sha256"] = sha.group(1)
            await think.pause(rng)  # the reason typed
            await _timed(client, results, "decision posted", "POST", path, data=data)


async def run_users(base: str, prepared: dict[str, object], requests: int,
                    results: Results, think: Think) -> float:  # fmt: skip
    """Every user at once; the seconds from the first request to the last answer."""
    import httpx

    references = list(prepared["references"])  # type: ignore[call-overload]
    limits = httpx.Limits(max_connections=4, keepalive_expiry=4.0)
    clients = []
    tasks = []
    accounts: list[str] = list(prepared["accounts"])  # type: ignore[call-overload]
    links: list[str] = list(prepared["links"])  # type: ignore[call-overload]
    for k, address in enumerate(accounts):
        client = httpx.AsyncClient(base_url=base, timeout=120, limits=limits)
        await _sign_in(client, address)
        clients.append(client)
        tasks.append(officer(client, random.Random(k), references, requests, results, think))
    # The links come two by two (the two sponsors of a partnership): the first posts.
    for k, link in enumerate(links):
        client = httpx.AsyncClient(base_url=base, timeout=120, limits=limits)
        path = "/d/" + str(link).split("/d/", 1)[1]
        await client.get(path)  # the CSRF cookie, as a browser holds it
        clients.append(client)
        tasks.append(link_holder(client, path, k % 2 == 0, requests, results, think,
                                 random.Random(1000 + k)))  # fmt: skip
    sampler = asyncio.create_task(_sample_load(results))
    start = time.perf_counter()
    await asyncio.gather(*tasks)
    seconds = time.perf_counter() - start
    sampler.cancel()
    for client in clients:
        await client.aclose()
    return seconds


# --------------------------------------------------------------------------- the report
def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)] if ordered else 0.0


def _line(name: str, values: list[float]) -> str:
    return (
        (
            f"{name}: p50 {statistics.median(values):.0f} ms, p95 {_percentile(values, 0.95):.0f} "
            f"ms, max {max(values):.0f} ms ({len(values)})"
        )
        if values
        else f"{name}: none"
    )


def report(results: Results, seconds: float, cpu: float, load_before: tuple[float, ...]) -> bool:
    samples = results.samples
    wall = [s.wall_ms for s in samples]
    server = [s.server_ms for s in samples if s.server_ms is not None]
    errors = sum(not s.expected for s in samples)
    print(
        f"  {len(samples)} requests in {seconds:.1f} s = {len(samples) / seconds:.1f} requests/s; "
        f"{errors} error(s); the workers' CPU {cpu / max(1, len(samples)) * 1000:.0f} ms a "
        f"request ({cpu / seconds:.2f} of a CPU on average)"
    )
    print("  " + _line("as the clients saw it", wall))
    print("  " + _line("inside the portal (Server-Timing)", server))
    for kind in ("portfolio", "partnership", "decision page", "decision posted"):
        mine = [s for s in samples if s.kind == kind]
        print(
            f"    {kind}: "
            + _line("clients", [s.wall_ms for s in mine])
            + "; "
            + _line("portal", [s.server_ms for s in mine if s.server_ms is not None])
        )
    for failure in results.failures[:10]:
        print(f"  error: {failure}")
    p95_wall, p95_server = _percentile(wall, 0.95), _percentile(server, 0.95)
    after = os.getloadavg()
    during = results.loads or [after[0]]
    print(f"  machine load: {' '.join(f'{x:.2f}' for x in load_before)} before, "
          f"{min(during):.1f}-{max(during):.1f} during (1-minute), "
          f"{' '.join(f'{x:.2f}' for x in after)} after ({os.cpu_count()} CPUs)")  # fmt: skip
    print(
        f"  target p95 < {TARGET_MS:.0f} ms, no error: clients p95 {p95_wall:.0f} ms "
        f"{'OK' if p95_wall < TARGET_MS and not errors else 'MISSED'}; portal p95 "
        f"{p95_server:.0f} ms {'OK' if p95_server < TARGET_MS and not errors else 'MISSED'}"
    )
    return errors == 0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=1000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20, help="requests of each user")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--think",
        type=Think.parse,
        default=Think(),
        help="each user's pause before a request, MIN-MAX seconds (default 1-3); 0: none",
    )
    parser.add_argument("--postgres", help="a PostgreSQL server URL (default: SQLite)")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:  # prepare URL N HOLDERS OFFICERS, in a process of its own
        url, n, holders, officers = args.phase
        print(json.dumps(prepare(url, int(n), int(holders), int(officers))))
        return
    officers = args.users // 2
    holders = args.users - officers
    with tempfile.TemporaryDirectory() as folder, database(args.postgres, Path(folder)) as url:
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        environ = {k: v for k, v in os.environ.items() if not k.startswith("COOPACT_")}
        env = {**environ, "COOPACT_HOME": folder, "COOPACT_DATABASE_URL": url,
               "COOPACT_PUBLIC_URL": base, "PYTHONPATH": str(ROOT)}  # fmt: skip
        command = [sys.executable, str(Path(__file__).resolve()), "--phase", url, str(args.n),
                   str(holders), str(officers)]  # fmt: skip
        seconds, _, out = _measure.run(command, env)
        prepared = json.loads(out.decode().strip().splitlines()[-1])
        kind = "PostgreSQL" if args.postgres else "SQLite"
        print(
            f"portal benchmark: {args.n} partnerships ({kind}, prepared in {seconds:.0f} s), "
            f"{args.users} users ({officers} officers signed in, {len(prepared['links'])} "
            f"link holders), {args.requests} requests each, {args.workers} worker(s); {args.think}"
        )
        with portal(env, port, args.workers, Path(folder) / "web.log") as pids:
            load_before = os.getloadavg()
            results = Results()
            cpu_before = _cpu_seconds(pids)
            elapsed = asyncio.run(run_users(base, prepared, args.requests, results, args.think))
            cpu = _cpu_seconds(pids) - cpu_before
            ok = report(results, elapsed, cpu, load_before)
        if not ok:  # the portal's own words for its failures (its log names no token)
            said = (Path(folder) / "web.log").read_text(errors="replace").splitlines()
            for line in [x for x in said if "Error" in x or "error" in x][-8:]:
                print(f"  portal log: {line[:300]}")
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
