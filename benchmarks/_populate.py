"""N active partnerships, the fastest faithful way: the example goes through the real
lifecycle once (services: every gate decided, every document generated), then its rows
(partnership, decisions, findings, documents with their contents, schedule) are copied in
bulk under new references. With ``audit`` (``--audit``), each copy also gets the example's
audit events (a status reads some of them), chained and keyed as coopact appends them;
otherwise the audit log is not copied and the copies' next events chain onto the example's."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, select, text  # noqa: E402

from coopact import services  # noqa: E402
from coopact.adapters.loading import load_text  # noqa: E402
from coopact.contracts.decisions import Decider, Role  # noqa: E402
from coopact.contracts.lifecycle import Gate, Outcome  # noqa: E402
from coopact.entrypoints.cli import demo  # noqa: E402
from coopact.store import audit as chain  # noqa: E402
from coopact.store.db import make_engine  # noqa: E402
from coopact.store.integrity import spec_digest  # noqa: E402
from coopact.store.migrate import upgrade  # noqa: E402
from coopact.store.tables import (  # noqa: E402
    DecisionRow,
    DocumentRow,
    FindingRow,
    PartnershipRow,
    ScheduleRow,
)
from coopact.store.uow import UnitOfWork  # noqa: E402

TEMPLATES = ROOT / "templates"
ACTOR = "benchmark"
CHILDREN = (DecisionRow, FindingRow, DocumentRow, ScheduleRow)


def reference(k: int) -> str:
    return f"P-2027-{k:06d}"


def _lifecycle(uow: UnitOfWork) -> str:
    partnership = load_text(demo.demo_file(), "benchmark partnership")
    ref = services.register(uow, partnership, actor=ACTOR).reference

    def advance() -> None:
        services.advance(uow, ref, templates=TEMPLATES)

    def decide(gate: Gate, name: str, role: Role, partner: str | None, outcome: Outcome,
               sha: str | None = None) -> None:  # fmt: skip
        services.decide(
            uow, ref, gate, Decider(name, role, partner), outcome,
            "Décision du banc d'essai, motivée.", document_sha256=sha, actor=ACTOR,
        )  # fmt: skip

    sponsors = {p.key: p.sponsor.name for p in partnership.partners if p.sponsor}
    signatories = {p.key: p.signatory.name for p in partnership.partners if p.signatory}
    advance()
    for key, name in sponsors.items():
        decide(Gate.vision_approval, name, Role.sponsor, key, Outcome.approve)
    advance()
    for key, name in sponsors.items():
        decide(Gate.balance_acceptance, name, Role.sponsor, key, Outcome.approve)
    advance()
    decide(Gate.legal_approval, demo.DEMO_LEGAL_OFFICER, Role.legal_officer, None, Outcome.approve)
    advance()
    sha = services.document_content(uow, ref, "agreement_pdf").sha256
    for key, name in signatories.items():
        decide(Gate.signature, name, Role.signatory, key, Outcome.sign, sha)
    advance()
    (view,) = services.status(uow, ref)
    assert view.stage == "active", view.stage
    return ref


def populate(url: str, n: int, *, batch: int = 200, audit: bool = False) -> dt.date:
    """A fresh database at ``url`` with ``n`` active partnerships; their first review date."""
    engine = make_engine(url)
    upgrade(engine)
    uow = UnitOfWork.for_engine(engine)
    first = _lifecycle(uow)
    with engine.connect() as conn:
        template = dict(
            conn.execute(select(PartnershipRow.__table__).where(PartnershipRow.reference == first))
            .mappings()
            .one()
        )
        children = {
            table: [
                dict(r)
                for r in conn.execute(
                    select(table.__table__).where(table.partnership_id == template["id"])
                ).mappings()
            ]
            for table in CHILDREN
        }
        next_ids = {
            table: (conn.execute(text(f"SELECT max(id) FROM {table.__tablename__}")).scalar() or 0)
            for table in (PartnershipRow, *CHILDREN)
        }
    review = min(
        r["due_on"] for r in children[ScheduleRow] if r["kind"] == "review" and not r["done_at"]
    )
    for start in range(2, n + 1, batch):
        rows: dict[Any, list[dict[str, Any]]] = {t: [] for t in (PartnershipRow, *CHILDREN)}
        for k in range(start, min(start + batch, n + 1)):
            ref = reference(k)
            spec = {**template["spec"], "reference": ref}
            spec_sha = spec_digest(spec)  # as coopact stores it: every read re-hashes it
            next_ids[PartnershipRow] += 1
            pid = next_ids[PartnershipRow]
            rows[PartnershipRow].append(
                {**template, "id": pid, "reference": ref, "spec": spec, "spec_sha256": spec_sha}
            )
            for table in CHILDREN:
                for child in children[table]:
                    next_ids[table] += 1
                    copy = {**child, "id": next_ids[table], "partnership_id": pid}
                    if table is DecisionRow:
                        copy["idempotency_key"] = hashlib.sha256(
                            f"{child['idempotency_key']}:{ref}".encode()
                        ).hexdigest()
                    if table is DocumentRow:
                        copy["spec_sha256"] = spec_sha
                    rows[table].append(copy)
        with engine.begin() as conn:
            for table in (PartnershipRow, *CHILDREN):
                if rows[table]:
                    conn.execute(insert(table.__table__), rows[table])
        if audit:
            _copy_events(uow, first, [row["reference"] for row in rows[PartnershipRow]])
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for table in (PartnershipRow, *CHILDREN):
                name = table.__tablename__
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"(SELECT max(id) FROM {name}))"
                    )
                )
    engine.dispose()
    return review  # type: ignore[no-any-return]


def _copy_events(uow: UnitOfWork, first: str, references: list[str]) -> None:
    """The example's audit events again for each of ``references``, appended to the chain."""
    with uow:
        events = [
            chain.NewEvent(e.action, e.actor, None, e.payload)
            for e in chain.events(uow.session, first)
        ]
        copies = [
            chain.NewEvent(e.action, e.actor, reference, e.payload)
            for reference in references
            for e in events
        ]
        chain.append_many(uow.session, keyring=uow.keyring, events=copies)
        uow.commit()


if __name__ == "__main__":  # python benchmarks/_populate.py URL N [--audit]: the review date
    print(populate(sys.argv[1], int(sys.argv[2]), audit="--audit" in sys.argv[3:]).isoformat())
