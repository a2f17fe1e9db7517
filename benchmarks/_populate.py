"""N active partnerships, the fastest faithful way: the example goes through the real
lifecycle once (services: every gate decided, every document generated), then its rows
(partnership, decisions, findings, documents with their contents, schedule) are copied in
bulk under new references. With ``audit`` (``--audit``), each copy also gets the example's
audit events (a status reads some of them), chained and keyed as coopact appends them;
otherwise the audit log is not copied and the copies' next events chain onto the example's.
With ``contents=False`` (``--no-contents``), the copies' document rows are kept (their
versions, hashes, names: what ``status`` and the indexes see) without their contents and
the inputs they were made from (about 670 KB a partnership: 67 GB at 100,000), for
benchmarks that read no document."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import hmac
import json
import sys
from pathlib import Path
from typing import Any, cast

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import JSON, Connection, Table, column, insert, select, text  # noqa: E402
from sqlalchemy import table as sql_table  # noqa: E402
from sqlalchemy.sql.expression import TableClause  # noqa: E402

from coopact import services  # noqa: E402
from coopact.adapters.loading import load_text  # noqa: E402
from coopact.contracts.deciders import Decider  # noqa: E402
from coopact.contracts.lifecycle import Gate, Outcome  # noqa: E402
from coopact.contracts.roles import Role  # noqa: E402
from coopact.entrypoints.cli import demo  # noqa: E402
from coopact.store import audit as chain  # noqa: E402
from coopact.store import chain_hash  # noqa: E402
from coopact.store.audit_tables import AuditEventRow  # noqa: E402
from coopact.store.base import utcnow  # noqa: E402
from coopact.store.db import make_engine  # noqa: E402
from coopact.store.file_checks import spec_digest  # noqa: E402
from coopact.store.keys import Keyring  # noqa: E402
from coopact.store.migrate import upgrade  # noqa: E402
from coopact.store.tables import (  # noqa: E402
    DecisionRow,
    DocumentRow,
    FindingRow,
    PartnershipFileRow,
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
    return str(ref)


def populate(
    url: str, n: int, *, batch: int = 500, audit: bool = False, contents: bool = True
) -> dt.date:
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
        files = PartnershipFileRow
        file = conn.execute(
            select(files.spec).where(files.partnership_id == template["id"])
        ).scalar_one()
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
    raw = {table: _raw_table(table) for table in (PartnershipRow, PartnershipFileRow, *CHILDREN)}
    children = {table: [_json_encoded(table, c) for c in rows]
                for table, rows in children.items()}  # fmt: skip
    events = _template_events(uow, first) if audit else []
    for start in range(2, n + 1, batch):
        rows: dict[Any, list[dict[str, Any]]] = {
            t: [] for t in (PartnershipRow, PartnershipFileRow, *CHILDREN)
        }
        for k in range(start, min(start + batch, n + 1)):
            ref = reference(k)
            spec = {**file, "reference": ref}
            spec_sha = spec_digest(spec)  # as coopact stores it: every read re-hashes it
            next_ids[PartnershipRow] += 1
            pid = next_ids[PartnershipRow]
            rows[PartnershipRow].append(_json_encoded(PartnershipRow, {
                **template, "id": pid, "reference": ref, "spec_sha256": spec_sha
            }))  # fmt: skip
            rows[PartnershipFileRow].append({"partnership_id": pid, "spec": json.dumps(spec)})
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
                        if not contents:
                            copy["content"], copy["inputs"] = b"", None
                    rows[table].append(copy)
        with engine.begin() as conn:
            for model in (PartnershipRow, PartnershipFileRow, *CHILDREN):
                if rows[model]:
                    conn.execute(insert(raw[model]), rows[model])
            if events:
                _copy_events(
                    conn, uow.keyring, events, [r["reference"] for r in rows[PartnershipRow]]
                )
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for model in (PartnershipRow, *CHILDREN):
                name = model.__tablename__
                conn.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"(SELECT max(id) FROM {name}))"
                    )
                )
    engine.dispose()
    return review  # type: ignore[no-any-return]


def _raw_table(model: Any) -> TableClause:
    """``table`` with its JSON columns untyped: their values are given already encoded
    (once for the example's rows, instead of once a copy)."""
    table = cast(Table, model.__table__)
    return sql_table(
        table.name,
        *(column(c.name, None if _is_json(c.type) else c.type) for c in table.columns),
    )


def _is_json(kind: Any) -> bool:
    """A JSON column: SQLAlchemy's JSON, or the store's JSON type built on it."""
    return isinstance(kind, JSON) or isinstance(getattr(kind, "impl", None), JSON)


def _json_encoded(model: Any, row: dict[str, Any]) -> dict[str, Any]:
    table = cast(Table, model.__table__)
    return {
        k: json.dumps(v) if _is_json(table.c[k].type) and v is not None else v
        for k, v in row.items()
    }


def _template_events(uow: UnitOfWork, first: str) -> list[tuple[str, str, str]]:
    """The example's audit events: (action, actor, canonical payload)."""
    with uow:
        return [
            (e.action, e.actor, chain_hash.canonical_json(e.payload))
            for e in chain.events(uow.session, first)
        ]


def _copy_events(
    conn: Connection, keyring: Keyring, events: list[tuple[str, str, str]], references: list[str]
) -> None:
    """The example's events again for each of ``references``, appended to the chain in one
    INSERT, hashed as :func:`coopact.store.audit.append_many` does (the canonical JSON of
    each body assembled around the payload's, encoded once; the benchmark's count phase
    verifies the whole chain). No webhook is subscribed in a fresh database."""
    last = conn.execute(
        select(AuditEventRow.seq, AuditEventRow.hash).order_by(AuditEventRow.seq.desc()).limit(1)
    ).first()
    seq, prev = (last.seq, last.hash) if last else (0, chain_hash.GENESIS)
    kid = keyring.current_id
    key = keyring.key(chain_hash.NAMESPACE, kid)
    dumps = functools.partial(json.dumps, ensure_ascii=False)
    rows = []
    for ref in references:
        tail = f',"reference":{dumps(ref)},"seq":'
        for action, actor, payload in events:
            seq += 1
            at = utcnow()
            body = (f'{{"action":{dumps(action)},"actor":{dumps(actor)},'
                    f'"at":"{at.isoformat(timespec="microseconds")}","key_id":{dumps(kid)},'
                    f'"payload":{payload}{tail}{seq}}}')  # fmt: skip
            hash_ = hmac.new(key, (prev + body).encode(), hashlib.sha256).hexdigest()
            rows.append({
                "seq": seq, "at": at, "reference": ref, "actor": actor, "action": action,
                "payload": payload, "prev_hash": prev, "hash": hash_, "key_id": kid,
                "anchored": None,
            })  # fmt: skip
            prev = hash_
    conn.execute(insert(_raw_table(AuditEventRow)), rows)


if __name__ == "__main__":  # python benchmarks/_populate.py URL N [--audit] [--no-contents]
    flags = sys.argv[3:]
    day = populate(
        sys.argv[1],
        int(sys.argv[2]),
        audit="--audit" in flags,
        contents="--no-contents" not in flags,
    )
    print(day.isoformat())  # the review date
