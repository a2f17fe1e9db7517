"""Use cases: each one a transaction (``with uow: ... uow.commit()``).

The CLI and the Prefect flows call these; they translate input and errors, nothing more.
Refusals are recorded in the audit log before they are reported.

    registration  register a partnership file; amend it before signature
    queries       status, history, documents, audit verification
    decisions     record a decision at a gate, exactly once
    work          run the automatic work of the stages
    notices       tell people when a gate opens (links, queued mails), deliver the queue
    review_opening  open the reviews that are due, in chunks
    reviews       the open review: its periods, conditions, health check
    signatures    send the agreement to an e-signature provider; apply its webhooks
"""

import importlib
from typing import Any

# Imported lazily (PEP 562): `from coopact import services` costs nothing until a use case
# is called, so that read-only commands do not load the document stack (see
# coopact.entrypoints.cli.main).
_WHERE = {
    "ALREADY_RECORDED": "decisions",
    "AMENDABLE": "registration",
    "AdvanceResult": "work",
    "Channel": "decisions",
    "DecisionResult": "decisions",
    "DueReview": "review_opening",
    "EVIDENCE": "evidence",
    "Registered": "registration",
    "SYSTEM": "_common",
    "StatusView": "queries",
    "advance": "work",
    "amend": "registration",
    "canonical_spec": "_common",
    "current_agreement": "gate_documents",
    "decide": "decisions",
    "differences": "_common",
    "document_content": "queries",
    "documents": "queries",
    "history": "queries",
    "notify_gate": "notices",
    "overview": "overview",
    "Overview": "overview",
    "receive_signature_webhook": "signatures",
    "record_review_answers": "reviews",
    "register": "registration",
    "review_due": "review_opening",
    "send_for_signature": "signatures",
    "spec_hash": "_common",
    "status": "queries",
    "status_views": "queries",
    "store_output": "work",
    "verify_audit": "queries",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        try:  # `services.decisions`, `services.links`: a submodule itself
            return importlib.import_module(f"coopact.services.{name}")
        except ModuleNotFoundError as missing:
            if missing.name != f"coopact.services.{name}":
                raise
        raise AttributeError(f"module 'coopact.services' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"coopact.services.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "ALREADY_RECORDED",
    "AMENDABLE",
    "EVIDENCE",
    "SYSTEM",
    "AdvanceResult",
    "Channel",
    "DecisionResult",
    "DueReview",
    "Overview",
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
    "overview",
    "receive_signature_webhook",
    "record_review_answers",
    "register",
    "review_due",
    "send_for_signature",
    "spec_hash",
    "status",
    "status_views",
    "store_output",
    "verify_audit",
]
