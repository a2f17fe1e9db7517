"""DocuSeal as a signature provider, through its documented REST API.

- Sending: ``POST /submissions/pdf`` (or ``/submissions/docx`` when no PDF exists) with the
  agreement base64-encoded and one submitter per signatory; the API token goes in the
  ``X-Auth-Token`` header. Each submitter carries ``external_id`` ``<reference>:<partner>``
  and ``metadata`` with the partner key and the agreement's SHA-256, so that a webhook tells
  which partner signed which version.
- Hearing back: DocuSeal POSTs ``{"event_type", "timestamp", "data"}`` as JSON to the
  webhook URL. Authenticity: DocuSeal lets the account add a secret sent as a custom header
  (a header name and value chosen in its webhook settings). We require that header and
  compare it with :func:`hmac.compare_digest`; anything without it, or with another value,
  is rejected before its body is even parsed. The secret must be long and random
  (``python -c "import secrets; print(secrets.token_urlsafe(32))"``) and the URL HTTPS.
- Replay: DocuSeal's payload carries no event id, so we derive one from what can happen
  only once: a submitter completes (``form.completed:<submitter id>``) or declines
  (``form.declined:<submitter id>``) once, a submission completes once
  (``submission.completed:<submission id>``). A retried or replayed delivery has the same
  id and :class:`~coopact.adapters.signature.SeenEvents` answers False: nothing is applied again.
- Evidence: once completed, ``GET /submissions/{id}`` gives the signed documents and the
  audit log URLs; we download them and keep their SHA-256.

Never log the payloads: they hold names and email addresses.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from coopact.adapters.settings import environ as config_environ
from coopact.adapters.signature import Dispatch, SeenEvents, SignatureEvent, SignatureRequest
from coopact.contracts.errors import CoopactError, InvalidInput, Problem, SecurityError

PROVIDER = "docuseal"
DEFAULT_SECRET_HEADER = "X-Coopact-Webhook-Secret"
MAX_WEBHOOK_BYTES = 1_000_000


class ProviderError(CoopactError):
    """The signature provider could not be reached or answered an error."""


class WebhookRejected(SecurityError):
    """A webhook that is not authentic or not well formed: nothing of it is applied."""


class MalformedWebhook(WebhookRejected):
    """An authentic delivery whose body is not a DocuSeal event (answer 400, not 401)."""


@dataclass(frozen=True)
class FetchedFile:
    name: str
    url: str
    sha256: str
    content: bytes


@dataclass(frozen=True)
class CompletedSubmission:
    submission_id: str
    documents: tuple[FetchedFile, ...]
    audit_log: FetchedFile | None
    combined_document: FetchedFile | None


@dataclass(frozen=True)
class WebhookResult:
    """``applied`` is True only for the first delivery of an authentic event."""

    applied: bool
    event: SignatureEvent | None
    reason: str


_KINDS = {
    "form.completed": "signed",
    "form.declined": "declined",
    "submission.completed": "completed",
}


class DocusealProvider:
    name = PROVIDER

    def __init__(
        self,
        base_url: str,
        api_token: str,
        *,
        webhook_secret: str,
        webhook_header: str = DEFAULT_SECRET_HEADER,
        send_email: bool = True,
        client: httpx.Client | None = None,
        timeout: float = 30.0,
    ) -> None:
        if not webhook_secret:
            raise ValueError("a DocuSeal webhook secret is required to accept its webhooks")
        self.base_url = base_url.rstrip("/")
        self._token = api_token
        self._secret = webhook_secret
        self.webhook_header = webhook_header
        self.send_email = send_email
        self._client = client or httpx.Client(timeout=timeout)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> DocusealProvider:
        """From COOPACT_DOCUSEAL_URL, _TOKEN, _WEBHOOK_SECRET and optional _WEBHOOK_HEADER."""
        env = config_environ() if environ is None else environ
        missing = [
            k
            for k in (
                "COOPACT_DOCUSEAL_URL",
                "COOPACT_DOCUSEAL_TOKEN",
                "COOPACT_DOCUSEAL_WEBHOOK_SECRET",
            )
            if not env.get(k)
        ]
        if missing:
            raise InvalidInput("environment", [Problem(k, "is not set") for k in missing])
        return cls(
            env["COOPACT_DOCUSEAL_URL"],
            env["COOPACT_DOCUSEAL_TOKEN"],
            webhook_secret=env["COOPACT_DOCUSEAL_WEBHOOK_SECRET"],
            webhook_header=env.get("COOPACT_DOCUSEAL_WEBHOOK_HEADER") or DEFAULT_SECRET_HEADER,
        )

    # -- sending ---------------------------------------------------------------------------

    def _api(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self._client.request(
                method,
                f"{self.base_url}{path}",
                headers={"X-Auth-Token": self._token, "Accept": "application/json"},
                **kwargs,
            )
        except httpx.HTTPError as exc:
            raise ProviderError(
                f"DocuSeal could not be reached at {self.base_url}: {exc}"
            ) from None
        if response.status_code >= 400:
            raise ProviderError(
                f"DocuSeal answered {response.status_code} to {method} {path}: "
                f"{response.text[:200]}"
            )
        return response.json()

    def dispatch(self, request: SignatureRequest) -> Dispatch:
        """Create one submission with the agreement and one submitter per signatory."""
        missing = [s.partner_key for s in request.signers if not s.email]
        if missing:
            raise InvalidInput(
                "signature request",
                [
                    Problem(f"partners[{k}].signatory.email", "is needed to sign with DocuSeal")
                    for k in missing
                ],
            )
        if request.agreement_pdf is not None:
            path, data, name = "/submissions/pdf", request.agreement_pdf, request.agreement_name
            name = name.rsplit(".", 1)[0] + ".pdf"
        else:
            path, data, name = "/submissions/docx", request.agreement_docx, request.agreement_name
        body = {
            "name": f"{request.reference} — {request.title}",
            "send_email": self.send_email,
            "order": "random",
            "documents": [{"name": name, "file": base64.b64encode(data).decode("ascii")}],
            "submitters": [
                {
                    "name": s.name,
                    "email": s.email,
                    "role": s.partner_key,
                    "external_id": f"{request.reference}:{s.partner_key}",
                    "metadata": {
                        "reference": request.reference,
                        "partner": s.partner_key,
                        "document_sha256": request.signed_sha256,
                    },
                }
                for s in request.signers
            ],
        }
        answer = self._api("POST", path, json=body)
        submitters = answer.get("submitters", []) if isinstance(answer, dict) else answer
        submission_id = (
            answer.get("id")
            if isinstance(answer, dict)
            else (submitters[0].get("submission_id") if submitters else None)
        )
        if submission_id is None:
            raise ProviderError("DocuSeal did not return a submission id")
        return Dispatch(
            provider=self.name,
            external_id=str(submission_id),
            agreement_sha256=request.signed_sha256,
            submitters={_partner_of(s) or str(s.get("role")): str(s.get("id")) for s in submitters},
        )

    # -- hearing back ----------------------------------------------------------------------

    def verify(self, headers: Mapping[str, str], body: bytes) -> None:
        """Raise :class:`WebhookRejected` unless the secret header is present and equal."""
        given = _header(headers, self.webhook_header)
        if given is None:
            raise WebhookRejected(
                f"DocuSeal webhook without the {self.webhook_header} header: rejected"
            )
        if not hmac.compare_digest(given.encode(), self._secret.encode()):
            raise WebhookRejected("DocuSeal webhook with a wrong secret: rejected")
        if len(body) > MAX_WEBHOOK_BYTES:
            raise WebhookRejected("DocuSeal webhook larger than 1 MB: rejected")

    def parse(self, body: bytes) -> SignatureEvent:
        """The event carried by an already verified webhook body."""
        try:
            payload = json.loads(body)
            event_type = str(payload["event_type"])
            data = payload["data"]
            record_id = str(data["id"])
            if not isinstance(data, dict) or len(event_type) + len(record_id) > 150:
                raise TypeError(event_type)
            for part in ("metadata", "submission"):
                if not isinstance(data.get(part) or {}, dict):
                    raise TypeError(part)
        except (ValueError, KeyError, TypeError):
            raise MalformedWebhook(
                "DocuSeal webhook that is not a DocuSeal event: rejected"
            ) from None
        kind = _KINDS.get(event_type, "other")
        digest = hashlib.sha256(body).hexdigest()
        if kind == "other":
            event_id = f"{event_type}:{record_id}:{payload.get('timestamp', '')}"
            return SignatureEvent(PROVIDER, event_id, digest, kind, submission_id="")
        if kind == "completed":
            return SignatureEvent(PROVIDER, f"{event_type}:{record_id}", digest, kind, record_id)
        metadata = data.get("metadata") or {}
        submission = data.get("submission") or {}
        submission_id = str(data.get("submission_id") or submission.get("id") or "")
        return SignatureEvent(
            provider=PROVIDER,
            event_id=f"{event_type}:{record_id}",
            payload_sha256=digest,
            kind=kind,
            submission_id=submission_id,
            partner_key=_partner_of(data),
            signer_name=data.get("name"),
            document_sha256=metadata.get("document_sha256"),
            reason=data.get("decline_reason"),
        )

    def receive(
        self,
        headers: Mapping[str, str],
        body: bytes,
        seen: SeenEvents,
        apply: Callable[[SignatureEvent], None] | None = None,
    ) -> WebhookResult:
        """Verify, parse and de-duplicate one delivery; ``apply`` runs for the first one only.

        Raises :class:`WebhookRejected` (answer 401/400) when it is not authentic.
        """
        self.verify(headers, body)
        event = self.parse(body)
        if not seen.first_time(PROVIDER, event.event_id, event.payload_sha256):
            return WebhookResult(False, event, f"event {event.event_id} already applied")
        if apply is not None:
            apply(event)
        return WebhookResult(True, event, f"event {event.event_id} applied")

    # -- evidence --------------------------------------------------------------------------

    def fetch_completed(self, submission_id: str) -> CompletedSubmission:
        """Download the signed documents and the audit log of a completed submission."""
        submission = self._api("GET", f"/submissions/{submission_id}")
        if submission.get("status") != "completed":
            raise ProviderError(
                f"DocuSeal submission {submission_id} is {submission.get('status')}, not completed"
            )
        documents = tuple(self._fetch(d["name"], d["url"]) for d in submission.get("documents", []))
        audit = submission.get("audit_log_url")
        combined = submission.get("combined_document_url")
        return CompletedSubmission(
            submission_id=str(submission_id),
            documents=documents,
            audit_log=self._fetch("audit-log.pdf", audit) if audit else None,
            combined_document=self._fetch("combined.pdf", combined) if combined else None,
        )

    def _fetch(self, name: str, url: str) -> FetchedFile:
        # Download URLs are signed by DocuSeal: the API token is not sent with them, so it
        # never leaves for another host (storage behind a proxy, a CDN).
        try:
            response = self._client.get(url)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise ProviderError(
                f"DocuSeal document {name} could not be downloaded: {exc}"
            ) from None
        content = response.content
        return FetchedFile(name, url, hashlib.sha256(content).hexdigest(), content)


def _header(headers: Mapping[str, str], name: str) -> str | None:
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return None


def _partner_of(submitter: Mapping[str, Any]) -> str | None:
    metadata = submitter.get("metadata") or {}
    if metadata.get("partner"):
        return str(metadata["partner"])
    external = submitter.get("external_id")
    if isinstance(external, str) and ":" in external:
        return external.rsplit(":", 1)[1]
    return None
