"""How long `coopact audit verify` takes over a long chain (default 100,000 events).

    python benchmarks/audit_verify.py [N] [--database-url URL]

Builds a fresh SQLite database (or uses the PostgreSQL URL given, which must be empty),
writes N keyed events as `coopact` would (HMAC chain, one partnership's decisions and
documents among them), anchors the head, then times the whole verification: the chain
against the key, the anchors, the tables against the chain.
"""

from __future__ import annotations

import argparse
import datetime as dt
import secrets
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from coopact.store import chain_hash
from coopact.store.anchors import AnchorLog
from coopact.store.audit_tables import AuditEventRow
from coopact.store.db import make_engine, session_factory
from coopact.store.file_checks import spec_digest
from coopact.store.keys import Keyring
from coopact.store.migrate import upgrade
from coopact.store.tables import PartnershipRow
from coopact.store.verification import verify_everything

BATCH = 5000
EMPTY_SPEC = spec_digest({})  # the stored file's hash, re-checked on every read


def build(url: str, n: int, ring: Keyring, anchor: AnchorLog) -> None:
    engine = make_engine(url)
    upgrade(engine)
    sessions = session_factory(engine)
    with sessions() as session:
        session.add(
            PartnershipRow(
                reference="P-2027-001", title="Benchmark", stage="draft", spec={},
                spec_sha256=EMPTY_SPEC, version=1, rounds={},
            )
        )  # fmt: skip
        session.commit()
    prev, kid = chain_hash.GENESIS, ring.current_id
    start = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    seq = 0
    while seq < n:
        with sessions() as session:
            rows = []
            for _ in range(min(BATCH, n - seq)):
                seq += 1
                first = seq == 1
                row = AuditEventRow(
                    seq=seq,
                    at=start + dt.timedelta(seconds=seq),
                    reference="P-2027-001",
                    actor="officer",
                    action="partnership.registered" if first else "stage.work",
                    payload={"stage": "draft", "spec_sha256": EMPTY_SPEC}
                    if first
                    else {"stage": "draft", "summary": f"run {seq}", "findings": seq % 7},
                    prev_hash=prev,
                    key_id=kid,
                )
                row.hash = chain_hash.keyed_hash(ring, prev, chain_hash.event_body(row), kid)
                prev = row.hash
                rows.append(row)
            session.add_all(rows)
            session.commit()
        anchor.append(seq, prev)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=100_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    ring = Keyring((secrets.token_hex(32).encode(),))
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        anchor = AnchorLog(Path(folder) / "anchors.log", ring)
        began = time.perf_counter()
        build(url, args.n, ring, anchor)
        built = time.perf_counter() - began
        engine = make_engine(url)
        began = time.perf_counter()
        with session_factory(engine)() as session:
            report = verify_everything(session, ring, anchor)
        took = time.perf_counter() - began
        engine.dispose()
    assert report.intact, report.problems
    print(
        f"{report.events} events, {report.anchors} anchors: written in {built:.1f} s, "
        f"verified in {took:.2f} s ({report.events / took:,.0f} events/s)"
    )


if __name__ == "__main__":
    main()
