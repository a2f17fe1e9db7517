"""`coopact documents verify FILE`: is this file, byte for byte, a version coopact
generated, and was it signed; the signature packet records the audit chain's head."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from sqlalchemy import select

from coopact import services
from coopact.contracts.deciders import Decider
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.store.audit_tables import AuditEventRow
from coopact.store.tables import DocumentRow
from tests.security.conftest import REF, Ground


def _export(ground: Ground, tmp_path: Path) -> Path:
    ground.cli("documents", REF, "--export", str(tmp_path / "out"), check=True)
    (agreement,) = (tmp_path / "out").glob("v1-*-agreement-*.docx")
    return agreement


def test_an_exported_agreement_is_recognised_then_seen_signed(
    ground: Ground, tmp_path: Path
) -> None:
    agreement = _export(ground, tmp_path)
    result = ground.cli("documents", "verify", str(agreement))
    assert result.returncode == 0, result.stderr
    assert f"is {REF} agreement v1 (fr" in result.stdout
    assert "byte for byte; no signature names this version" in result.stdout

    services.decide(
        ground.uow(), REF, Gate.signature, Decider("Paul Durand", Role.signatory, "tremplin"),
        Outcome.sign, "Signé", document_sha256=ground.agreement_sha256,
    )  # fmt: skip
    result = ground.cli("documents", "verify", str(agreement))
    assert "signed through its PDF by tremplin" in result.stdout
    (signed,) = (tmp_path / "out").glob("v1-*-agreement-fr-*.pdf")  # the file signed
    result = ground.cli("documents", "verify", str(signed))
    assert f"is {REF} agreement_pdf v1 (fr" in result.stdout
    assert "signed against this hash by tremplin" in result.stdout


def test_a_file_changed_by_one_byte_is_not_a_coopact_version(
    ground: Ground, tmp_path: Path
) -> None:
    agreement = _export(ground, tmp_path)
    content = bytearray(agreement.read_bytes())
    content[100] ^= 0x01
    agreement.write_bytes(bytes(content))
    result = ground.cli("documents", "verify", str(agreement))
    assert result.returncode == 1
    assert "is not a version coopact generated" in result.stdout


def test_the_signature_packet_records_the_chain_head_at_its_making(ground: Ground) -> None:
    with ground.uow() as uow:
        packet = uow.session.scalars(
            select(DocumentRow).where(DocumentRow.kind == "signature_packet")
        ).one()
        with zipfile.ZipFile(io.BytesIO(packet.content)) as archive:
            head = json.loads(archive.read("manifest.json"))["audit_head"]
        event = uow.session.scalars(
            select(AuditEventRow).where(AuditEventRow.seq == head["seq"])
        ).one()
    assert event.hash == head["hash"]
    assert packet.inputs["audit_head"] == head
