"""Recording one decision, exactly once, in one transaction: the command that carries its
inputs (:class:`Decide`), :func:`record` and, inside a caller's transaction,
:func:`record_in`. Below :mod:`coopact.usecases.decide`, the door of every entry point,
which runs what follows a decision; the services that record a decision with more (a
signature webhook's event, a decision request kept for Prefect) call this module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from coopact.contracts import deciders
from coopact.contracts.conditions import Condition
from coopact.contracts.errors import Refused
from coopact.contracts.lifecycle import Gate, Outcome
from coopact.contracts.meeting import Meeting
from coopact.services import decisions as recording
from coopact.services import meetings
from coopact.services._common import _refuse, partnership_of
from coopact.services.decisions import Channel, DecisionResult
from coopact.services.rounds import open_round
from coopact.store.uow import UnitOfWork


@dataclass(frozen=True)
class Evidence:
    """The piece a decision recorded on someone's behalf rests on (a mail, minutes)."""

    filename: str
    media_type: str
    content: bytes
    uploaded_by: str  # the officer's e-mail

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()


@dataclass(frozen=True)
class Decide:
    """One decision at a gate, as it arrived."""

    reference: str
    gate: Gate
    decider: deciders.Decider  # name, role, partner key
    outcome: Outcome
    reason: str
    document_sha256: str | None = None  # the agreement (avenant) signed or approved
    conditions: tuple[Condition, ...] = ()
    channel: Channel | None = None  # how it arrived (None: the command line, the OS user)
    actor: str | None = None  # who entered it, when not the decider in person
    evidence: Evidence | None = None  # on someone's behalf
    today: dt.date | None = None  # the date of the next stage's work (None: today)
    meeting: Meeting | None = None  # at a review: how the committee deliberated (its minutes)


def record(uow: Any, command: Decide) -> DecisionResult:
    """The decision and its evidence in one transaction of ``uow`` (committed when applied)."""
    channel = command.channel or recording.cli_channel()
    recording.check_duty(command.gate, channel)  # before anything is read or written
    recording.check_text(command.reason, command.conditions)
    actor, person_id = recording.actor_of(uow, command.decider, command.actor)
    with uow:
        row = uow.partnerships.get_for_update(command.reference)
        try:
            result = record_in(uow, row, command, actor=actor)
        except Refused as refusal:
            # A member's go refused at a review is named in its minutes (its outcome kept).
            said = f" {command.outcome.value}" if command.gate is Gate.review else ""
            _refuse(
                uow, command.reference, actor, f"decide {command.gate.value}{said}",
                refusal.message, person_id=person_id, person=command.decider.name,
            )  # fmt: skip
        if result.applied:
            if command.evidence is not None:
                _keep_evidence(uow, row, command)
            uow.commit()
        return result


def record_in(uow: Any, row: Any, command: Decide, *, actor: str | None = None) -> DecisionResult:
    """The rules and writes of one decision inside the caller's transaction (``row``
    locked), for a caller that records more with it (a webhook's event); raises Refused
    before writing anything."""
    if actor is None:
        actor = recording.actor_of(uow, command.decider, command.actor)[0]
    if command.meeting is not None:  # kept before the vote that may close the review
        meetings.check(partnership_of(row), command.gate, command.meeting)
        round_ = open_round(row, command.gate)
        meetings.keep(uow, row, round_, command.meeting, actor)
    return recording._record_decision(
        uow, row, command.gate, command.decider, command.outcome, command.reason,
        document_sha256=command.document_sha256, actor=actor, channel=command.channel,
        conditions=command.conditions,
    )  # fmt: skip


def _keep_evidence(uow: Any, row: Any, command: Decide) -> None:
    evidence = command.evidence
    assert evidence is not None
    uow.decisions.add_evidence(
        row, filename=evidence.filename or "piece", media_type=evidence.media_type,
        sha256=evidence.sha256, content=evidence.content, uploaded_by=evidence.uploaded_by,
    )  # fmt: skip
    uow.audit(
        "evidence.stored", actor=f"{evidence.uploaded_by} (partnership_officer)",
        reference=command.reference, gate=command.gate.value, sha256=evidence.sha256,
        size=len(evidence.content),
    )  # fmt: skip


def decide(
    uow: UnitOfWork,
    reference: str,
    gate: Gate,
    decider: deciders.Decider,
    outcome: Outcome,
    reason: str,
    *,
    document_sha256: str | None = None,
    actor: str | None = None,
    channel: Channel | None = None,
    conditions: Sequence[Condition] = (),
    meeting: Meeting | None = None,
) -> DecisionResult:
    """Record one decision at the open gate, exactly once, and nothing after it (the
    scripts and tests that decide step by step); :mod:`coopact.usecases.decide` is the
    door of every entry point."""
    command = Decide(
        reference, gate, decider, outcome, reason, document_sha256=document_sha256,
        conditions=tuple(conditions), channel=channel, actor=actor, meeting=meeting,
    )  # fmt: skip
    return record(uow, command)
