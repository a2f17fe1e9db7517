"""Use cases: each one a transaction (``with uow: ... uow.commit()``).

The CLI and the Prefect flows call these; they translate input and errors, nothing more.
Refusals are recorded in the audit log before they are reported.

    registration  register a partnership file; amend it before signature
    queries       status, history, documents, audit verification
    decisions     record a decision at a gate, exactly once
    work          run the automatic work of the stages; tell people when a gate opens
    reviews       open the reviews that are due; record the health check
    signatures    send the agreement to an e-signature provider; apply its webhooks
"""

from coopact.services._common import SYSTEM, canonical_spec, differences, spec_hash
from coopact.services.decisions import (
    ALREADY_RECORDED,
    EVIDENCE,
    Channel,
    DecisionResult,
    current_agreement,
    decide,
)
from coopact.services.queries import (
    StatusView,
    document_content,
    documents,
    history,
    status,
    verify_audit,
)
from coopact.services.registration import AMENDABLE, Registered, amend, register
from coopact.services.reviews import DueReview, record_review_answers, review_due
from coopact.services.signatures import receive_signature_webhook, send_for_signature
from coopact.services.work import AdvanceResult, advance, notify_gate, store_output

__all__ = [
    "ALREADY_RECORDED",
    "AMENDABLE",
    "EVIDENCE",
    "SYSTEM",
    "AdvanceResult",
    "Channel",
    "DecisionResult",
    "DueReview",
    "Registered",
    "StatusView",
    "advance",
    "amend",
    "canonical_spec",
    "current_agreement",
    "decide",
    "differences",
    "document_content",
    "documents",
    "history",
    "notify_gate",
    "receive_signature_webhook",
    "record_review_answers",
    "register",
    "review_due",
    "send_for_signature",
    "spec_hash",
    "status",
    "store_output",
    "verify_audit",
]
