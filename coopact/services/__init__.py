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

from typing import TYPE_CHECKING

from coopact.schemas.lazy import lazy_getattr

# Imported lazily (PEP 562, coopact.schemas.lazy): `from coopact import services` costs
# nothing until a use case is called, so that read-only commands do not load the document
# stack (see coopact.entrypoints.cli.main). Static tools (mypy, import-linter) read the same
# names from the explicit imports under TYPE_CHECKING below; tests/unit/test_lazy_facades.py
# keeps the two lists one.
if TYPE_CHECKING:  # what static tools read: the same names, imported explicitly
    from coopact.services import (
        _common as _common,
    )
    from coopact.services import (
        after_signature as after_signature,
    )
    from coopact.services import (
        decisions as decisions,
    )
    from coopact.services import (
        gate_documents as gate_documents,
    )
    from coopact.services import (
        mail as mail,
    )
    from coopact.services import (
        overview as overview,  # the module: its function is services.overview.overview
    )
    from coopact.services import (
        privacy as privacy,
    )
    from coopact.services import (
        registration as registration,
    )
    from coopact.services import (
        review_opening as review_opening,
    )
    from coopact.services import (
        review_reports as review_reports,
    )
    from coopact.services import (
        work as work,
    )
    from coopact.services._common import SYSTEM as SYSTEM
    from coopact.services._common import canonical_spec as canonical_spec
    from coopact.services._common import differences as differences
    from coopact.services._common import spec_hash as spec_hash
    from coopact.services.decision_record import decide as decide
    from coopact.services.decisions import ALREADY_RECORDED as ALREADY_RECORDED
    from coopact.services.decisions import Channel as Channel
    from coopact.services.decisions import DecisionResult as DecisionResult
    from coopact.services.evidence import EVIDENCE as EVIDENCE
    from coopact.services.gate_documents import current_agreement as current_agreement
    from coopact.services.notices import notify_gate as notify_gate
    from coopact.services.overview import Overview as Overview
    from coopact.services.queries import document_content as document_content
    from coopact.services.queries import documents as documents
    from coopact.services.queries import history as history
    from coopact.services.queries import status as status
    from coopact.services.queries import status_views as status_views
    from coopact.services.queries import verify_audit as verify_audit
    from coopact.services.registration import AMENDABLE as AMENDABLE
    from coopact.services.registration import Registered as Registered
    from coopact.services.registration import amend as amend
    from coopact.services.registration import register as register
    from coopact.services.review_opening import DueReview as DueReview
    from coopact.services.review_opening import review_due as review_due
    from coopact.services.reviews import record_review_answers as record_review_answers
    from coopact.services.signatures import receive_signature_webhook as receive_signature_webhook
    from coopact.services.signatures import send_for_signature as send_for_signature
    from coopact.services.status_view import StatusView as StatusView
    from coopact.services.work import AdvanceResult as AdvanceResult
    from coopact.services.work import advance as advance
    from coopact.services.work import store_output as store_output

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
    "StatusView": "status_view",
    "advance": "work",
    "amend": "registration",
    "canonical_spec": "_common",
    "current_agreement": "gate_documents",
    "decide": "decision_record",
    "differences": "_common",
    "document_content": "queries",
    "documents": "queries",
    "history": "queries",
    "notify_gate": "notices",
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


if not TYPE_CHECKING:  # at run time: each name imported on first use; any other name
    # a submodule itself (`services.decisions`, `services.links`)
    __getattr__ = lazy_getattr(__name__, _WHERE, submodules=True)


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
