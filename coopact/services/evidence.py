"""The document each gate is decided on: no decision before the evidence exists.

Kept apart from the use cases so that listing the partnerships needs neither the ORM nor
the partnership schema.
"""

from __future__ import annotations

from coopact.contracts.lifecycle import Gate

AGREEMENT = "agreement"
AVENANT = "avenant"
AGREEMENT_PDF = "agreement_pdf"  # the agreement's PDF: what the signatories read and sign
AVENANT_PDF = "avenant_pdf"  # the avenant's PDF: what the signatories read and sign
# Each signed PDF and the .docx it is made from (its inputs name that .docx's SHA-256).
PDF_OF: dict[str, str] = {AGREEMENT_PDF: AGREEMENT, AVENANT_PDF: AVENANT}

EVIDENCE: dict[Gate, str] = {
    Gate.vision_approval: "vision_note",
    Gate.balance_acceptance: "balance_report",
    Gate.legal_approval: AGREEMENT,
    Gate.signature: AGREEMENT_PDF,
    Gate.review: "review_report",
    Gate.amendment_approval: AVENANT,
    Gate.amendment_signature: AVENANT_PDF,
    Gate.exit_acknowledgement: "exit_statement",
}

# The gates decided on a document named by its SHA-256 in each decision: a decision on an
# earlier version does not count.
DOCUMENT_GATES: dict[Gate, str] = {
    Gate.legal_approval: AGREEMENT,
    Gate.signature: AGREEMENT_PDF,  # a signature names the SHA-256 of the PDF signed
    Gate.amendment_approval: AVENANT,
    Gate.amendment_signature: AVENANT_PDF,  # and an avenant's signature, its PDF's
}
