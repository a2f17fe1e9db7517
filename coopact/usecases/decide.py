"""A person decides at a gate: the one door for `coopact decide`, a personal decision link,
an officer's legal approval or decision on someone's behalf at the portal, the Prefect
`decide` flows and an e-signature webhook.

:class:`Decide` carries the decision's inputs once; :func:`decide` records it and, on
someone's behalf, the evidence it rests on, in one transaction (exactly once: a replay
changes nothing; a refusal is kept in the audit log and raised, nothing else written);
then :func:`follow_up` runs what follows once: the next stage's work when the gate closed
and the partnership goes on, or, when it ends, the notice to those now awaited. The entry
points build the command and translate :class:`Decided` or the refusal.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from coopact import services
from coopact.contracts import decisions as rules
from coopact.contracts.conditions import Condition
from coopact.contracts.errors import CoopactError, Refused
from coopact.contracts.lifecycle import FINAL, Gate, Outcome, Stage
from coopact.contracts.meeting import Meeting
from coopact.services import decisions as recording
from coopact.services import meetings
from coopact.services._common import _refuse, partnership_of
from coopact.services.decisions import Channel, DecisionResult
from coopact.usecases import failed_work

if TYPE_CHECKING:
    from coopact.services.work import AdvanceResult


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
    decider: rules.Decider  # name, role, partner key
    outcome: Outcome
    reason: str
    document_sha256: str | None = None  # the agreement (avenant) signed or approved
    conditions: tuple[Condition, ...] = ()
    channel: Channel | None = None  # how it arrived (None: the command line, the OS user)
    actor: str | None = None  # who entered it, when not the decider in person
    evidence: Evidence | None = None  # on someone's behalf
    today: dt.date | None = None  # the date of the next stage's work (None: today)
    meeting: Meeting | None = None  # at a review: how the committee deliberated (its minutes)


@dataclass(frozen=True)
class Decided:
    """The decision recorded (``applied`` False: a replay), and what followed it."""

    decision: DecisionResult
    after: AdvanceResult | None = None  # the next stage's work, when it ran
    work_error: CoopactError | None = None  # it refused; the decision stands
    notice_error: CoopactError | None = None  # those awaited not told yet (the mail waits)

    @property
    def applied(self) -> bool:
        return self.decision.applied

    @property
    def stage(self) -> str:
        """Where the partnership stands after everything that ran."""
        return self.after.stage if self.after is not None else self.decision.stage


class Adapters(Protocol):
    """What the follow-up runs on (:class:`coopact.bootstrap.wiring.Adapters`)."""

    @property
    def uow(self) -> Callable[[], Any]: ...
    @property
    def templates(self) -> Path: ...
    @property
    def transport(self) -> Callable[[], Any] | None: ...
    @property
    def signature(self) -> Callable[[], Any] | None: ...


StageWork = Callable[[str, "dt.date | None"], "AdvanceResult"]
Notice = Callable[[str], object]


def decide(
    command: Decide,
    adapters: Adapters,
    *,
    work: StageWork | None = None,
    notice: Notice | None = None,
) -> Decided:
    """Record ``command`` once (with its evidence), then :func:`follow_up`. Raises the
    refusal (Refused, InvalidInput, NotFound, Conflict), nothing recorded but the refusal.

    ``work`` and ``notice`` stand in for the stage work and the gate notice (tests);
    by default they run on ``adapters``."""
    decision = record(adapters.uow(), command)
    return follow_up(
        decision, adapters, today=command.today, work=work, notice=notice, gate=command.gate
    )


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
        round_ = recording._open_round(row, command.gate)
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


def follow_up(
    decision: DecisionResult,
    adapters: Adapters,
    *,
    today: dt.date | None = None,
    work: StageWork | None = None,
    notice: Notice | None = None,
    gate: Gate | None = None,
) -> Decided:
    """What a recorded decision sets going, once: nothing while its gate is open; the next
    stage's work when it closed and the partnership goes on; when it ended, the notice to
    those now awaited (the exit's acknowledgement). A failure there is returned, not
    raised: the decision stands; the stage's work failed is kept as failed work, retried
    here by the next decision on the partnership (:mod:`coopact.usecases.failed_work`)."""
    if not decision.gate_closed and not failed_work.pending(adapters.uow(), decision.reference):
        return Decided(decision)
    if Stage(decision.stage) in FINAL:
        try:
            (notice or _gate_notice(adapters))(decision.reference)
        except CoopactError as error:
            return Decided(decision, notice_error=error)
        return Decided(decision)
    try:
        after = (work or stage_work(adapters))(decision.reference, today)
    except Exception as error:
        if not failed_work.retriable(error):
            raise
        kept = failed_work.keep(
            adapters, decision.reference, stage=decision.stage, gate=gate.value if gate else None,
            said=f"{decision.message} (the decision is recorded)", error=error,
        )  # fmt: skip
        return Decided(decision, work_error=kept)
    return Decided(decision, after)


def after_signatures(reference: str, adapters: Adapters) -> Decided:
    """The follow-up of the last signature a provider's webhook recorded (the webhook
    records it with its event: :func:`record_in`)."""
    signed = DecisionResult(reference, True, Stage.signed.value, True, "signed")
    return follow_up(signed, adapters)


def stage_work(adapters: Adapters) -> StageWork:
    """The automatic work up to the next gate (``services.advance``) on ``adapters``."""

    def run(reference: str, today: dt.date | None) -> AdvanceResult:
        return services.advance(  # type: ignore[no-any-return]
            adapters.uow(), reference, templates=adapters.templates, today=today,
            transport=adapters.transport() if adapters.transport else None,
            signature=adapters.signature() if adapters.signature else None,
        )  # fmt: skip

    return run


def _gate_notice(adapters: Adapters) -> Notice:
    def tell(reference: str) -> object:
        if adapters.transport is None:
            return 0
        return services.notify_gate(
            adapters.uow(), reference, adapters.transport(), templates=adapters.templates
        )

    return tell
