"""Benchmark: audit appends per second on PostgreSQL with one, then two, writer processes.

    python benchmarks/audit_concurrency.py [N, default 200] [--postgres SERVER_URL]

N active partnerships are made the fastest faithful way (benchmarks/_populate.py) in a fresh
PostgreSQL database made and dropped here (SERVER_URL names the server, default
postgresql://postgres@127.0.0.1:5432/postgres), and their reviews opened. Then the work of
the comité de pilotage, as workers would do it: each of the four members votes go at the
review of each partnership, one transaction a vote (`services.decide`: the decision, its
audit events, and with the fourth vote the review closing, its minutes written and its
events). One writer votes on the first half of the partnerships; then two writers, each in
its own process, vote at the same time on the second half. The same for the review
reports (`services.advance`: the report rendered and stored, its events), as the workers of
the review-due fan-out write them. Each writer prints its time, how long it held the audit
chain's lock (the advisory lock taken to read the chain head, held until the commit) and
how long it waited for it.

Target (issue 12, item 7): two writers at least 1.7x the appends per second of one. The
single chain head is what limits them when they spend their time waiting for its lock; on a
busy 2-core machine two writers are not faster than one for want of CPU, which the time
spent waiting tells apart.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import _measure  # noqa: E402
from review_opening import database  # noqa: E402

SPEED_UP = 1.7
MEMBERS = (("Claire Martin", "tremplin"), ("Inès Benali", "tremplin"),
           ("Marc Lefèvre", "logistix"), ("Julie Moreau", "logistix"))  # fmt: skip


def _count_events() -> int:
    from sqlalchemy import func, select

    from coopact.bootstrap import units
    from coopact.store.audit_tables import AuditEventRow

    with units.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(AuditEventRow)) or 0)


def phase_open(day: dt.date) -> dict[str, object]:
    from coopact import services
    from coopact.bootstrap import units

    return {"opened": len(services.review_due(units.uow(), day))}


def phase_work(kind: str, part: str, index: int, writers: int, day: str) -> dict[str, object]:
    """This writer's share of the partnerships in review: their review reports written
    (``kind`` reports), or every member's vote (``votes``)."""
    from sqlalchemy import event, select
    from sqlalchemy.engine import Engine

    from coopact import services
    from coopact.adapters.config import settings
    from coopact.bootstrap import units
    from coopact.contracts.deciders import Decider
    from coopact.contracts.lifecycle import Gate, Outcome
    from coopact.contracts.roles import Role
    from coopact.store.tables import PartnershipRow

    waited, held = [0.0], [0.0]  # waiting for the chain lock; holding it, until the commit

    def before(conn, cursor, statement, *_):  # type: ignore[no-untyped-def]
        if "pg_advisory_xact_lock" in statement:
            conn.info["coopact.lock_asked"] = time.perf_counter()

    def after(conn, cursor, statement, *_):  # type: ignore[no-untyped-def]
        asked = conn.info.pop("coopact.lock_asked", None)
        if asked is not None:
            conn.info["coopact.lock_held"] = now = time.perf_counter()
            waited[0] += now - asked

    def released(conn):  # type: ignore[no-untyped-def]
        since = conn.info.pop("coopact.lock_held", None)
        if since is not None:
            held[0] += time.perf_counter() - since

    event.listen(Engine, "before_cursor_execute", before)
    event.listen(Engine, "after_cursor_execute", after)
    event.listen(Engine, "commit", released)
    event.listen(Engine, "rollback", released)
    uow = units.uow()
    with uow:
        refs = list(
            uow.session.scalars(select(PartnershipRow.reference).order_by(PartnershipRow.reference))
        )
    half = refs[: len(refs) // 2] if part == "first" else refs[len(refs) // 2 :]
    mine = half[index::writers]
    start = time.perf_counter()
    done = 0
    for reference in mine:
        if kind == "reports":
            services.advance(
                uow, reference, templates=settings().templates, today=dt.date.fromisoformat(day)
            )
            done += 1
            continue
        for name, partner in MEMBERS:
            result = services.decide(
                uow, reference, Gate.review, Decider(name, Role.committee_member, partner),
                Outcome.go, f"Avis de {name} : la revue est satisfaisante.", actor="benchmark",
            )  # fmt: skip
            assert result.applied, result.message
            done += 1
    seconds = time.perf_counter() - start
    return {"done": done, "seconds": seconds, "waited": waited[0], "held": held[0]}


def phase_count() -> dict[str, object]:
    return {"events": _count_events()}


def _command(*args: str) -> list[str]:
    return [sys.executable, str(Path(__file__).resolve()), "--phase", *args]


def _json(out: bytes) -> dict[str, object]:
    return json.loads(out.decode().strip().splitlines()[-1])  # type: ignore[no-any-return]


def measure(kind: str, env: dict[str, str], day: str, events: Callable[[], int]) -> float:
    """One writer on the first half, two at once on the second: the ratio of their rates."""
    before = events()
    one = _json(_measure.run(_command("work", kind, "first", "0", "1", day), env)[2])
    after_one = events()
    rate_one = (after_one - before) / float(one["seconds"])  # type: ignore[arg-type]
    print(f"  {kind}, 1 writer : {one['done']} transactions, {after_one - before} events in "
          f"{float(one['seconds']):.1f} s = {rate_one:.1f} events/s; held the chain lock "  # type: ignore[arg-type]
          f"{float(one['held']):.1f} s")  # type: ignore[arg-type]  # fmt: skip
    writers = [
        subprocess.Popen(_command("work", kind, "second", str(i), "2", day), env=env,
                         stdout=subprocess.PIPE)
        for i in range(2)
    ]  # fmt: skip
    results = []
    for process in writers:
        out = process.communicate()[0]
        assert process.returncode == 0, "a writer failed"
        results.append(_json(out))
    after_two = events()
    slowest = max(float(r["seconds"]) for r in results)  # type: ignore[arg-type]
    rate_two = (after_two - after_one) / slowest
    waits = ", ".join(
        f"waited {float(r['waited']):.1f} s and held it {float(r['held']):.1f} s "  # type: ignore[arg-type]
        f"of {float(r['seconds']):.1f} s"  # type: ignore[arg-type]
        for r in results
    )
    print(f"  {kind}, 2 writers: {sum(int(r['done']) for r in results)} transactions, "  # type: ignore[call-overload]
          f"{after_two - after_one} events in {slowest:.1f} s = {rate_two:.1f} events/s; "
          f"the chain lock: {waits}")  # fmt: skip
    return rate_two / rate_one


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int, nargs="?", default=200)
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        name, *rest = args.phase
        if name == "open":
            result = phase_open(dt.date.fromisoformat(rest[0]))
        elif name == "work":
            result = phase_work(rest[0], rest[1], int(rest[2]), int(rest[3]), rest[4])
        else:
            result = phase_count()
        print(json.dumps(result))
        return

    with (
        tempfile.TemporaryDirectory() as folder,
        database(args.postgres, Path(folder), args.n) as url,
    ):
        env = {**os.environ, "COOPACT_HOME": folder, "COOPACT_DATABASE_URL": url}
        print(f"audit appends with concurrent writers, {args.n} partnerships (PostgreSQL); "
              f"{_measure.load()}")  # fmt: skip
        populate = [sys.executable, str(HERE / "_populate.py"), url, str(args.n), "--audit"]
        day = _measure.run(populate, env)[2].decode().strip().splitlines()[-1]
        _measure.run(_command("open", day), env)

        def events() -> int:
            return int(_json(_measure.run(_command("count"), env)[2])["events"])  # type: ignore[arg-type]

        for kind in ("reports", "votes"):
            ratio = measure(kind, env, day, events)
            verdict = "OK" if ratio >= SPEED_UP else "MISSED"
            print(f"  {kind}: target >= {SPEED_UP}x one writer: {ratio:.2f}x  {verdict}")
        print(f"  {_measure.load()}")


if __name__ == "__main__":
    main()
