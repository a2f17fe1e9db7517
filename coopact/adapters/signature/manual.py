"""The embedded default: a signature packet to hand to the signatories.

The packet is a zip holding the agreement's PDF (the file signed, named in the manifest's
``agreement``), the .docx it was made from, and ``manifest.json`` with the SHA-256 of each
file and the signatories. It is a pure function
of its inputs: fixed timestamps, fixed order, sorted JSON, so the same request gives the
same bytes (and the same hash) on any machine.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from pathlib import PurePosixPath

from coopact.adapters.signature import Dispatch, SignatureRequest
from coopact.contracts.errors import InvalidInput, Problem

_FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
MANIFEST = "manifest.json"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _safe_name(name: str) -> str:
    """A bare file name: no folder, no ``..``, so the packet never writes outside its folder."""
    base = PurePosixPath(name.replace("\\", "/")).name
    if not base or base in {".", ".."}:
        raise InvalidInput(
            "signature packet", [Problem("agreement_name", f"{name!r} is not a file name")]
        )
    return base


def _member(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def build_packet(request: SignatureRequest) -> bytes:
    """The signature packet of ``request``, as reproducible zip bytes."""
    docx_name = _safe_name(request.agreement_name)
    if _sha256(request.agreement_docx) != request.agreement_sha256:
        raise InvalidInput(
            "signature packet",
            [Problem("agreement_sha256", "is not the SHA-256 of the agreement given")],
        )
    files: list[tuple[str, bytes]] = [(docx_name, request.agreement_docx)]
    signed = {"file": docx_name, "sha256": request.agreement_sha256}
    if request.agreement_pdf is not None:
        pdf_name = str(PurePosixPath(docx_name).with_suffix(".pdf"))
        files.append((pdf_name, request.agreement_pdf))
        signed = {"file": pdf_name, "sha256": request.signed_sha256, "made_from": docx_name}
    manifest = {
        "reference": request.reference,
        "title": request.title,
        "agreement": signed,
        "files": [{"name": n, "sha256": _sha256(d), "bytes": len(d)} for n, d in files],
        "signatories": [{"name": s.name, "partner": s.partner_key} for s in request.signers],
        "audit_head": dict(request.audit_head) if request.audit_head else None,
        "how_to_sign": (
            f"coopact decide {request.reference} {request.gate} --as NAME --role signatory "
            f"--for PARTNER --outcome sign --document-sha256 {request.signed_sha256}"
        ),
    }
    body = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True).encode() + b"\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files:
            _member(archive, name, data)
        _member(archive, MANIFEST, body)
    return buffer.getvalue()


class ManualProvider:
    """Builds the packet; signatures are then recorded with ``coopact decide``."""

    name = "manual"

    def dispatch(self, request: SignatureRequest) -> Dispatch:
        packet = build_packet(request)
        return Dispatch(
            provider=self.name,
            external_id=_sha256(packet),
            agreement_sha256=request.signed_sha256,
            packet=packet,
            packet_name=f"signature-{request.reference}-{request.signed_sha256[:12]}.zip",
        )


def packet_pdf(packet: bytes) -> bytes | None:
    """The agreement's PDF held in a signature packet, or None when it has none."""
    with zipfile.ZipFile(io.BytesIO(packet)) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        pdf_name = str(PurePosixPath(manifest["agreement"]["file"]).with_suffix(".pdf"))
        if "made_from" in manifest["agreement"]:
            pdf_name = str(manifest["agreement"]["file"])
        if pdf_name not in archive.namelist():
            return None
        return archive.read(pdf_name)
