"""Yousign (a French qualified trust service provider) as a signature provider, through its
documented API v3 (https://developers.yousign.com/).

- Sending: ``POST /signature_requests`` (a draft named after the partnership, its
  ``external_id`` the reference), ``POST /signature_requests/{id}/documents`` (the agreement
  as a PDF, multipart, ``nature=signable_document``), ``POST /signature_requests/{id}/signers``
  (one per signatory, a signature field on the last page), then ``POST
  /signature_requests/{id}/activate``: Yousign e-mails each signer. The API key goes in
  ``Authorization: Bearer``. The signer ids are kept with the dispatch (partner -> signer).
- Hearing back: Yousign POSTs ``{"event_id", "event_name", "event_time", "data"}``, signed
  by ``X-Yousign-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the webhook
  secret>``; anything else is rejected before its body is parsed. ``signer.done`` is a
  signature, ``signature_request.declined`` a decline, ``signature_request.done`` the end:
  the signed documents are then downloaded (``GET /signature_requests/{id}/documents`` and
  ``.../documents/{document_id}/download``) and kept with their SHA-256. The event id is
  derived from what happens once (``signer.done:<signer id>``...), so that a retry is a
  replay.

Never log the payloads: they hold names and e-mail addresses.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable, Mapping
from typing import Any

import httpx

from coopact.adapters.settings import environ as config_environ
from coopact.adapters.signature import Dispatch, SeenEvents, SignatureEvent, SignatureRequest
from coopact.adapters.signature.docuseal import (
    MAX_WEBHOOK_BYTES,
    CompletedSubmission,
    FetchedFile,
    MalformedWebhook,
    ProviderError,
    WebhookRejected,
    WebhookResult,
    _header,
)
from coopact.contracts.errors import InvalidInput, Problem

PROVIDER = "yousign"
DEFAULT_URL = "https://api.yousign.app/v3"
SIGNATURE_HEADER = "X-Yousign-Signature-256"
_KINDS = {
    "signer.done": "signed",
    "signature_request.declined": "declined",
    "signature_request.done": "completed",
}


class YousignProvider:
    name = PROVIDER

    def __init__(
        self,
        api_key: str,
        *,
        webhook_secret: str,
        base_url: str = DEFAULT_URL,
        client: httpx.Client | None = None,
        timeout: float = 30.0,
    ) -> None:
        if not webhook_secret:
            raise ValueError("a Yousign webhook secret is required to accept its webhooks")
        self.base_url = base_url.rstrip("/")
        self._key = api_key
        self._secret = webhook_secret
        self._client = client or httpx.Client(timeout=timeout)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> YousignProvider:
        """From COOPACT_YOUSIGN_API_KEY, _WEBHOOK_SECRET and optional _URL."""
        env = config_environ() if environ is None else environ
        needed = ("COOPACT_YOUSIGN_API_KEY", "COOPACT_YOUSIGN_WEBHOOK_SECRET")
        missing = [k for k in needed if not env.get(k)]
        if missing:
            raise InvalidInput("environment", [Problem(k, "is not set") for k in missing])
        return cls(
            env["COOPACT_YOUSIGN_API_KEY"],
            webhook_secret=env["COOPACT_YOUSIGN_WEBHOOK_SECRET"],
            base_url=env.get("COOPACT_YOUSIGN_URL") or DEFAULT_URL,
        )

    # -- sending ---------------------------------------------------------------------------
    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._client.request(
                method, f"{self.base_url}{path}",
                headers={"Authorization": f"Bearer {self._key}"}, **kwargs,
            )  # fmt: skip
        except httpx.HTTPError as error:
            raise ProviderError(
                f"Yousign could not be reached at {self.base_url} ({type(error).__name__})"
            ) from None
        if response.status_code >= 400:
            raise ProviderError(f"Yousign answered {response.status_code} to {method} {path}")
        return response

    def _api(self, method: str, path: str, **kwargs: Any) -> Any:
        return self._call(method, path, **kwargs).json()

    def dispatch(self, request: SignatureRequest) -> Dispatch:
        """Create the signature request, add the agreement and the signers, activate it."""
        problems = [
            Problem(f"partners[{s.partner_key}].signatory.email", "is needed to sign with Yousign")
            for s in request.signers
            if not s.email
        ]
        if request.agreement_pdf is None:
            problems.append(Problem("agreement", "Yousign signs a PDF: install LibreOffice"))
        if problems:
            raise InvalidInput("signature request", problems)
        assert request.agreement_pdf is not None
        created = self._api("POST", "/signature_requests", json={
            "name": f"{request.reference} — {request.title}"[:255],
            "delivery_mode": "email", "timezone": "Europe/Paris",
            "external_id": request.reference,
        })  # fmt: skip
        ident = str(created["id"])
        name = request.agreement_name.rsplit(".", 1)[0] + ".pdf"
        document = self._api(
            "POST", f"/signature_requests/{ident}/documents",
            files={"file": (name, request.agreement_pdf, "application/pdf")},
            data={"nature": "signable_document"},
        )  # fmt: skip
        signers = {}
        for signer in request.signers:
            first, _, last = signer.name.strip().partition(" ")
            answer = self._api("POST", f"/signature_requests/{ident}/signers", json={
                "info": {"first_name": first, "last_name": last or first,
                         "email": signer.email, "locale": request.language},
                "signature_level": "electronic_signature",
                "signature_authentication_mode": "otp_email",
                "fields": [{"document_id": document["id"], "type": "signature",
                            "page": 1, "x": 77, "y": 581}],
            })  # fmt: skip
            signers[signer.partner_key] = str(answer["id"])
        self._api("POST", f"/signature_requests/{ident}/activate")
        return Dispatch(self.name, ident, request.signed_sha256, submitters=signers)

    # -- hearing back ----------------------------------------------------------------------
    def verify(self, headers: Mapping[str, str], body: bytes) -> None:
        """Raise :class:`WebhookRejected` unless the body carries Yousign's HMAC signature."""
        given = _header(headers, SIGNATURE_HEADER)
        if given is None:
            raise WebhookRejected(f"Yousign webhook without the {SIGNATURE_HEADER} header")
        if len(body) > MAX_WEBHOOK_BYTES:
            raise WebhookRejected("Yousign webhook larger than 1 MB: rejected")
        expected = "sha256=" + hmac.new(self._secret.encode(), body, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(given.strip().encode(), expected.encode()):
            raise WebhookRejected("Yousign webhook with a wrong signature: rejected")

    def parse(self, body: bytes) -> SignatureEvent:
        """The event carried by an already verified webhook body."""
        try:
            payload = json.loads(body)
            name = str(payload["event_name"])
            request = payload["data"]["signature_request"]
            request_id = str(request["id"])
            signer = payload["data"].get("signer") or {}
            if not isinstance(signer, dict) or len(name) + len(request_id) > 150:
                raise TypeError(name)
        except (ValueError, KeyError, TypeError):
            raise MalformedWebhook(
                "Yousign webhook that is not a Yousign event: rejected"
            ) from None
        kind = _KINDS.get(name, "other")
        digest = hashlib.sha256(body).hexdigest()
        if kind in ("other", "completed"):
            event_id = f"{name}:{request_id}" + (f":{payload.get('event_id')}" * (kind == "other"))
            return SignatureEvent(PROVIDER, event_id, digest, kind, request_id)
        declined = request.get("decline_information") or {}
        signer_id = str(signer.get("id") or declined.get("signer_id") or "")
        info = signer.get("info") or {}
        full_name = " ".join(str(info.get(k) or "") for k in ("first_name", "last_name")).strip()
        return SignatureEvent(
            PROVIDER, f"{name}:{signer_id or request_id}", digest, kind, request_id,
            signer_name=full_name or None, reason=declined.get("reason"), signer_id=signer_id,
        )  # fmt: skip

    def receive(
        self,
        headers: Mapping[str, str],
        body: bytes,
        seen: SeenEvents,
        apply: Callable[[SignatureEvent], None] | None = None,
    ) -> WebhookResult:
        """Verify, parse and de-duplicate one delivery; ``apply`` runs for the first one only."""
        self.verify(headers, body)
        event = self.parse(body)
        if not seen.first_time(PROVIDER, event.event_id, event.payload_sha256):
            return WebhookResult(False, event, f"event {event.event_id} already applied")
        if apply is not None:
            apply(event)
        return WebhookResult(True, event, f"event {event.event_id} applied")

    # -- evidence --------------------------------------------------------------------------
    def fetch_completed(self, submission_id: str) -> CompletedSubmission:
        """Download the signed documents of a done signature request, with their hashes."""
        listed = self._api("GET", f"/signature_requests/{submission_id}/documents")
        documents = []
        for document in listed if isinstance(listed, list) else listed.get("data", []):
            if document.get("nature", "signable_document") != "signable_document":
                continue
            path = f"/signature_requests/{submission_id}/documents/{document['id']}/download"
            content = self._call("GET", path).content
            name = str(document.get("filename") or f"{document['id']}.pdf")
            digest = hashlib.sha256(content).hexdigest()
            documents.append(FetchedFile(name, self.base_url + path, digest, content))
        return CompletedSubmission(str(submission_id), tuple(documents), None, None)
