"""Attacks by someone who can write the database (triggers dropped first) but holds
neither the secret key nor the anchor log: each one is detected and named; the untouched
chain verifies. SQLite and PostgreSQL (the ``db_url`` fixture)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from coopact.store import chain_hash
from coopact.store.audit_tables import AuditEventRow
from tests.security.conftest import REF, Ground


def _verify(ground: Ground):  # type: ignore[no-untyped-def]
    return ground.cli("audit", "verify")


def test_untouched_everything_verifies(ground: Ground) -> None:
    result = _verify(ground)
    assert result.returncode == 0, result.stderr
    assert f"{ground.last_seq()} events verified" in result.stdout
    assert "anchors checked" in result.stdout
    assert "not anchored" not in result.stdout


# --------------------------------------------------------------------------- a stored document
def test_one_flipped_byte_of_the_agreement_is_refused_everywhere(
    ground: Ground, tmp_path: Path
) -> None:
    content = bytearray(ground.agreement().content)
    content[len(content) // 2] ^= 0x01
    ground.sql("UPDATE documents SET content = :c WHERE kind = 'agreement'", c=bytes(content))
    named = f"agreement v1 of {REF}"

    listed = ground.cli("documents", REF)
    assert listed.returncode == 1 and named in listed.stderr
    assert "altered" in listed.stderr

    out = tmp_path / "export"
    exported = ground.cli("documents", REF, "--export", str(out))
    assert exported.returncode == 1 and named in exported.stderr
    assert not out.exists() or not any(out.iterdir()), "nothing altered is written"

    status = ground.cli("status", REF)
    assert status.returncode == 1 and named in status.stderr

    signed = ground.cli(
        "decide", REF, "signature", "--as", "Paul Durand", "--role", "signatory",
        "--for", "tremplin", "--outcome", "sign", "--reason", "Signé",
        "--document-sha256", ground.agreement_sha256,
    )  # fmt: skip
    assert signed.returncode == 1 and named in signed.stderr

    verified = _verify(ground)
    assert verified.returncode == 1
    assert f"document agreement v1 of {REF}" in verified.stderr


def test_a_document_replaced_with_its_hash_recomputed_is_named(ground: Ground) -> None:
    import hashlib

    content = ground.agreement().content + b"x"
    ground.sql(
        "UPDATE documents SET content = :c, sha256 = :s WHERE kind = 'agreement'",
        c=content,
        s=hashlib.sha256(content).hexdigest(),
    )
    verified = _verify(ground)
    assert verified.returncode == 1
    assert f"document agreement v1 of {REF}" in verified.stderr
    assert "not in the audit chain" in verified.stderr


# --------------------------------------------------------------------------- the chain itself
def test_truncating_the_last_three_events_is_found(ground: Ground) -> None:
    last = ground.last_seq()
    ground.sql(f"DELETE FROM audit_events WHERE seq > {last - 3}")
    verified = _verify(ground)
    assert verified.returncode == 1
    assert f"events {last - 2} to {last} were deleted" in verified.stderr


def test_an_appended_event_with_a_recomputed_sha256_is_found(ground: Ground) -> None:
    last = ground.last_seq()
    with ground.uow() as uow:
        tail = uow.session.scalars(select(AuditEventRow).where(AuditEventRow.seq == last)).one()
        forged = AuditEventRow(
            seq=last + 1, at=tail.at, reference=REF, actor="Paul Durand (signatory)",
            action="decision.recorded", payload={"gate": "signature", "outcome": "sign"},
            prev_hash=tail.hash, key_id=tail.key_id,
        )  # fmt: skip
        forged.hash = chain_hash.chain_hash(tail.hash, chain_hash.event_body(forged))
        uow.session.add(forged)
        uow.session.commit()
    verified = _verify(ground)
    assert verified.returncode == 1
    assert f"event {last + 1} was altered or forged" in verified.stderr


def test_an_appended_unsigned_event_is_found(ground: Ground) -> None:
    last = ground.last_seq()
    with ground.uow() as uow:
        tail = uow.session.scalars(select(AuditEventRow).where(AuditEventRow.seq == last)).one()
        forged = AuditEventRow(
            seq=last + 1, at=tail.at, reference=REF, actor="mallory", action="gate.closed",
            payload={}, prev_hash=tail.hash, key_id=None,
        )  # fmt: skip
        forged.hash = chain_hash.chain_hash(tail.hash, chain_hash.event_body(forged))
        uow.session.add(forged)
        uow.session.commit()
    verified = _verify(ground)
    assert verified.returncode == 1
    assert f"event {last + 1} is not signed by the audit key" in verified.stderr


def _rewrite_from(ground: Ground, seq: int, *, unkeyed: bool) -> None:
    """Edit event ``seq``'s payload and recompute every hash from there with SHA-256
    (the attacker has no key); ``unkeyed`` also strips the key ids of the whole chain, so
    that it looks like a chain written before the keyed one."""
    ground.sql("SELECT 1")  # drop the triggers
    with ground.uow() as uow:
        rows = list(uow.session.scalars(select(AuditEventRow).order_by(AuditEventRow.seq)))
        prev = chain_hash.GENESIS if unkeyed else rows[seq - 2].hash
        for row in rows if unkeyed else rows[seq - 1 :]:
            if unkeyed:
                row.key_id = None
            if row.seq == seq:
                row.payload = {**row.payload, "reason": "forged"}
            row.prev_hash = "pending-" + str(row.seq)
        uow.session.flush()
        for row in rows if unkeyed else rows[seq - 1 :]:
            row.prev_hash = prev
            row.hash = chain_hash.chain_hash(prev, chain_hash.event_body(row))
            prev = row.hash
        uow.session.commit()


def test_a_rewritten_middle_with_recomputed_hashes_is_found(ground: Ground) -> None:
    middle = ground.last_seq() // 2
    _rewrite_from(ground, middle, unkeyed=False)
    verified = _verify(ground)
    assert verified.returncode == 1
    assert f"event {middle} was altered or forged" in verified.stderr
    assert f"event {middle} is not the event anchored" in verified.stderr


def test_a_whole_chain_rewritten_as_unkeyed_is_found_by_the_anchors(ground: Ground) -> None:
    middle = ground.last_seq() // 2
    _rewrite_from(ground, middle, unkeyed=True)
    verified = _verify(ground)
    assert verified.returncode == 1
    assert "audit chain broken" not in verified.stderr  # a consistent SHA-256 chain...
    assert "is not the event anchored" in verified.stderr  # ...that the anchors contradict


# --------------------------------------------------------------------------- tables vs chain
def test_an_edited_decision_outcome_is_named(ground: Ground) -> None:
    ground.sql("UPDATE decisions SET outcome = 'reject' WHERE gate = 'legal_approval'")
    verified = _verify(ground)
    assert verified.returncode == 1
    assert "legal_approval" in verified.stderr
    assert "outcome is 'reject', the chain says 'approve'" in verified.stderr


def test_an_edited_decider_is_named(ground: Ground) -> None:
    ground.sql("UPDATE decisions SET decider = 'Mallory' WHERE partner_key = 'tremplin'")
    verified = _verify(ground)
    assert verified.returncode == 1
    assert "decider is 'Mallory', not the person the chain recorded" in verified.stderr


def test_a_stage_changed_by_hand_is_named(ground: Ground) -> None:
    ground.sql(f"UPDATE partnerships SET stage = 'active' WHERE reference = '{REF}'")
    verified = _verify(ground)
    assert verified.returncode == 1
    assert f"partnership {REF} is at stage active in the table" in verified.stderr
    assert "the audit chain last moved it to formalised" in verified.stderr


def test_a_schedule_row_added_by_hand_is_named(ground: Ground) -> None:
    ground.sql(
        "INSERT INTO schedule (partnership_id, kind, subject, due_on) "
        "SELECT id, 'review', 'forged', '2027-06-01' FROM partnerships"
    )
    verified = _verify(ground)
    assert verified.returncode == 1
    assert "schedule row" in verified.stderr and "forged" in verified.stderr


# --------------------------------------------------------------------------- the anchor log
def test_an_edited_anchor_log_is_found(ground: Ground) -> None:
    log = ground.cli.home / "anchors.log"
    lines = log.read_text().splitlines()
    lines[1] = lines[1].replace('"seq": ', '"seq": 1')
    log.write_text("\n".join(lines) + "\n")
    verified = _verify(ground)
    assert verified.returncode == 1
    assert "line 2 was altered or forged" in verified.stderr


def test_the_head_recorded_by_the_signature_packet_is_checked(ground: Ground) -> None:
    _rewrite_from(ground, 2, unkeyed=True)  # a consistent SHA-256 chain, rewritten
    (ground.cli.home / "anchors.log").unlink()  # even with the anchor log lost
    verified = _verify(ground)
    assert verified.returncode == 1
    assert f"signature_packet v1 of {REF} recorded event" in verified.stderr
