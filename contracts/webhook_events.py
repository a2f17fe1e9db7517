"""What an outbound webhook tells, from an audit event (pure: no I/O).

A subscriber hears six kinds of event; each is read off the audit event that records it,
so that a webhook is queued in the same transaction as what it announces. The data carry
the partnership's reference and the words of the lifecycle (stage, gate, outcome, document
kind and hash, partner keys), never a person's name, e-mail or reason; a payment's amount
only for a subscription that asked for amounts.
"""

from __future__ import annotations

from typing import Any

EVENTS = (
    "stage_changed",
    "gate_opened",
    "decision_recorded",
    "document_generated",
    "review_closed",
    "payment_recorded",
)
PREFIX = "partnership."  # the webhook's type: partnership.stage_changed, ...


def _picked(payload: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {key: payload.get(key) for key in keys}


def _stage(action: str, payload: dict[str, Any]) -> dict[str, Any] | None:
    if action == "partnership.registered":
        return {"stage_from": None, "stage": payload.get("stage"), "gate": None}
    to = payload.get("stage_to")
    if not isinstance(to, str) or to == payload.get("stage_from"):
        return None
    return {"stage_from": payload.get("stage_from"), "stage": to, "gate": payload.get("gate")}


def announced(
    action: str, payload: dict[str, Any], *, amounts: bool = False
) -> list[tuple[str, dict[str, Any]]]:
    """The webhook events (name, data without the reference) an audit event announces."""
    found: list[tuple[str, dict[str, Any]]] = []
    stage = _stage(action, payload)
    if stage is not None:
        found.append(("stage_changed", stage))
    if action == "gate.notified":
        found.append(("gate_opened", _picked(payload, "gate", "round")))
    elif action == "decision.recorded":
        keys = ("gate", "round", "outcome", "role", "partner", "document_sha256")
        found.append(("decision_recorded", _picked(payload, *keys)))
    elif action == "document.generated":
        found.append(("document_generated", _picked(payload, "kind", "version", "language",
                                                    "sha256")))  # fmt: skip
    elif action == "gate.closed" and payload.get("gate") == "review":
        found.append(("review_closed", {"outcome": payload.get("outcome"),
                                        "stage": payload.get("stage_to")}))  # fmt: skip
    elif action == "payment.recorded":
        data = _picked(payload, "payer", "receiver", "paid_on")
        if amounts:
            data["amount_eur"] = payload.get("amount")
        found.append(("payment_recorded", data))
    return found


def envelope(event: str, reference: str | None, at: str, data: dict[str, Any]) -> dict[str, Any]:
    """The Standard Webhooks body: ``type``, ``timestamp``, ``data`` (with the reference)."""
    return {"type": PREFIX + event, "timestamp": at, "data": {"reference": reference, **data}}
