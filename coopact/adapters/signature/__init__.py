"""Sending the agreement (or an avenant) out for signature, and hearing back.

A :class:`SignatureProvider` takes a :class:`SignatureRequest` (the act of one version, the
agreement or an avenant, its SHA-256 and the signatories) and returns a :class:`Dispatch`.
Three providers exist:

- ``manual`` (embedded default): a signature packet, a reproducible zip with the PDF signed,
  the .docx it was made from, and ``manifest.json`` listing the SHA-256 of each file and the
  signatories. Each signatory then records their signature with ``coopact decide`` (or a
  personal link), naming the PDF's hash.
- ``docuseal``: a submission on a DocuSeal server, one submitter per signatory; its webhooks
  come back verified, de-duplicated through :class:`SeenEvents`, as :class:`SignatureEvent`.
- ``yousign``: a signature request on Yousign (API v3), one signer per signatory; its
  HMAC-signed webhooks come back the same way (:mod:`coopact.adapters.signature.yousign`).

Whichever provider is used, a signature is recorded against the SHA-256 of the agreement's
PDF (the file the signatories read), and a new version of the agreement voids the
signatures of the earlier one
(:func:`contracts.decisions.counting`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from coopact.contracts.decisions import recipients
from coopact.contracts.lifecycle import Gate
from coopact.schemas import Partnership


@dataclass(frozen=True)
class Signer:
    """One signatory: the person named in ``partners[].signatory`` of one partner."""

    name: str
    partner_key: str
    email: str | None = None


@dataclass(frozen=True)
class SignatureRequest:
    reference: str
    title: str
    agreement_name: str  # file name of the .docx, e.g. "convention-P-2027-001-v2.docx"
    agreement_docx: bytes
    agreement_sha256: str  # the SHA-256 of the .docx
    signers: tuple[Signer, ...]
    agreement_pdf: bytes | None = None  # the PDF the signatories read and sign
    language: str = "fr"
    audit_head: Mapping[str, Any] | None = None  # the audit chain's head at the packet's making
    gate: str = Gate.signature.value  # the gate signed at (an avenant: amendment_signature)

    @property
    def signed_sha256(self) -> str:
        """The hash every signatory signs: the PDF's (the .docx's for a request without)."""
        if self.agreement_pdf is None:
            return self.agreement_sha256
        return hashlib.sha256(self.agreement_pdf).hexdigest()


@dataclass(frozen=True)
class Dispatch:
    """What a provider did with a request; ``external_id`` finds it again at the provider."""

    provider: str
    external_id: str
    agreement_sha256: str  # the hash signed (the PDF's: SignatureRequest.signed_sha256)
    packet: bytes | None = None  # manual: the zip to hand to the signatories
    packet_name: str | None = None
    submitters: dict[str, str] = field(default_factory=dict)  # partner key -> provider's id


@dataclass(frozen=True)
class SignatureEvent:
    """A verified, first-time event from a provider, ready to be recorded as a decision."""

    provider: str
    event_id: str
    payload_sha256: str
    kind: str  # "signed" | "declined" | "completed" | "other"
    submission_id: str
    partner_key: str | None = None
    signer_name: str | None = None
    document_sha256: str | None = None
    reason: str | None = None
    signer_id: str | None = None  # the provider's signer, when the event names no partner


class SignatureProvider(Protocol):
    name: str

    def dispatch(self, request: SignatureRequest) -> Dispatch:
        """Send the agreement out for signature (or build the packet)."""
        ...


class SeenEvents(Protocol):
    """Replay protection: remembers the provider events already applied.

    The lead implements it on the ``webhook_events`` table (unique provider, event_id), in
    the same transaction that records the decision, so that an event is applied once.
    """

    def first_time(self, provider: str, event_id: str, payload_sha256: str) -> bool:
        """True the first time ``(provider, event_id)`` is seen; False on every replay."""
        ...


def signers_of(partnership: Partnership) -> tuple[Signer, ...]:
    """The signatories of the partnership file, one per partner, in the file's order."""
    return tuple(
        Signer(name=r.name, partner_key=r.partner_key or "", email=r.email)
        for r in recipients(partnership, Gate.signature)
    )


__all__ = [
    "Dispatch",
    "SeenEvents",
    "SignatureEvent",
    "SignatureProvider",
    "SignatureRequest",
    "Signer",
    "signers_of",
]
