"""Trust: the audit chain's head, decisions asked for
through Prefect (kept here, so that Prefect only ever sees their id)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from coopact.contracts import authorisation, deciders
from coopact.contracts import conditions as condition_rules
from coopact.contracts.conditions import Condition
from coopact.contracts.errors import InvalidInput, NotFound, Problem, Refused
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.roles import Role
from coopact.services._common import partnership_of
from coopact.services.decision_record import Decide, record
from coopact.services.decisions import Channel, DecisionResult, check_conditions, check_text
from coopact.store.records import DecisionRequestRow
from coopact.store.uow import UnitOfWork

T = TypeVar("T")


def chain_head(uow: UnitOfWork) -> dict[str, Any] | None:
    """The audit chain's head (seq, hash, time), recorded by packets and review reports."""
    head = uow.acts.chain_head()
    if head is None:
        return None
    return {
        "seq": head.seq,
        "hash": head.hash,
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


# --------------------------------------------------------------------------- decision requests
def request_decision(
    uow: UnitOfWork,
    reference: str,
    gate: Gate,
    decider: deciders.Decider,
    outcome: Outcome,
    reason: str,
    *,
    document_sha256: str | None = None,
    conditions: Sequence[Condition] = (),
) -> int:
    """Keep a decision to be applied by the Prefect `decide` deployment; returns its id,
    the only thing the flow run receives. The conditions of a go_with_conditions vote are
    kept with it, checked now as the decision will check them."""
    check_text(reason, conditions)
    with uow:
        row = uow.partnerships.get(reference)
        partnership = partnership_of(row)
        authorisation.authorise(partnership, gate, decider)
        check_conditions(partnership, gate, outcome, conditions)
        pending = DecisionRequestRow(
            reference=reference,
            request={
                "gate": gate.value,
                "name": decider.name,
                "role": decider.role.value,
                "partner": decider.partner_key,
                "outcome": outcome.value,
                "reason": reason,
                "document_sha256": document_sha256,
                "conditions": [_kept(c) for c in conditions],
            },
            status="pending",
        )
        uow.acts.add_request(pending)
        uow.flush()
        uow.commit()
        return pending.id


def _kept(condition: Condition) -> dict[str, Any]:
    return {
        "what": condition.what,
        "owner": condition.owner,
        "due": condition.due_on.isoformat(),
        "indicator": condition.indicator,
    }


def _kept_conditions(request_id: int, data: dict[str, Any]) -> list[Condition]:
    found, problems = [], []
    for i, item in enumerate(data.get("conditions") or []):
        parsed = condition_rules.from_mapping(item, i)
        if isinstance(parsed, str):
            problems.append(Problem(f"decision request {request_id}", parsed))
        else:
            found.append(parsed)
    if problems:
        raise InvalidInput("conditions", problems)
    return found


def requested_decision(
    uow: UnitOfWork, request_id: int, *, channel: Channel | None = None
) -> Decide:
    """The decision a pending request keeps (with its conditions); NotFound, or Refused
    when it was already applied or refused."""
    with uow:
        pending = uow.acts.request(request_id)
        if pending is None:
            raise NotFound(f"no decision request {request_id}")
        if pending.status != "pending":
            raise Refused(f"decision request {request_id} was already {pending.status}")
        reference, data = pending.reference, dict(pending.request)
    decider = deciders.Decider(data["name"], Role(data["role"]), data["partner"])
    return Decide(
        reference, Gate(data["gate"]), decider, Outcome(data["outcome"]), data["reason"],
        document_sha256=data["document_sha256"], channel=channel,
        conditions=tuple(_kept_conditions(request_id, data)),
    )  # fmt: skip


def apply_requested(uow: UnitOfWork, request_id: int, apply: Callable[[], T]) -> T:
    """Run ``apply`` (the decision's handler) once for a request, then close the request:
    applied, or refused when the decision was (the refusal raised)."""
    try:
        result = apply()
    except (Refused, InvalidInput):
        _close_request(uow, request_id, "refused")
        raise
    _close_request(uow, request_id, "applied")
    return result


def decide_requested(
    uow: UnitOfWork, request_id: int, *, channel: Channel | None = None
) -> tuple[str, DecisionResult]:
    """Apply a pending decision request once, nothing after it (the `decide` flow runs it
    through :mod:`coopact.usecases.decide`); returns its reference and the result."""
    command = requested_decision(uow, request_id, channel=channel)
    return command.reference, apply_requested(uow, request_id, lambda: record(uow, command))


def _close_request(uow: UnitOfWork, request_id: int, status: str) -> None:
    with uow:
        pending = uow.acts.request(request_id, for_update=True)
        if pending is not None:
            pending.status = status
            pending.done_at = dt.datetime.now(dt.UTC)
            uow.commit()
