"""The forger's tools: what someone who can write the database (triggers dropped first) but
does not hold the key can do to the audit chain."""

from __future__ import annotations

from sqlalchemy import select, text, update

from coopact.store import chain_hash, pseudonyms
from coopact.store.audit_tables import AuditEventRow
from coopact.store.db import make_engine
from coopact.store.tables import DecisionRow, DocumentRow

FORGED_REASON = "Vote falsifié après coup"


def rewrite_unkeyed(url: str) -> None:
    """A committee vote's (else a decision's) reason changed in its row and its event, then every event
    rewritten as a plain SHA-256 chain (no key id, not anchored: the form of the events
    written before the keyed chain), and the chain heads recorded by documents patched."""
    engine = make_engine(url)
    with engine.begin() as conn:
        decisions = conn.execute(select(DecisionRow.id, DecisionRow.gate)).all()
        votes = [d for d in decisions if d.gate == "review"] or decisions  # a vote, else any
        vote = min(votes, key=lambda d: d.id)
        conn.execute(
            text("UPDATE decisions SET reason = :r WHERE id = :i"),
            {"r": FORGED_REASON, "i": vote.id},
        )
        rows = conn.execute(select(AuditEventRow).order_by(AuditEventRow.seq)).all()
        conn.execute(text("UPDATE audit_events SET prev_hash = 'x' || seq, hash = 'y' || seq"))
        prev, heads, events = chain_hash.GENESIS, {}, AuditEventRow.__table__
        for row in rows:
            payload = dict(row.payload)
            if row.action == "decision.recorded" and payload.get("decision_id") == vote.id:
                payload["reason_sha256"] = pseudonyms.text_hash(FORGED_REASON)
            forged = AuditEventRow(
                seq=row.seq, at=row.at, reference=row.reference, actor=row.actor,
                action=row.action, payload=payload, key_id=None, anchored=None,
            )  # fmt: skip
            digest = chain_hash.chain_hash(prev, chain_hash.event_body(forged))
            conn.execute(
                update(events)
                .where(events.c.seq == row.seq)
                .values(payload=payload, key_id=None, anchored=None, prev_hash=prev, hash=digest)
            )
            heads[row.seq] = digest
            prev = digest
        for doc in conn.execute(
            select(DocumentRow.id, DocumentRow.inputs).where(
                DocumentRow.kind.in_(("signature_packet", "review_report"))
            )
        ).all():
            inputs = dict(doc.inputs or {})
            if inputs.get("audit_head"):
                head = inputs["audit_head"]
                inputs["audit_head"] = {**head, "hash": heads[head["seq"]]}
                documents = DocumentRow.__table__
                conn.execute(
                    update(documents).where(documents.c.id == doc.id).values(inputs=inputs)
                )
    engine.dispose()
